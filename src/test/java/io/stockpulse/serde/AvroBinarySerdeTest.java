package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuPolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroBinarySerdeTest {

    static Stream<SpecificRecord> records() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void roundTripsEveryGeneratedType(SpecificRecord record) {
        AvroBinarySerde<T> serde = new AvroBinarySerde<>((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("store-changelog", (T) record);
        assertThat(serde.deserializer().deserialize("store-changelog", bytes)).isEqualTo(record);
    }

    @Test
    void hasNoHeaderAndNeedsNoRegistry() {
        AvroBinarySerde<SkuPolicy> serde = new AvroBinarySerde<>(SkuPolicy.class);
        byte[] bytes = serde.serializer().serialize("t", SkuPolicy.newBuilder().setSku("A").build());
        // string "A" (len 1 zig-zag = 2, 'A') then sixteen null union branches (index 0)
        assertThat(bytes).startsWith(2, 'A').hasSize(18);
        assertThat(serde.schema()).isEqualTo(SkuPolicy.getClassSchema());
    }

    @Test
    void nullStaysNull() {
        AvroBinarySerde<SaleEvent> serde = new AvroBinarySerde<>(SaleEvent.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void badBytesAreSerializationExceptions() {
        AvroBinarySerde<SaleEvent> serde = new AvroBinarySerde<>(SaleEvent.class);
        byte[] bytes = serde.serializer().serialize("t", SampleRecords.sale("E-1"));
        assertThatThrownBy(() -> serde.deserializer().deserialize("sku-store", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContainingAll("io.stockpulse.avro.SaleEvent", "'sku-store'", "truncated or corrupt");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", SampleRecords.concat(bytes, (byte) 0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void configurableByClassName() {
        AvroBinarySerde<SaleEvent> serde = new AvroBinarySerde<>();
        assertThatThrownBy(() -> serde.serializer().serialize("t", SampleRecords.sale("E")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> serde.configure(Map.of(), false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.value.type");
        serde.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, SaleEvent.class.getName()), true);
        byte[] bytes = serde.serializer().serialize("t", SampleRecords.sale("E"));
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(SampleRecords.sale("E"));
    }

    @Test
    void isThreadSafe() {
        AvroBinarySerde<SaleEvent> serde = new AvroBinarySerde<>(SaleEvent.class);
        assertThat(IntStream.range(0, 5_000).parallel().allMatch(i -> {
            SaleEvent in = SampleRecords.sale("E-" + i);
            return in.equals(serde.deserializer().deserialize("t", serde.serializer().serialize("t", in)));
        })).isTrue();
    }
}
