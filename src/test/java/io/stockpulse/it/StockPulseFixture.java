package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.registry.ApicurioRegistry;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The integration tests' shared set-up (issue 20): one embedded KRaft broker per test class, started
 * on first use in a directory of its own and closed after the class; the settings every instance
 * starts from ({@link Settings}); the topics, the in-JVM application awaited until it runs, publishers
 * and readers on the broker, and the small store and record helpers the tests repeat. The real
 * registry is {@link ApicurioRegistry#shared()}; a child instance is a {@link StockPulseProcess}.
 *
 * <p>A test class registers it as {@code @RegisterExtension static final StockPulseFixture KAFKA = new StockPulseFixture();},
 * then:
 * <pre>{@code
 * StockPulseConfig config = KAFKA.settings("my-it").stateDir(temp.resolve("state")).config();
 * Topics topics = StockPulseFixture.topics(config, 2);
 * try (StockPulseApp app = StockPulseFixture.running(config, PATIENCE);
 *      EventPublisher events = KAFKA.publisher(topics, "my-")) {
 *     ...
 * }
 * }</pre>
 * <p>Also {@link AutoCloseable}, for a test that wants a broker of its own in a try-with-resources.
 */
final class StockPulseFixture implements AfterAllCallback, AutoCloseable {

    /** The event, output and dead-letter topics: renamed per run by {@link Settings#ownTopics()}. */
    static final List<String> TOPICS = List.of("sales", "shipments", "stock-changes", "sku-policies", "reorder-triggers",
            "stockout-alerts", "overstock-warnings", "forecasts", "dlq");
    /** {@link #TOPICS} and the class and report topics, for runs whose aggregators must not see each other. */
    static final List<String> ALL_TOPICS = Stream.concat(TOPICS.stream(),
            Stream.of("sku-classes", "sku-sales-values", "abc-thresholds", "reports")).toList();

    private Path dir;
    private EmbeddedKafkaBroker broker;

    /** The broker, started at the first call. */
    synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            try {
                dir = Files.createTempDirectory("stockpulse-it-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        }
        return broker;
    }

    String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The shared settings for {@code appId} on this broker, with its own in-memory registry ({@code mock://appId}). */
    Settings settings(String appId) {
        return Settings.of(bootstrapServers(), appId);
    }

    EventPublisher publisher(Topics topics, String prefix) {
        return new EventPublisher(bootstrapServers(), topics, prefix);
    }

    <V> OutputReader<V> reader(Topic<V> topic) {
        return new OutputReader<>(bootstrapServers(), topic);
    }

    Admin admin() {
        return Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dir != null) {
            deleteQuietly(dir);
            dir = null;
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory fails no test
        }
    }

    /** The URL of the real schema registry all the tests share (Apicurio, started once per JVM). */
    static String sharedRegistryUrl() {
        return ApicurioRegistry.shared().ccompatUrl();
    }

    /** A client for the configuration's schema registry ({@code mock://} or the real one). */
    static SchemaRegistryClient registryClient(StockPulseConfig config) {
        return SchemaRegistryClients.create(config.getString(StockPulseConfig.SCHEMA_REGISTRY_URL), Map.of());
    }

    /** The configuration's topics created on the broker with {@code partitions}; serdes auto-registering. */
    static Topics topics(StockPulseConfig config, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        return topics(config, partitions, registryClient(config), true);
    }

    /** The configuration's topics created on the broker with {@code partitions}; serdes on {@code registry}. */
    static Topics topics(StockPulseConfig config, int partitions, SchemaRegistryClient registry, boolean autoRegister)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicAdmin.ensureTopics(config, partitions);
        return Topics.create(config.topicNames(), registry, autoRegister);
    }

    /** A started application whose topology runs (closed again if it does not within {@code patience}). */
    static StockPulseApp running(StockPulseConfig config, Duration patience) {
        StockPulseApp app = new StockPulseApp(config);
        try {
            app.start();
            awaitRunning(app, patience);
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    static void awaitRunning(StockPulseApp app, Duration patience) {
        await().atMost(patience).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
    }

    /** The net stock of {@code sku} at {@link EventPublisher#LOCATION} in the SKU state store; MIN_VALUE while absent. */
    static long netStock(KafkaStreams streams, String sku) {
        ReadOnlyKeyValueStore<String, SkuState> store = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.SKU_STATE, QueryableStoreTypes.keyValueStore()));
        SkuState state = store.get(StoreKeys.skuLocation(sku, EventPublisher.LOCATION));
        return state == null ? Long.MIN_VALUE : state.getNetStock();
    }

    /** A record header's value as text; null when absent. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Members of consumer group {@code groupId} now. */
    static int groupMembers(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).all().get(10, TimeUnit.SECONDS).get(groupId).members().size();
    }

    /**
     * The settings an instance starts from: broker, registry, application id, one replica, an HTTP
     * port of the system's choosing, a 100 ms commit interval and the moving-average forecaster. A test
     * states what it adds or does without ({@link #set}, {@link #unset}).
     */
    static final class Settings {

        private final Map<String, String> values = new HashMap<>();
        private final String appId;

        private Settings(String bootstrapServers, String registryUrl, String appId) {
            this.appId = appId;
            values.put("bootstrap.servers", bootstrapServers);
            values.put("schema.registry.url", registryUrl);
            values.put("application.id", appId);
            values.put("replication.factor", "1");
            values.put("http.port", "0");
            values.put("commit.interval.ms", "100");
            values.put("forecast.model", "moving-average");
        }

        /** On {@code bootstrapServers}, with the in-memory registry {@code mock://appId}. */
        static Settings of(String bootstrapServers, String appId) {
            return new Settings(bootstrapServers, SchemaRegistryClients.MOCK_SCHEME + appId, appId);
        }

        String appId() {
            return appId;
        }

        Settings registry(String url) {
            return set("schema.registry.url", url);
        }

        Settings stateDir(Path dir) {
            return set("state.dir", dir.toString());
        }

        Settings set(String key, String value) {
            values.put(key, value);
            return this;
        }

        Settings unset(String key) {
            values.remove(key);
            return this;
        }

        /** Each of {@link #TOPICS} under a name of this application's own: {@code inventory.<topic>.<appId>}. */
        Settings ownTopics() {
            return ownTopics(TOPICS, "." + appId);
        }

        /** Each of {@code topics} as {@code inventory.<topic><suffix>}. */
        Settings ownTopics(List<String> topics, String suffix) {
            for (String topic : topics) {
                values.put("topic." + topic, "inventory." + topic + suffix);
            }
            return this;
        }

        /** A killed or departed member noticed within seconds (session 6 s, heartbeat 1.5 s). */
        Settings quickFailover() {
            return set("kafka.session.timeout.ms", "6000").set("kafka.heartbeat.interval.ms", "1500");
        }

        /** A copy of the values, e.g. for a child process's {@code -D} settings. */
        Map<String, String> map() {
            return new HashMap<>(values);
        }

        StockPulseConfig config() {
            return config(Map.of());
        }

        /** With {@code env} as the process environment ({@code STOCKPULSE_*} variables). */
        StockPulseConfig config(Map<String, String> env) {
            return StockPulseConfig.load(null, env, values);
        }
    }
}
