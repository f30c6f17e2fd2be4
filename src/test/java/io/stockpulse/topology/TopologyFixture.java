package io.stockpulse.topology;

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
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.forecast.MovingAverageForecaster;
import io.stockpulse.serde.InMemorySchemaRegistryClient;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/**
 * The production topology from {@link InventoryTopology#build} in a TopologyTestDriver, with an
 * in-memory schema registry and helpers to publish events the way a warehouse system would. The
 * policy check ({@link InventoryTopology#buildPolicyCheck}), a Kafka Streams client of its own in the
 * application, runs in a second driver; {@link #policies} publishes to both.
 */
final class TopologyFixture implements AutoCloseable {

    static final String LOCATION = "WH1";
    final String scope = "test-" + UUID.randomUUID();
    final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
    final PipelineCounters counters = new PipelineCounters();
    final InventorySettings settings;
    final Topics topics;
    final Topology topology;
    final TopologyTestDriver driver;
    final Topology policyCheckTopology;
    final TopologyTestDriver policyCheckDriver;
    final TestInputTopic<String, SaleEvent> sales;
    final TestInputTopic<String, ShipmentEvent> shipments;
    final TestInputTopic<String, StockChangeEvent> stockChanges;
    /** The policy topic: read by the global store (in {@link #driver}) and by the policy check. */
    final PolicyInput policies;
    final TestInputTopic<String, byte[]> rawSales;
    final TestOutputTopic<String, ReorderTrigger> triggers;
    final TestOutputTopic<String, StockoutAlert> stockouts;
    final TestOutputTopic<String, OverstockWarning> overstocks;
    final TestOutputTopic<String, ForecastUpdate> forecasts;
    final TestOutputTopic<String, byte[]> deadLetters;
    /** Dead letters written by the policy check. */
    final TestOutputTopic<String, byte[]> policyDeadLetters;
    private final java.nio.file.Path stateDir;
    private int sequence;

    TopologyFixture() {
        this(InventorySettings.defaults());
    }

    TopologyFixture(InventorySettings settings) {
        this(settings, new Properties());
    }

    /** With {@code extra} Streams config entries (e.g. the input partition count the ABC aggregator waits for). */
    TopologyFixture(InventorySettings settings, Properties extra) {
        this(settings, extra, ForecasterProvider.shared(new MovingAverageForecaster(28)));
    }

