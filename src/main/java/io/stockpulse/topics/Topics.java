package io.stockpulse.topics;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.SkuClassChange;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.serde.ConfluentAvroSerde;
import io.stockpulse.serde.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/**
 * The topic catalog: every topic StockPulse touches with its serdes, in one place for the topology,
 * the tests, the replayer and the docs. Values use the Confluent wire format through the schema
 * registry; the dead-letter topic holds the failed records' original bytes.
 */
public record Topics(TopicNames names, Topic<SaleEvent> sales, Topic<ShipmentEvent> shipments,
                     Topic<StockChangeEvent> stockChanges, Topic<SkuPolicy> skuPolicies,
                     Topic<ReorderTrigger> reorderTriggers, Topic<StockoutAlert> stockoutAlerts,
                     Topic<OverstockWarning> overstockWarnings, Topic<ForecastUpdate> forecasts,
                     Topic<byte[]> deadLetters, Topic<SkuClassChange> skuClasses,
                     Topic<SkuSalesValues> skuSalesValues, Topic<AbcThresholds> abcThresholds,
                     Topic<InventoryReport> reports, Topic<InventoryReport> reportPartials) {

    public static Topics create(TopicNames names, SchemaRegistryClient registry, boolean autoRegister) {
        return new Topics(names,
                topic(names.sales(), SaleEvent.class, registry, autoRegister),
                topic(names.shipments(), ShipmentEvent.class, registry, autoRegister),
                topic(names.stockChanges(), StockChangeEvent.class, registry, autoRegister),
                topic(names.skuPolicies(), SkuPolicy.class, registry, autoRegister),
                topic(names.reorderTriggers(), ReorderTrigger.class, registry, autoRegister),
                topic(names.stockoutAlerts(), StockoutAlert.class, registry, autoRegister),
                topic(names.overstockWarnings(), OverstockWarning.class, registry, autoRegister),
                topic(names.forecasts(), ForecastUpdate.class, registry, autoRegister),
                new Topic<>(names.deadLetters(), Serdes.String(), Serdes.ByteArray()),
                topic(names.skuClasses(), SkuClassChange.class, registry, autoRegister),
                topic(names.skuSalesValues(), SkuSalesValues.class, registry, autoRegister),
                topic(names.abcThresholds(), AbcThresholds.class, registry, autoRegister),
                topic(names.reports(), InventoryReport.class, registry, autoRegister),
                topic(names.reportPartials(), InventoryReport.class, registry, autoRegister));
    }

    private static <T extends SpecificRecord> Topic<T> topic(String name, Class<T> type, SchemaRegistryClient registry,
                                                             boolean autoRegister) {
        Serde<T> serde = new ConfluentAvroSerde<>(type, registry, autoRegister);
        return new Topic<>(name, Serdes.String(), serde);
    }

    public List<String> inputNames() {
        return List.of(names.sales(), names.shipments(), names.stockChanges());
    }
}
