package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Writer schemas that differ from the reader class: the point of carrying schema ids. */
class SchemaEvolutionTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroDeserializer<SaleEvent> deserializer = new ConfluentAvroDeserializer<>(SaleEvent.class, registry);

    /** The values of {@code SampleRecords.sale("E-1")} for whichever fields {@code schema} has. */
    private static GenericRecord saleRecord(Schema schema) {
        Map<String, Object> values = Map.of("eventId", "E-1", "sku", "SKU-1", "locationId", "STORE-7",
                "quantity", 3L, "occurredAt", SampleRecords.AT.toEpochMilli(), "unitPrice", 9.99, "orderId", "ORD-E-1");
        GenericData.Record r = new GenericData.Record(schema);
        values.forEach((name, value) -> {
            if (schema.getField(name) != null) {
                r.put(name, value);
            }
        });
        return r;
    }

    @Test
    void oldWriterWithoutOptionalFieldIsReadWithTheDefault() {
        Schema v1 = SampleRecords.withoutField(SaleEvent.getClassSchema(), "orderId");
        int id = registry.register("inventory.sales-value", v1);

        SaleEvent read = deserializer.deserialize("inventory.sales", SampleRecords.framed(id, saleRecord(v1)));

        assertThat(read.getOrderId()).isNull();
        assertThat(read).isEqualTo(SaleEvent.newBuilder(SampleRecords.sale("E-1")).setOrderId(null).build());
        // and the v2 class schema is a compatible next version of the subject
        assertThat(registry.isCompatible("inventory.sales-value", SaleEvent.getClassSchema())).isTrue();
    }

    @Test
    void newerWriterWithExtraFieldIsReadWithTheFieldDropped() {
        Schema.Field channel = new Schema.Field("channel",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Sales channel, added in v3.", JsonProperties.NULL_VALUE);
        Schema v3 = SampleRecords.withExtraField(SaleEvent.getClassSchema(), channel);
        int id = registry.register("inventory.sales-value", v3);
        GenericRecord record = saleRecord(v3);
        record.put("channel", "web");

        SaleEvent read = deserializer.deserialize("inventory.sales", SampleRecords.framed(id, record));

        assertThat(read).isEqualTo(SampleRecords.sale("E-1"));
        assertThat(read.getSchema().getField("channel")).isNull();
    }

    @Test
    void writerFieldOrderDoesNotMatter() {
        List<Schema.Field> reversed = new java.util.ArrayList<>();
        for (Schema.Field f : SaleEvent.getClassSchema().getFields()) {
            reversed.add(0, new Schema.Field(f, f.schema()));
        }
        Schema shuffled = Schema.createRecord("SaleEvent", null, "io.stockpulse.avro", false, reversed);
        int id = registry.register("other-value", shuffled);

        assertThat(deserializer.deserialize("other", SampleRecords.framed(id, saleRecord(shuffled))))
                .isEqualTo(SampleRecords.sale("E-1"));
    }

    @Test
    void writerLackingARequiredFieldIsNotReadable() {
        Schema noSku = SampleRecords.withoutField(SaleEvent.getClassSchema(), "sku");
        int id = registry.register("legacy-value", noSku);
        GenericRecord record = saleRecord(noSku);

        assertThatThrownBy(() -> deserializer.deserialize("legacy", SampleRecords.framed(id, record)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Writer schema id " + id + " (io.stockpulse.avro.SaleEvent) is not readable as io.stockpulse.avro.SaleEvent")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("sku");
    }

    @Test
    void registryRejectsABackwardIncompatibleNextVersion() {
        registry.register("inventory.sales-value", SaleEvent.getClassSchema());
        Schema.Field required = new Schema.Field("channel", Schema.create(Schema.Type.STRING), null, (Object) null);
        Schema incompatible = SampleRecords.withExtraField(SaleEvent.getClassSchema(), required);

        assertThat(registry.isCompatible("inventory.sales-value", incompatible)).isFalse();
        assertThatThrownBy(() -> registry.register("inventory.sales-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("incompatible")
                .hasMessageContaining("channel");

        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>(SaleEvent.class, registry, true);
        assertThat(ser.serialize("inventory.sales", SampleRecords.sale("E-1"))).isNotNull();
        assertThat(registry.versions("inventory.sales-value")).containsExactly(1);
    }
}
