package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.avro.internal.HeldEvent;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.serde.AvroBinarySerde;
import io.stockpulse.serde.RegistryRetryingDeserializer;
import io.stockpulse.signals.HealthSignals;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.SkuStateLayouts;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * The one place the topology is built; the application and TopologyTestDriver tests both take it
 * from here as is.
 *
 * <pre>
 * sales ─────────┐
 * shipments ─────┼─▶ inventory (sku-state, event-ids, forecast-accuracy, held-events, day-close)
 * stock-changes ─┘      ▲ reads global sku-policies and abc-thresholds
 *                       ├──▶ reorder-triggers, stockout-alerts, overstock-warnings
 *                       ├──▶ forecasts
 *                       ├──▶ sku-classes
 *                       ├──▶ sku-sales-values ─▶ abc-aggregator (abc-sales-values) ─▶ abc-thresholds
 *                       │     abc-thresholds ─▶ global store read by inventory
 *                       └──▶ report-partials ─▶ report-aggregator (report-partials, report-history,
 *                                 inventory-reports) ─▶ reports
 * undecodable or invalid records ─▶ dlq (exception handlers)
 * sku-policies ─▶ global store read by inventory
 * sku-policies ─▶ policy check (own client, {@link #buildPolicyCheck}) ─▶ dlq for invalid policies
 * </pre>
 */
public final class InventoryTopology {

    public static final String INVENTORY = "inventory";
    public static final String ABC_AGGREGATOR = "abc-aggregator";
    public static final String REPORT_AGGREGATOR = "report-aggregator";
    /** Appended to {@code application.id} for the policy check's Kafka Streams client ({@link #buildPolicyCheck}). */
    public static final String POLICY_CHECK_SUFFIX = "-policy-check";

    /**
     * Streams config entry (a Number, read when the aggregator's task starts) with the partition count of the input topics, i.e. the number
     * of inventory tasks: the ABC aggregator waits for every one of them to close a day. Absent: 1.
     */
    public static final String INPUT_PARTITIONS_CONFIG = "stockpulse.input.partitions";

    /**
     * Streams config entry (milliseconds, a Number or its text): how long a day close may wait, wall clock, for
     * the ABC cut-offs of the day before (see {@link SkuClassifier#readyToClose}). The application sets it to
     * its {@code abc.cutoffs.max.wait.ms}. Absent or 0: a close never waits.
     */
    public static final String ABC_MAX_WAIT_CONFIG = "stockpulse.abc.max.wait.ms";
    /**
     * Streams config entry (milliseconds): the bound of that wait while no cut-offs exist at all (the
     * application's {@code abc.cutoffs.first.wait.ms}). Absent: the same as {@link #ABC_MAX_WAIT_CONFIG}.
     */
    public static final String ABC_FIRST_WAIT_CONFIG = "stockpulse.abc.first.wait.ms";

    private InventoryTopology() {
    }

    /** Stream-thread sources wait for an unreachable registry for the application's budget (see HealthSignals). */
    private static <V> Deserializer<V> streamValues(Topic<V> topic,
            HealthSignals health) {
        return health == null
                ? new RegistryRetryingDeserializer<>(topic.valueSerde().deserializer(),
                        HealthSignals.DEFAULT_REGISTRY_RETRY_BUDGET, null)
                : new RegistryRetryingDeserializer<>(topic.valueSerde().deserializer(), health::registryRetryBudget, health);
    }

    public static Topology build(Topics topics, InventorySettings settings, ForecasterProvider forecasters,
                                 PipelineCounters counters) {
        Topology topology = new Topology();
        HealthSignals health = counters == null ? null : counters.health();
        // The order of the steps is the order nodes and stores were always added in; the description
        // (and so TopologyDescriptionTest) lists them that way.
        addEventSources(topology, topics, settings, health);
        addInventoryProcessor(topology, settings, forecasters, counters);
        addPolicyStore(topology, topics, settings, counters, health);
        addInventorySinks(topology, topics);
        addAbcAggregation(topology, topics, settings, health);
        addReportAggregation(topology, topics, health);
        return topology;
    }

    /** Sources: the three event topics, stamped with the event's own time. */
    private static void addEventSources(Topology topology, Topics topics, InventorySettings settings,
                                        HealthSignals health) {
        EventTimeExtractor eventTime = new EventTimeExtractor(settings.maxFutureSkew());
        topology.addSource(AutoOffsetReset.earliest(), "sales-source", eventTime, topics.sales().keySerde().deserializer(),
                streamValues(topics.sales(), health), topics.sales().name());
        topology.addSource(AutoOffsetReset.earliest(), "shipments-source", eventTime,
                topics.shipments().keySerde().deserializer(), streamValues(topics.shipments(), health),
                topics.shipments().name());
        topology.addSource(AutoOffsetReset.earliest(), "stock-changes-source", eventTime,
                topics.stockChanges().keySerde().deserializer(), streamValues(topics.stockChanges(), health),
                topics.stockChanges().name());
    }

    /** The inventory processor and its stores. */
    private static void addInventoryProcessor(Topology topology, InventorySettings settings,
                                              ForecasterProvider forecasters, PipelineCounters counters) {
        topology.addProcessor(INVENTORY, () -> new InventoryProcessor(settings, forecasters, counters),
                "sales-source", "shipments-source", "stock-changes-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SKU_STATE),
                Serdes.String(), SkuStateLayouts.serde()).withCachingEnabled(), INVENTORY);
        // Entries are stamped with the start of their two-retention bucket (see EventIdBuckets): kept four
        // retentions, i.e. the event's bucket and the two before it are live, whatever the segment layout.
        Duration retention = settings.dedupRetention();
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.EVENT_IDS, retention.multipliedBy(4), retention.multipliedBy(2),
                        false),
                Serdes.String(), Serdes.Long()), INVENTORY);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.FORECAST_ACCURACY),
                Serdes.String(), new AvroBinarySerde<>(ForecastAccuracyDay.class)), INVENTORY);
        // Not cached: written only while a day close waits for its ABC cut-offs, and read back in order.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.HELD_EVENTS),
                Serdes.String(), new AvroBinarySerde<>(HeldEvent.class)), INVENTORY);
        // Cached: the last closed day is read twice per sale (late-event count, forecast scheduling).
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DAY_CLOSE),
                Serdes.String(), Serdes.Integer()).withCachingEnabled(), INVENTORY);
    }

    /**
     * Every instance reads the whole policy topic; Kafka Streams loads it before any task processes, so
     * policies published before a start apply from the first event. The updater ignores invalid policies;
     * the policy check (buildPolicyCheck) dead-letters them once. Like the ABC cut-offs, the global thread
     * cannot be replaced, so it waits for an unreachable registry without a budget.
     */
    private static void addPolicyStore(Topology topology, Topics topics, InventorySettings settings,
                                       PipelineCounters counters, HealthSignals health) {
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.POLICIES),
                        Serdes.String(), topics.skuPolicies().valueSerde()).withLoggingDisabled(),
                "sku-policies-source", topics.skuPolicies().keySerde().deserializer(),
                new RegistryRetryingDeserializer<>(topics.skuPolicies().valueSerde().deserializer(),
                        RegistryRetryingDeserializer.UNTIL_AVAILABLE, health),
                topics.skuPolicies().name(), "sku-policies-updater",
                () -> new PolicyStoreUpdater(settings.defaultPolicy(), counters));
    }

    /** Sinks of the inventory processor: alerts and forecasts. */
    private static void addInventorySinks(Topology topology, Topics topics) {
        topology.addSink(AlertEmitter.TRIGGERS, topics.reorderTriggers().name(),
                topics.reorderTriggers().keySerde().serializer(), topics.reorderTriggers().valueSerde().serializer(),
                INVENTORY);
        topology.addSink(AlertEmitter.STOCKOUTS, topics.stockoutAlerts().name(),
                topics.stockoutAlerts().keySerde().serializer(), topics.stockoutAlerts().valueSerde().serializer(),
                INVENTORY);
        topology.addSink(AlertEmitter.OVERSTOCKS, topics.overstockWarnings().name(),
                topics.overstockWarnings().keySerde().serializer(), topics.overstockWarnings().valueSerde().serializer(),
                INVENTORY);
        topology.addSink(ForecastBatch.FORECASTS, topics.forecasts().name(), topics.forecasts().keySerde().serializer(),
                topics.forecasts().valueSerde().serializer(), INVENTORY);
    }

    /**
     * ABC/XYZ classes (see AbcAggregator): day close ─▶ sku-sales-values (1 partition, key "all")
     * ─▶ aggregator ─▶ abc-thresholds (compacted) ─▶ global store read by the inventory processor.
     */
    private static void addAbcAggregation(Topology topology, Topics topics, InventorySettings settings,
                                          HealthSignals health) {
        topology.addSink(SkuClassifier.CLASSES_SINK, topics.skuClasses().name(), topics.skuClasses().keySerde().serializer(),
                topics.skuClasses().valueSerde().serializer(), INVENTORY);
        topology.addSink(SkuClassifier.SALES_VALUES_SINK, topics.skuSalesValues().name(),
                topics.skuSalesValues().keySerde().serializer(), topics.skuSalesValues().valueSerde().serializer(), INVENTORY);
        topology.addSource(AutoOffsetReset.earliest(), "sku-sales-values-source",
                topics.skuSalesValues().keySerde().deserializer(), streamValues(topics.skuSalesValues(), health),
                topics.skuSalesValues().name());
        topology.addProcessor(ABC_AGGREGATOR, () -> new AbcAggregator(settings.classes()), "sku-sales-values-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ABC_SALES_VALUES),
                Serdes.String(), new AvroBinarySerde<>(SkuSalesValues.class)), ABC_AGGREGATOR);
        topology.addSink(AbcAggregator.SINK, topics.abcThresholds().name(), topics.abcThresholds().keySerde().serializer(),
                topics.abcThresholds().valueSerde().serializer(), ABC_AGGREGATOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ABC_THRESHOLDS),
                        Serdes.String(), topics.abcThresholds().valueSerde()).withLoggingDisabled(),
                "abc-thresholds-source", topics.abcThresholds().keySerde().deserializer(),
                new RegistryRetryingDeserializer<>(topics.abcThresholds().valueSerde().deserializer(),
                        RegistryRetryingDeserializer.UNTIL_AVAILABLE, health),
                topics.abcThresholds().name(), "abc-thresholds-updater",
                AbcThresholdsStoreUpdater::new);
    }

    /**
     * Daily report (see ReportAggregator): each task's partial ─▶ report-partials (1 partition)
     * ─▶ aggregator (stores report-partials, report-history, inventory-reports) ─▶ reports.
     */
    private static void addReportAggregation(Topology topology, Topics topics, HealthSignals health) {
        topology.addSink(DailyReporter.PARTIALS_SINK, topics.reportPartials().name(),
                topics.reportPartials().keySerde().serializer(), topics.reportPartials().valueSerde().serializer(), INVENTORY);
        topology.addSource(AutoOffsetReset.earliest(), "report-partials-source",
                topics.reportPartials().keySerde().deserializer(), streamValues(topics.reportPartials(), health),
                topics.reportPartials().name());
        topology.addProcessor(REPORT_AGGREGATOR, ReportAggregator::new, "report-partials-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REPORT_PARTIALS),
                Serdes.String(), new AvroBinarySerde<>(InventoryReport.class)), REPORT_AGGREGATOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REPORT_HISTORY),
                Serdes.String(), new AvroBinarySerde<>(InventoryReport.class)), REPORT_AGGREGATOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.INVENTORY_REPORTS),
                Serdes.String(), new AvroBinarySerde<>(InventoryReport.class)), REPORT_AGGREGATOR);
        topology.addSink(ReportAggregator.SINK, topics.reports().name(), topics.reports().keySerde().serializer(),
                topics.reports().valueSerde().serializer(), REPORT_AGGREGATOR);
    }

    /**
     * The policy check, run by each instance as a second Kafka Streams client with the application id
     * {@code <application.id>}{@value #POLICY_CHECK_SUFFIX}: reads the raw policy topic and dead-letters
     * the policies the global store ignores, once each under exactly-once (see {@link PolicyValidator}).
     * It cannot be a sub-topology of {@link #build}: Kafka Streams does not let one topology read a topic
     * both into a global store and into a task.
     */
    public static Topology buildPolicyCheck(Topics topics, InventorySettings settings, PipelineCounters counters) {
        Topology topology = new Topology();
        HealthSignals health = counters == null ? null : counters.health();
        topology.addSource(AutoOffsetReset.earliest(), "sku-policies-check-source",
                topics.skuPolicies().keySerde().deserializer(), streamValues(topics.skuPolicies(), health),
                topics.skuPolicies().name());
        topology.addProcessor(PolicyValidator.NAME, () -> new PolicyValidator(settings.defaultPolicy()),
                "sku-policies-check-source");
        return topology;
    }
}
