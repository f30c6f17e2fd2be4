package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Each way a payload can be bad yields a SerializationException that says which way. */
class ConfluentAvroDeserializerErrorsTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroDeserializer<SaleEvent> sales = new ConfluentAvroDeserializer<>(SaleEvent.class, registry);
    private final byte[] valid = new ConfluentAvroSerializer<>(SaleEvent.class, registry, true)
            .serialize("inventory.sales", SampleRecords.sale("E-1"));

    private void assertFails(byte[] payload, String... fragments) {
        assertThatThrownBy(() -> sales.deserialize("inventory.sales", payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void validPayloadIsReadable() {
        assertThat(sales.deserialize("inventory.sales", valid)).isEqualTo(SampleRecords.sale("E-1"));
    }

    @Test
    void emptyPayload() {
        assertFails(new byte[0], "empty payload", "topic 'inventory.sales'");
    }

    @Test
    void unknownMagicByte() {
        byte[] wrong = valid.clone();
        wrong[0] = 1;
        assertFails(wrong, "Unknown magic byte 0x01", "expected 0x00");
        assertFails("{\"sku\":\"SKU-1\"}".getBytes(StandardCharsets.UTF_8), "Unknown magic byte 0x7B", "looks like JSON");
        assertFails(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "Unknown magic byte 0xC3", "single-object");
    }

    @Test
    void payloadShorterThanHeader() {
        assertFails(new byte[] {0}, "1 bytes, shorter than the 5-byte Confluent header");
        assertFails(new byte[] {0, 0, 0, 1}, "4 bytes, shorter than the 5-byte");
    }

    @Test
    void unknownSchemaId() {
        assertFails(new byte[] {0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2, 'x'},
                "Unknown schema id 2147483647", "40403");
    }

    @Test
    void truncatedAvroData() {
        for (int cut = 1; cut < valid.length - 5; cut++) {
            byte[] truncated = Arrays.copyOf(valid, valid.length - cut);
            assertFails(truncated, "truncated or corrupt");
        }
    }

    @Test
    void corruptAvroData() {
        byte[] header = Arrays.copyOf(valid, 5);
        // string length varint that never ends
        assertFails(SampleRecords.concat(header, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF), "truncated or corrupt");
        // negative string length (zig-zag 0x01 = -1)
        assertFails(SampleRecords.concat(header, (byte) 0x01, 0, 0, 0), "truncated or corrupt");
        // union index 7 for unitPrice (only 0 and 1 exist)
        byte[] badUnion = SampleRecords.concat(header, (byte) 2, (byte) 'E', (byte) 2, (byte) 'S', (byte) 2, (byte) 'L',
                (byte) 6, (byte) 14, 0, 0);
        assertFails(badUnion, "truncated or corrupt", "Union branch index out of range");
        // enum index 9 for ShipmentEvent.status (only 0..3 exist)
        ConfluentAvroDeserializer<ShipmentEvent> shipments = new ConfluentAvroDeserializer<>(ShipmentEvent.class, registry);
        byte[] shipment = new ConfluentAvroSerializer<>(ShipmentEvent.class, registry, true)
                .serialize("inventory.shipments", SampleRecords.shipment(ShipmentStatus.ORDERED));
        int statusOffset = 5 + 1 + "SHP-1".length() + 1 + "SKU-1".length() + 1 + "DC-1".length() + 2; // quantity 120 = 2 bytes
        assertThat(shipment[statusOffset]).isEqualTo((byte) 0); // ORDERED
        shipment[statusOffset] = 18; // zig-zag 9
        assertThatThrownBy(() -> shipments.deserialize("inventory.shipments", shipment))
                .isInstanceOf(SerializationException.class)
                .hasMessageContainingAll("truncated or corrupt", "Enumeration out of range");
    }

    @Test
    void trailingBytesAfterTheRecord() {
        assertFails(SampleRecords.concat(valid, (byte) 1, (byte) 2), "trailing bytes", "schema id");
    }

    @Test
    void recordOfAnotherTopicsSchema() {
        byte[] policy = new ConfluentAvroSerializer<>(SkuPolicy.class, registry, true)
                .serialize("inventory.sku-policies", SampleRecords.policy());
        assertFails(policy, "(io.stockpulse.avro.SkuPolicy) is not readable as io.stockpulse.avro.SaleEvent");
        // the verdict is cached per id but still reported every time
        assertFails(policy, "is not readable as io.stockpulse.avro.SaleEvent");
    }

    @Test
    void unknownEnumSymbolFailsOnlyForRecordsThatCarryIt() {
        Schema base = ShipmentEvent.getClassSchema();
        Schema status = base.getField("status").schema();
        List<String> symbols = new java.util.ArrayList<>(status.getEnumSymbols());
        symbols.add("LOST");
        Schema newerStatus = Schema.createEnum(status.getName(), status.getDoc(), status.getNamespace(), symbols);
        Schema newer = SampleRecords.withExtraField(SampleRecords.withoutField(base, "status"),
                new Schema.Field("status", newerStatus));
        registry.register("inventory.shipments-value", ShipmentEvent.getClassSchema());
        int id = registry.register("inventory.shipments-value", newer); // BACKWARD: a new symbol is fine

        ConfluentAvroDeserializer<ShipmentEvent> shipments = new ConfluentAvroDeserializer<>(ShipmentEvent.class, registry);
        assertThat(shipments.deserialize("inventory.shipments", SampleRecords.framed(id, shipment(newer, "RECEIVED"))))
                .isEqualTo(SampleRecords.shipment(ShipmentStatus.RECEIVED));
        assertThatThrownBy(() -> shipments.deserialize("inventory.shipments", SampleRecords.framed(id, shipment(newer, "LOST"))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContainingAll("Unknown enum symbol", "LOST", "io.stockpulse.avro.ShipmentEvent");
    }

    private static GenericRecord shipment(Schema schema, String status) {
        ShipmentEvent s = SampleRecords.shipment(ShipmentStatus.ORDERED);
        GenericData.Record r = new GenericData.Record(schema);
        r.put("eventId", s.getEventId());
        r.put("sku", s.getSku());
        r.put("locationId", s.getLocationId());
        r.put("quantity", s.getQuantity());
        r.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), status));
        r.put("purchaseOrderId", s.getPurchaseOrderId());
        r.put("expectedAt", s.getExpectedAt().toEpochMilli());
        r.put("occurredAt", s.getOccurredAt().toEpochMilli());
        return r;
    }
}
