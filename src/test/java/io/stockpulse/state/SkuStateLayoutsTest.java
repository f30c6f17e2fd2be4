package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.serde.VersionedAvroSerde;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkuStateLayoutsTest {

    private final VersionedAvroSerde<SkuState> serde = SkuStateLayouts.serde();

    @Test
    void theCurrentLayoutIsArchivedAsTheNewestSoTheNextVersionCanReadIt() {
        List<Schema> archived = SkuStateLayouts.archived();
        assertThat(archived).hasSizeGreaterThanOrEqualTo(2);
        assertThat(SchemaNormalization.parsingFingerprint64(archived.get(archived.size() - 1)))
                .as("copy SkuState's schema (SkuState.getClassSchema().toString(true)) to the next "
                        + "src/main/resources/state-layouts/SkuState-vN.avsc")
                .isEqualTo(SchemaNormalization.parsingFingerprint64(SkuState.getClassSchema()));
    }

    @Test
    void everyArchivedLayoutReadsIntoTheCurrentOne() {
        for (Schema layout : SkuStateLayouts.archived()) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(SkuState.getClassSchema(), layout).getType())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void writesTheSingleObjectHeaderAndReadsItBack() {
        SkuState state = SkuStates.empty("A", "UK");
        state.setNetStock(7);
        RecentEventIds.remember(state, "sale:1", 1_000, 10_000);
        byte[] bytes = serde.encode("t", state);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode("t", bytes)).isEqualTo(state);
    }

    /** Bytes exactly as version 1 wrote them: plain Avro binary of the version 1 schema, no header. */
    @Test
    void readsAVersion1StateAndMarksItsIdsAsKeptInTheWindowStore() throws IOException {
        Schema v1 = SkuStateLayouts.archived().get(0);
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            if (field.hasDefaultValue()) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        old.put("sku", "A");
        old.put("locationId", "UK");
        old.put("netStock", 42L);
        old.put("openOrders", Map.of("PO-1", 5L));
        old.put("historyStartDay", 14_000);
        old.put("dailyDemand", DailyDemandCodec.pack(new int[] {3, 0, 9}));
        old.put("kpiDay", 14_002);
        byte[] bytes = encode(v1, old);
        assertThat(bytes[0] & 1).as("a header-less state starts with an even byte").isZero();

        SkuState read = serde.decode("t", bytes);
        assertThat(read.getNetStock()).isEqualTo(42);
        assertThat(read.getOpenOrders()).containsEntry("PO-1", 5L);
        assertThat(SkuStates.history(read)).containsExactly(3, 0, 9);
        assertThat(read.getRecentEventIds()).isEmpty();
        assertThat(read.getEventIdsSpilledUntil()).isEqualTo((14_002 + 2L) * 86_400_000L);
    }

    @Test
    void aLayoutThisVersionDoesNotKnowFailsLoudly() {
        byte[] bytes = serde.encode("t", SkuStates.empty("A", "UK"));
        bytes[5] ^= 0x5A; // another fingerprint
        assertThatThrownBy(() -> serde.decode("t", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not know");
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
