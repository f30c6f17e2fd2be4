package io.stockpulse.serde;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/** One populated instance of each generated external record type, plus schema/payload helpers. */
final class SampleRecords {

    static final Instant AT = Instant.ofEpochMilli(1_760_000_000_123L);

    private SampleRecords() {
    }

    static SaleEvent sale(String eventId) {
        return SaleEvent.newBuilder().setEventId(eventId).setSku("SKU-1").setLocationId("STORE-7")
                .setQuantity(3).setUnitPrice(9.99).setOrderId("ORD-" + eventId).setOccurredAt(AT).build();
    }

    static SkuPolicy policy() {
        return SkuPolicy.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setLeadTimeDays(4.5)
                .setServiceLevel(0.95).setMoq(12L).setPackSize(6L).setMaxDaysOfCover(30.0).build();
    }

    static ShipmentEvent shipment(ShipmentStatus status) {
        return ShipmentEvent.newBuilder().setEventId("SHP-1").setSku("SKU-1").setLocationId("DC-1")
                .setQuantity(120).setStatus(status).setPurchaseOrderId("PO-9")
                .setExpectedAt(AT.plusSeconds(86_400)).setOccurredAt(AT).build();
    }

    static List<SpecificRecord> all() {
        List<SpecificRecord> all = new ArrayList<>();
        all.add(sale("E-1"));
        all.add(SaleEvent.newBuilder(sale("E-2")).setUnitPrice(null).setOrderId(null).build());
        all.add(policy());
        all.add(SkuPolicy.newBuilder().setSku("SKU-2").build());
        all.add(shipment(ShipmentStatus.IN_TRANSIT));
        all.add(StockChangeEvent.newBuilder().setEventId("SC-1").setSku("SKU-1").setLocationId("STORE-7")
                .setKind(StockChangeKind.DAMAGE).setQuantity(2).setReason("crushed \u2013 pallet").setOccurredAt(AT).build());
        all.add(StockoutAlert.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setState(AlertState.RAISED)
                .setSeverity(StockoutSeverity.PROJECTED).setOnHand(4).setDaysOfCover(1.5)
                .setProjectedStockoutDate(LocalDate.of(2025, 10, 12)).setAt(AT).build());
        all.add(OverstockWarning.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setState(AlertState.RESOLVED)
                .setOnHand(900).setExcessQuantity(400.0).setValueAtRisk(1234.5).setDaysOfCover(null).setAt(AT).build());
        all.add(ReorderTrigger.newBuilder().setTriggerId("SKU-1/STORE-7/3").setSku("SKU-1").setLocationId("STORE-7")
                .setOnHand(10).setOnOrder(0).setInventoryPosition(10).setReorderPoint(25.5).setSafetyStock(8.2)
                .setOrderQuantity(48).setLeadTimeDemand(17.3).setServiceLevel(0.95).setForecastSource("ets@1.2")
                .setAt(AT).build());
        all.add(ForecastUpdate.newBuilder().setSku("SKU-1").setLocationId("STORE-7").setModel("ets")
                .setModelVersion("1.2").setFirstDay(LocalDate.of(2025, 10, 10)).setMean(List.of(1.0, 2.5, 3.25))
                .setP50(List.of(1.0, 2.0, 3.0)).setP90(null).setAt(AT).build());
        return all;
    }

    /** {@code base} without field {@code drop}. */
    static Schema withoutField(Schema base, String drop) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            if (!f.name().equals(drop)) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    /** {@code base} with {@code extra} appended. */
    static Schema withExtraField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    /** Confluent-framed bytes of a generic record, as a foreign producer would write them. */
    static byte[] framed(int id, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code a} followed by the low bytes of {@code b}. */
    static byte[] concat(byte[] a, int... b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        for (int i = 0; i < b.length; i++) {
            out[a.length + i] = (byte) b[i];
        }
        return out;
    }
}