    /** With another forecaster than the moving average. */
    TopologyFixture(InventorySettings settings, Properties extra, ForecasterProvider forecasters) {
        this.settings = settings;
        try {
            stateDir = java.nio.file.Files.createTempDirectory("stockpulse-topology-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        topics = Topics.create(settings.topics(), registry, true);
        topology = InventoryTopology.build(topics, settings, forecasters, counters);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stockpulse-test");
        // Its own state directory: the default /tmp/kafka-streams/<app id> is shared by every fixture of
        // every build on the machine, and RocksDB's lock then fails whichever opens second.
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, settings.topics().deadLetters());
        props.put(PipelineCounters.CONFIG_KEY, counters);
        props.putAll(extra);
        driver = new TopologyTestDriver(topology, props, Instant.parse("2026-01-01T00:00:00Z"));
        policyCheckTopology = InventoryTopology.buildPolicyCheck(topics, settings, counters);
        Properties checkProps = new Properties();
        checkProps.putAll(props);
        checkProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "stockpulse-test" + InventoryTopology.POLICY_CHECK_SUFFIX);
        policyCheckDriver = new TopologyTestDriver(policyCheckTopology, checkProps, Instant.parse("2026-01-01T00:00:00Z"));
        sales = input(topics.sales());
        shipments = input(topics.shipments());
        stockChanges = input(topics.stockChanges());
        policies = new PolicyInput();
        rawSales = driver.createInputTopic(topics.sales().name(), new StringSerializer(), new ByteArraySerializer());
        triggers = output(topics.reorderTriggers());
        stockouts = output(topics.stockoutAlerts());
        overstocks = output(topics.overstockWarnings());
        forecasts = output(topics.forecasts());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(),
                topics.deadLetters().keySerde().deserializer(), topics.deadLetters().valueSerde().deserializer());
        policyDeadLetters = policyCheckDriver.createOutputTopic(topics.deadLetters().name(),
                topics.deadLetters().keySerde().deserializer(), topics.deadLetters().valueSerde().deserializer());
    }

    /**
     * Publishes to the policy topic as the application sees it: the global store (processed at once by
     * the driver, before the events piped after it) and the policy check read the same records.
     */
    final class PolicyInput {
        private final TestInputTopic<String, SkuPolicy> store = input(topics.skuPolicies());
        private final TestInputTopic<String, SkuPolicy> check = policyCheckDriver.createInputTopic(topics.skuPolicies().name(),
                topics.skuPolicies().keySerde().serializer(), topics.skuPolicies().valueSerde().serializer());
        private final TestInputTopic<String, byte[]> rawStore = driver.createInputTopic(topics.skuPolicies().name(),
                new StringSerializer(), new ByteArraySerializer());
        private final TestInputTopic<String, byte[]> rawCheck = policyCheckDriver.createInputTopic(
                topics.skuPolicies().name(), new StringSerializer(), new ByteArraySerializer());

        void pipeInput(String key, SkuPolicy policy) {
            store.pipeInput(key, policy);
            check.pipeInput(key, policy);
        }

        /** Bytes as they are, e.g. not Avro at all. */
        void pipeRaw(String key, byte[] value) {
            rawStore.pipeInput(key, value);
            rawCheck.pipeInput(key, value);
        }
    }

    /** With {@code n} input partitions (the ABC split and the report wait for every partition's close). */
    static TopologyFixture withInputPartitions(int n) {
        Properties partitions = new Properties();
        partitions.put(InventoryTopology.INPUT_PARTITIONS_CONFIG, n);
        return new TopologyFixture(InventorySettings.defaults(), partitions);
    }

    <V> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    String nextId() {
        return "e" + (++sequence);
    }

    SaleEvent sale(String sku, long quantity, String at) {
        SaleEvent event = SaleEvent.newBuilder().setEventId(nextId()).setSku(sku).setLocationId(LOCATION)
                .setQuantity(quantity).setUnitPrice(2.5).setOccurredAt(Instant.parse(at)).build();
        sales.pipeInput(sku, event, event.getOccurredAt());
        return event;
    }

    StockChangeEvent stockChange(String sku, StockChangeKind kind, long quantity, String at) {
        StockChangeEvent event = StockChangeEvent.newBuilder().setEventId(nextId()).setSku(sku).setLocationId(LOCATION)
                .setKind(kind).setQuantity(quantity).setOccurredAt(Instant.parse(at)).build();
        stockChanges.pipeInput(sku, event, event.getOccurredAt());
        return event;
    }

    ShipmentEvent shipment(String sku, String order, ShipmentStatus status, long quantity, String at) {
        ShipmentEvent event = ShipmentEvent.newBuilder().setEventId(nextId()).setSku(sku).setLocationId(LOCATION)
                .setPurchaseOrderId(order).setStatus(status).setQuantity(quantity).setOccurredAt(Instant.parse(at)).build();
        shipments.pipeInput(sku, event, event.getOccurredAt());
        return event;
    }

    /** An ORDERED shipment expected at {@code expectedAt}. */
    ShipmentEvent ordered(String sku, String order, long quantity, String at, String expectedAt) {
        ShipmentEvent event = ShipmentEvent.newBuilder().setEventId(nextId()).setSku(sku).setLocationId(LOCATION)
                .setPurchaseOrderId(order).setStatus(ShipmentStatus.ORDERED).setQuantity(quantity)
                .setExpectedAt(Instant.parse(expectedAt)).setOccurredAt(Instant.parse(at)).build();
        shipments.pipeInput(sku, event, event.getOccurredAt());
        return event;
    }

    SkuState state(String sku) {
        KeyValueStore<String, SkuState> store = driver.getKeyValueStore(StoreNames.SKU_STATE);
        return store.get(StoreKeys.skuLocation(sku, LOCATION));
    }

    @Override
    public void close() {
        driver.close();
        policyCheckDriver.close();
        InMemorySchemaRegistryClient.dropScope(scope);
        try {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An ISO instant on day {@code dayOfMarch} of March 2011 at {@code time} (HH:MM, UTC). */
    static String march(int dayOfMarch, String time) {
        return String.format("2011-03-%02dT%s:00Z", dayOfMarch, time);
    }
}
