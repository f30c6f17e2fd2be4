package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuPolicy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroSerdeTest {

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final String url = "mock://" + scope;
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    static Stream<SpecificRecord> records() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void roundTripsEveryGeneratedTypeThroughMockRegistry(SpecificRecord record) {
        assertThat(roundTrip(record, "inventory.test")).isEqualTo(record);
        assertThat(registry.subjects()).containsExactly("inventory.test-value");
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> T roundTrip(T record, String topic) {
        Class<T> type = (Class<T>) record.getClass();
        try (ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(type, registry, true)) {
            byte[] bytes = serde.serializer().serialize(topic, record);
            return serde.deserializer().deserialize(topic, bytes);
        }
    }

    @Test
    void writesConfluentWireFormat() {
        SaleEvent sale = SampleRecords.sale("E-1");
        byte[] bytes = new ConfluentAvroSerializer<>(SaleEvent.class, registry, true).serialize("inventory.sales", sale);

        int registered = registry.idFor("inventory.sales-value", SaleEvent.getClassSchema()).orElseThrow();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered);
        byte[] plain = new AvroBinarySerde<>(SaleEvent.class).serializer().serialize("x", sale);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plain);
    }

    @Test
    void keySerdeUsesKeySubject() {
        try (ConfluentAvroSerde<SkuPolicy> serde = new ConfluentAvroSerde<>(SkuPolicy.class, registry, true)) {
            serde.configure(Map.of(), true);
            byte[] bytes = serde.serializer().serialize("inventory.sku-policies", SampleRecords.policy());
            assertThat(serde.deserializer().deserialize("inventory.sku-policies", bytes)).isEqualTo(SampleRecords.policy());
        }
        assertThat(registry.subjects()).containsExactly("inventory.sku-policies-key");
    }

    @Test
    void nullStaysNullBothWays() {
        try (ConfluentAvroSerde<SaleEvent> serde = new ConfluentAvroSerde<>(SaleEvent.class, registry, true)) {
            assertThat(serde.serializer().serialize("t", null)).isNull();
            assertThat(serde.deserializer().deserialize("t", null)).isNull();
        }
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void worksWhenInstantiatedAndConfiguredLikeKafkaDoes() {
        Map<String, Object> props = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, "io.stockpulse.avro.SaleEvent");
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>();
        ser.configure(props, false);
        ConfluentAvroDeserializer<SaleEvent> de = new ConfluentAvroDeserializer<>();
        de.configure(props, false);
        ConfluentAvroSerde<SaleEvent> serde = new ConfluentAvroSerde<>();
        serde.configure(props, false);

        byte[] bytes = ser.serialize("inventory.sales", SampleRecords.sale("E-1"));
        assertThat(de.deserialize("inventory.sales", bytes)).isEqualTo(SampleRecords.sale("E-1"));
        assertThat(serde.deserializer().deserialize("inventory.sales", bytes)).isEqualTo(SampleRecords.sale("E-1"));
        assertThat(registry.subjects()).containsExactly("inventory.sales-value");
        ser.close();
        de.close();
        serde.close();
    }

    @Test
    void deserializersOnTheSameMockScopeShareSchemas() {
        Map<String, Object> props = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>();
        ser.configure(props, false);
        ConfluentAvroDeserializer<SaleEvent> first = new ConfluentAvroDeserializer<>(SaleEvent.class);
        first.configure(props, false);
        ConfluentAvroDeserializer<SaleEvent> second = new ConfluentAvroDeserializer<>(SaleEvent.class);
        second.configure(props, false);

        byte[] bytes = ser.serialize("inventory.sales", SampleRecords.sale("E-1"));
        assertThat(first.deserialize("inventory.sales", bytes)).isEqualTo(SampleRecords.sale("E-1"));
        assertThat(second.deserialize("inventory.sales", bytes)).isEqualTo(SampleRecords.sale("E-1"));
        assertThat(SchemaRegistryClients.create(url, Map.of())).isSameAs(registry);
    }

    @Test
    void deserializerOnAnotherScopeDoesNotSeeTheSchema() {
        String otherScope = scope + "-other";
        try {
            byte[] bytes = new ConfluentAvroSerializer<>(SaleEvent.class, registry, true)
                    .serialize("inventory.sales", SampleRecords.sale("E-1"));
            ConfluentAvroDeserializer<SaleEvent> de = new ConfluentAvroDeserializer<>(SaleEvent.class);
            de.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + otherScope), false);
            assertThatThrownBy(() -> de.deserialize("inventory.sales", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Unknown schema id " + ByteBuffer.wrap(bytes, 1, 4).getInt());
        } finally {
            InMemorySchemaRegistryClient.dropScope(otherScope);
        }
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>(SaleEvent.class, registry, false);
        assertThatThrownBy(() -> ser.serialize("inventory.sales", SampleRecords.sale("E-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'inventory.sales-value'")
                .hasMessageContaining("auto.register.schemas=false");
        assertThat(registry.subjects()).isEmpty();

        int id = registry.register("inventory.sales-value", SaleEvent.getClassSchema());
        byte[] bytes = ser.serialize("inventory.sales", SampleRecords.sale("E-1"));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.versions("inventory.sales-value")).containsExactly(1);
    }

    @Test
    void autoRegisterCanBeDisabledFromConfig() {
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>();
        ser.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertThatThrownBy(() -> ser.serialize("inventory.sales", SampleRecords.sale("E-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered");
    }

    @Test
    void serializationFailuresAreSerializationExceptions() {
        SaleEvent broken = SampleRecords.sale("E-1");
        broken.setSku(null); // plain setter bypasses the builder's validation
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>(SaleEvent.class, registry, true);
        assertThatThrownBy(() -> ser.serialize("inventory.sales", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize io.stockpulse.avro.SaleEvent for topic 'inventory.sales'");

        @SuppressWarnings({"unchecked", "rawtypes"})
        ConfluentAvroSerializer<SpecificRecord> raw = (ConfluentAvroSerializer) ser;
        assertThatThrownBy(() -> raw.serialize("inventory.sales", SampleRecords.policy()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("got a io.stockpulse.avro.SkuPolicy");
    }

    @Test
    void unconfiguredSerdesSayWhatIsMissing() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<SaleEvent>().serialize("t", SampleRecords.sale("E")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<SaleEvent>().deserialize("t", new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not configured");
    }

    @Test
    void isThreadSafeAcrossStreamThreads() throws Exception {
        ConfluentAvroSerde<SaleEvent> serde = new ConfluentAvroSerde<>(SaleEvent.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        SaleEvent in = SampleRecords.sale("E-" + thread + "-" + i);
                        byte[] bytes = serde.serializer().serialize("inventory.sales", in);
                        if (!in.equals(serde.deserializer().deserialize("inventory.sales", bytes))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.versions("inventory.sales-value")).containsExactly(1);
    }
}
