package io.stockpulse.registry;

import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.serde.ConfluentAvroDeserializer;
import io.stockpulse.serde.ConfluentAvroSerde;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.serde.SchemaRegistryException;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * StockPulse's serde and REST registry client against a real Apicurio Registry 3 through its
 * Confluent-compatible API ({@code /apis/ccompat/v7}): registration by serializing, lookup by id
 * from a cold client, subject versions, and the registry's own compatibility rules.
 *
 * <p>The registry is shared by the IT classes of the JVM, so every test works on subjects of its
 * own (a random topic prefix).
 */
class ApicurioRegistryIT {

    private static final Instant AT = Instant.ofEpochMilli(1_760_000_000_123L);
    private static ApicurioRegistry registry;

    private String prefix;
    private final List<SchemaRegistryClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared();
    }

    @BeforeEach
    void uniqueTopics() {
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SchemaRegistryClient::close);
    }

    /** A REST client with an empty cache, as a fresh application instance would have. */
    private SchemaRegistryClient freshClient() {
        SchemaRegistryClient c = SchemaRegistryClients.create(registry.ccompatUrl(), Map.of());
        clients.add(c);
        return c;
    }

    private Topics topics(SchemaRegistryClient client) {
        TopicNames d = TopicNames.defaults();
        TopicNames names = new TopicNames(prefix + d.sales(), prefix + d.shipments(), prefix + d.stockChanges(),
                prefix + d.skuPolicies(), prefix + d.reorderTriggers(), prefix + d.stockoutAlerts(),
                prefix + d.overstockWarnings(), prefix + d.forecasts(), prefix + d.deadLetters());
        return Topics.create(names, client, true);
    }

    @Test
    void everyStockPulseSchemaRegistersBySerializingAndReadsBackByIdFromAColdClient() {
        Topics writing = topics(freshClient());
        Topics reading = topics(freshClient());

        List<Integer> ids = new ArrayList<>();
        ids.add(roundTrip(writing.sales(), reading.sales(), sale("E-1")));
        ids.add(roundTrip(writing.shipments(), reading.shipments(), shipment()));
        ids.add(roundTrip(writing.stockChanges(), reading.stockChanges(), stockChange()));
        ids.add(roundTrip(writing.skuPolicies(), reading.skuPolicies(), policy()));
        ids.add(roundTrip(writing.reorderTriggers(), reading.reorderTriggers(), reorderTrigger()));
        ids.add(roundTrip(writing.stockoutAlerts(), reading.stockoutAlerts(), stockoutAlert()));
        ids.add(roundTrip(writing.overstockWarnings(), reading.overstockWarnings(), overstockWarning()));
        ids.add(roundTrip(writing.forecasts(), reading.forecasts(), forecast()));

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(registry.get("/subjects").body())
                .contains(prefix + "inventory.sales-value", prefix + "inventory.forecasts-value");
    }

    /** Serializes with one client, checks the registry's view with another, deserializes with a third. */
    private <T extends SpecificRecord> int roundTrip(Topic<T> writer, Topic<T> reader, T record) {
        String subject = writer.name() + "-value";
        byte[] bytes = writer.valueSerde().serializer().serialize(writer.name(), record);

        assertThat(bytes[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SchemaRegistryClient cold = freshClient();
        assertThat(cold.schemaById(id)).as("schema %d of %s", id, subject).isEqualTo(record.getSchema());
        assertThat(cold.versions(subject)).as("versions of %s", subject).containsExactly(1);
        assertThat(cold.idFor(subject, record.getSchema())).contains(id);
        assertThat(cold.isCompatible(subject, record.getSchema())).isTrue();

        assertThat(reader.valueSerde().deserializer().deserialize(reader.name(), bytes)).isEqualTo(record);
        // Registering again (another instance, empty cache) is idempotent: same id, no new version.
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        try (ConfluentAvroSerde<T> other = new ConfluentAvroSerde<>(type, freshClient(), true)) {
            byte[] again = other.serializer().serialize(writer.name(), record);
            assertThat(ByteBuffer.wrap(again, 1, 4).getInt()).isEqualTo(id);
            assertThat(again).isEqualTo(bytes);
        }
        assertThat(cold.versions(subject)).containsExactly(1);
        return id;
    }

    @Test
    void backwardCompatibleEvolutionIsAcceptedAndOldReadersDecodeIt() throws IOException {
        SchemaRegistryClient client = freshClient();
        Topic<SaleEvent> sales = topics(client).sales();
        String subject = sales.name() + "-value";
        byte[] v1Bytes = sales.valueSerde().serializer().serialize(sales.name(), sale("E-1"));
        int v1 = ByteBuffer.wrap(v1Bytes, 1, 4).getInt();
        registry.setCompatibility(subject, "BACKWARD");
        assertThat(registry.get("/config/" + subject).body()).contains("BACKWARD");

        // v2: a new optional field with a default, so v2 readers can read v1 data
        Schema v2Schema = withField(SaleEvent.getClassSchema(), new Schema.Field("channel",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Sales channel (web, store, ...).", JsonProperties.NULL_VALUE));
        assertThat(client.isCompatible(subject, v2Schema)).isTrue();
        int v2 = client.register(subject, v2Schema);

        SchemaRegistryClient cold = freshClient();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(cold.versions(subject)).containsExactly(1, 2);
        assertThat(cold.schemaById(v2)).isEqualTo(v2Schema);
        assertThat(cold.schemaById(v2).getField("channel")).isNotNull();

        // A producer already on v2 writes; StockPulse, still on v1, reads it through the registry.
        GenericRecord v2Sale = new GenericData.Record(v2Schema);
        v2Sale.put("eventId", "E-9");
        v2Sale.put("sku", "SKU-1");
        v2Sale.put("locationId", "STORE-7");
        v2Sale.put("quantity", 4L);
        v2Sale.put("unitPrice", 2.5);
        v2Sale.put("orderId", null);
        v2Sale.put("occurredAt", AT.toEpochMilli());
        v2Sale.put("channel", "web");
        SaleEvent read = new ConfluentAvroDeserializer<>(SaleEvent.class, cold)
                .deserialize(sales.name(), confluentFramed(v2, v2Sale));
        assertThat(read).isEqualTo(SaleEvent.newBuilder().setEventId("E-9").setSku("SKU-1").setLocationId("STORE-7")
                .setQuantity(4).setUnitPrice(2.5).setOrderId(null).setOccurredAt(AT).build());
    }

    @Test
    void registryRejectsIncompatibleEvolutionUnderBackward() {
        SchemaRegistryClient client = freshClient();
        Topic<SaleEvent> sales = topics(client).sales();
        String subject = sales.name() + "-value";
        sales.valueSerde().serializer().serialize(sales.name(), sale("E-1"));
        registry.setCompatibility(subject, "BACKWARD");

        // A new required field: v2 readers cannot read v1 data (no default to fill in).
        Schema requiredField = withField(SaleEvent.getClassSchema(),
                new Schema.Field("channel", Schema.create(Schema.Type.STRING), null, (Object) null));
        // A type change: long quantities are not readable as string.
        Schema typeChange = withFieldType(SaleEvent.getClassSchema(), "quantity", Schema.create(Schema.Type.STRING));

        for (Schema incompatible : List.of(requiredField, typeChange)) {
            assertThat(client.isCompatible(subject, incompatible)).as("compatible: %s", incompatible).isFalse();
            assertThatThrownBy(() -> client.register(subject, incompatible))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                        assertThat(e.isNotFound()).isFalse();
                    })
                    .hasMessageContaining("POST /subjects/" + subject + "/versions")
                    .hasMessageContaining("HTTP 409")
                    .hasMessageContaining("Incompatible");
        }
        assertThat(freshClient().versions(subject)).containsExactly(1);
    }

    @Test
    void unknownSchemaIdIsASerializationExceptionNamingTheIdAndTopic() {
        String topic = prefix + "inventory.sales";
        int unknownId = 0x7FFF_FF00;
        byte[] payload = {0, 0x7F, (byte) 0xFF, (byte) 0xFF, 0x00, 2, 'x'};
        ConfluentAvroDeserializer<SaleEvent> deserializer = new ConfluentAvroDeserializer<>(SaleEvent.class,
                freshClient());

        assertThatThrownBy(() -> deserializer.deserialize(topic, payload))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id " + unknownId + " on topic '" + topic + "'")
                .hasMessageContaining("the schema registry has no such schema")
                .hasMessageContaining("GET /schemas/ids/" + unknownId)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("error_code 40403")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
        // The unknown subject is "no versions", not an error.
        assertThat(freshClient().versions(prefix + "never-registered-value")).isEmpty();
        assertThat(freshClient().idFor(prefix + "never-registered-value", SaleEvent.getClassSchema())).isEmpty();
    }

    // ---- schemas ----

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = copyFields(base);
        fields.add(extra);
        return record(base, fields);
    }

    private static Schema withFieldType(Schema base, String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(f.name().equals(name) ? new Schema.Field(f.name(), type, f.doc(), (Object) null)
                    : new Schema.Field(f, f.schema()));
        }
        return record(base, fields);
    }

    private static List<Schema.Field> copyFields(Schema base) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return fields;
    }

    private static Schema record(Schema base, List<Schema.Field> fields) {
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static byte[] confluentFramed(int id, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    // ---- one populated record per external StockPulse schema ----

    private static SaleEvent sale(String eventId) {
        return SaleEvent.newBuilder().setEventId(eventId).setSku("SKU-1").setLocationId("STORE-7")
                .setQuantity(3).setUnitPrice(9.99).setOrderId("ORD-" + eventId).setOccurredAt(AT).build();
    }

    private static ShipmentEvent shipment() {
        return ShipmentEvent.newBuilder().setEventId("SHP-1").setSku("SKU-1").setLocationId("DC-1")
                .setQuantity(120).setStatus(ShipmentStatus.IN_TRANSIT).setPurchaseOrderId("PO-9")
                .setExpectedAt(AT.plusSeconds(86_400)).setOccurredAt(AT).build();
    }

    private static StockChangeEvent stockChange() {
        return StockChangeEvent.newBuilder().setEventId("SC-1").setSku("SKU-1").setLocationId("STORE-7")
                .setKind(StockChangeKind.DAMAGE).setQuantity(2).setReason("crushed \u2013 pallet").setOccurredAt(AT)
                .build();
    }

    private static SkuPolicy policy() {
        return SkuPolicy.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setLeadTimeDays(4.5)
                .setServiceLevel(0.95).setMoq(12L).setPackSize(6L).setMaxDaysOfCover(30.0).build();
    }

    private static ReorderTrigger reorderTrigger() {
        return ReorderTrigger.newBuilder().setTriggerId("SKU-1/STORE-7/3").setSku("SKU-1").setLocationId("STORE-7")
                .setOnHand(10).setOnOrder(0).setInventoryPosition(10).setReorderPoint(25.5).setSafetyStock(8.2)
                .setOrderQuantity(48).setLeadTimeDemand(17.3).setServiceLevel(0.95).setForecastSource("ets@1.2")
                .setAt(AT).build();
    }

    private static StockoutAlert stockoutAlert() {
        return StockoutAlert.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setState(AlertState.RAISED)
                .setSeverity(StockoutSeverity.PROJECTED).setOnHand(4).setDaysOfCover(1.5)
                .setProjectedStockoutDate(LocalDate.of(2025, 10, 12)).setAt(AT).build();
    }

    private static OverstockWarning overstockWarning() {
        return OverstockWarning.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setState(AlertState.RESOLVED)
                .setOnHand(900).setExcessQuantity(400.0).setValueAtRisk(1234.5).setDaysOfCover(null).setAt(AT).build();
    }

    private static ForecastUpdate forecast() {
        return ForecastUpdate.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setModel("ets")
                .setModelVersion("1.2").setFirstDay(LocalDate.of(2025, 10, 10)).setMean(List.of(1.0, 2.5, 3.25))
                .setP50(List.of(1.0, 2.0, 3.0)).setP90(null).setAt(AT).build();
    }
}
