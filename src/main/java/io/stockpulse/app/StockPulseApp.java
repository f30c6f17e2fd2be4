package io.stockpulse.app;

import io.stockpulse.api.ApiBackend;
import io.stockpulse.api.ApiServer;
import io.stockpulse.api.ApiSettings;
import io.stockpulse.decision.LeadTimeLearning;
import io.stockpulse.forecast.AutoForecasterProvider;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.forecast.LstmForecasterProvider;
import io.stockpulse.metrics.StateGauges;
import io.stockpulse.metrics.StockPulseMetrics;
import io.stockpulse.policy.ClassServiceLevels;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.signals.HealthSignals;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import io.stockpulse.topology.DeadLetterDeserializationHandler;
import io.stockpulse.topology.DeadLetterProcessingHandler;
import io.stockpulse.topology.DeadLetterProductionHandler;
import io.stockpulse.topology.InventorySettings;
import io.stockpulse.topology.InventoryTopology;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One StockPulse instance: the topology, its Kafka Streams runtime and its counters, plus the policy
 * check ({@link InventoryTopology#buildPolicyCheck}), a second Kafka Streams client with the application
 * id {@code <application.id>-policy-check} that dead-letters invalid policies.
 */
public final class StockPulseApp implements ApiBackend, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockPulseApp.class);

    private final StockPulseConfig config;
    private final PipelineCounters counters = new PipelineCounters();
    private final Topics topics;
    private final Topology topology;
    private final KafkaStreams streams;
    private final KafkaStreams policyCheck;
    private final ForecasterProvider forecasters;
    private final ApiServer http;
    private StockPulseMetrics metrics;
    private final RegistryOutageGuard registryGuard;
    private AutoCloseable ownedForecaster;
    /** Partition count of the input topics, handed to the ABC aggregator through the Streams config. */
    private final AtomicInteger inputPartitions = new AtomicInteger(1);

    static ForecasterProvider forecastersFor(StockPulseConfig config, PipelineCounters counters) {
        String model = config.getString(StockPulseConfig.FORECAST_MODEL);
        int window = config.getInt(StockPulseConfig.FORECAST_WINDOW);
        if (!model.equals(Forecasters.LSTM) && !model.equals(Forecasters.AUTO)) {
            return Forecasters.baseline(model, window);
        }
        String dir = config.getString(StockPulseConfig.FORECAST_MODEL_DIR);
        LstmForecasterProvider lstm = Forecasters.lstm(dir.isBlank() ? null : Path.of(dir), Path.of(config.getString(StockPulseConfig.STATE_DIR),
                "models"), window, config.getInt(StockPulseConfig.FORECAST_MIN_HISTORY),
                config.getInt(StockPulseConfig.FORECAST_BATCH), counters);
        return model.equals(Forecasters.AUTO)
                ? new AutoForecasterProvider(lstm, window, config.getInt(StockPulseConfig.FORECAST_MIN_HISTORY)) : lstm;
    }

    public StockPulseApp(StockPulseConfig config) {
        this(config, null);
    }

    /** With {@code forecasters} null, the forecaster named by {@code forecast.model} is built. */
    public StockPulseApp(StockPulseConfig config, ForecasterProvider forecasters) {
        this.config = config;
        if (forecasters == null) {
            forecasters = forecastersFor(config, counters);
            if (forecasters instanceof LstmForecasterProvider lstm) {
                ownedForecaster = lstm.watch(config.getInt(StockPulseConfig.FORECAST_MODEL_POLL));
            } else if (forecasters instanceof AutoForecasterProvider auto) {
                auto.lstm().watch(config.getInt(StockPulseConfig.FORECAST_MODEL_POLL));
                ownedForecaster = auto;
            }
        }
        InventorySettings settings = config.inventorySettings();
        SchemaRegistryClient registry = SchemaRegistryClients.create(config.getString(StockPulseConfig.SCHEMA_REGISTRY_URL),
                config.originals());
        topics = Topics.create(settings.topics(), registry, config.getBoolean(StockPulseConfig.SCHEMA_AUTO_REGISTER));
        topology = InventoryTopology.build(topics, settings, forecasters, counters);
        this.forecasters = forecasters;
        // bound first: with http.port=0 the real port is only known now, and other instances forward to it
        http = ApiServer.bind(apiSettings(config));
        Properties props = streamsProperties(config, counters);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.endpoint());
        // The ABC aggregator publishes a day's cut-offs once every input partition has closed the day;
        // the count is read from the broker in start(), before any task runs.
        props.put(InventoryTopology.INPUT_PARTITIONS_CONFIG, inputPartitions);
        props.put(InventoryTopology.ABC_MAX_WAIT_CONFIG, config.getLong(StockPulseConfig.ABC_CUTOFFS_MAX_WAIT_MS));
        props.put(InventoryTopology.ABC_FIRST_WAIT_CONFIG, config.getLong(StockPulseConfig.ABC_CUTOFFS_FIRST_WAIT_MS));
        KafkaStreams main = null;
        try {
            main = new KafkaStreams(topology, props);
            policyCheck = new KafkaStreams(InventoryTopology.buildPolicyCheck(topics, settings, counters),
                    policyCheckProperties(config, counters));
        } catch (RuntimeException e) {
            if (main != null) {
                main.close(Duration.ZERO);
            }
            http.close();
            throw e;
        }
        streams = main;
        registryGuard = new RegistryOutageGuard(List.of(streams, policyCheck), registry, counters.health());
    }

    /** Kafka Streams settings: exactly-once v2, dead-letter handlers, and the pass-through client settings. */
    public static Properties streamsProperties(StockPulseConfig config, PipelineCounters counters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(StockPulseConfig.APPLICATION_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.getList(StockPulseConfig.BOOTSTRAP_SERVERS)));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(StockPulseConfig.STATE_DIR));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(StockPulseConfig.STREAM_THREADS));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getInt(StockPulseConfig.STANDBY_REPLICAS));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(StockPulseConfig.COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.getInt(StockPulseConfig.REPLICATION_FACTOR));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.getLong(StockPulseConfig.MAX_TASK_IDLE_MS));
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topicNames().deadLetters());
        props.put(PipelineCounters.CONFIG_KEY, counters);
        for (Map.Entry<String, Object> entry : config.clientOverrides().entrySet()) {
            props.put(entry.getKey(), entry.getValue());
        }
        return props;
    }

    /**
     * The policy check's settings: those of the instance under its own application id (so its own consumer
     * group and transactional ids), one thread, no standby (it keeps no state).
     */
    static Properties policyCheckProperties(StockPulseConfig config, PipelineCounters counters) {
        Properties props = streamsProperties(config, counters);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG,
                config.getString(StockPulseConfig.APPLICATION_ID) + InventoryTopology.POLICY_CHECK_SUFFIX);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        return props;
    }

    public void start() {
        for (KafkaStreams client : List.of(streams, policyCheck)) {
            client.setUncaughtExceptionHandler(error -> {
                // Counted for readiness and metrics: a thread replaced again and again is a crash loop.
                counters.health().threadReplaced(error);
                LOG.error("Stream thread failed; replacing it ({} replacements so far)",
                        counters.health().threadReplacements(), error);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        }
        policyCheck.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                LOG.error("The policy check stopped (Kafka Streams {} -> {}): invalid policies are still ignored but no"
                        + " longer dead-lettered until the instance restarts", before, now);
            }
        });
        metrics(); // registers the restore listener: before the streams start
        http.start(this);
        inputPartitions.set(TopicAdmin.inputPartitions(config).orElse(1));
        createInternalTopics();
        streams.start();
        policyCheck.start();
    }

    /**
     * The application's own {@code <application.id>-*} topics, created like Kafka Streams creates its
     * changelogs (same ACL: create on that prefix), also under {@code run --no-create-topics}.
     */
    private void createInternalTopics() {
        try {
            TopicAdmin.ensureInternalTopics(config, inputPartitions.get());
        } catch (ExecutionException | TimeoutException e) {
            // Kafka Streams then stops on the missing source topic and names it
            LOG.error("Cannot create the internal topics ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The policy check's Kafka Streams client (dead-letters invalid policies). */
    public KafkaStreams policyCheck() {
        return policyCheck;
    }

    public Topics topics() {
        return topics;
    }

    public Topology topology() {
        return topology;
    }

    public PipelineCounters counters() {
        return counters;
    }

    @Override
    public HealthSignals health() {
        return counters.health();
    }

    /** The Prometheus registry of this instance, built at first use (at the latest by {@link #start}). */
    @Override
    public synchronized StockPulseMetrics metrics() {
        if (metrics == null) {
            metrics = metricsFor(this);
        }
        return metrics;
    }

    @Override
    public PolicyParameters defaultPolicy() {
        return config.inventorySettings().defaultPolicy();
    }

    @Override
    public ClassServiceLevels classServiceLevels() {
        return config.inventorySettings().classes().serviceLevels();
    }

    @Override
    public LeadTimeLearning leadTimeLearning() {
        return config.inventorySettings().decisions().leadTime();
    }

    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",",
                config.getList(StockPulseConfig.BOOTSTRAP_SERVERS)));
        return props;
    }

    @Override
    public String applicationId() {
        return config.getString(StockPulseConfig.APPLICATION_ID);
    }

    public StockPulseConfig config() {
        return config;
    }

    public ForecasterProvider forecasters() {
        return forecasters;
    }

    private static ApiSettings apiSettings(StockPulseConfig config) {
        return new ApiSettings(config.getString(StockPulseConfig.HTTP_BIND_ADDRESS), config.getInt(StockPulseConfig.HTTP_PORT),
                config.getString(StockPulseConfig.HTTP_ADVERTISED_HOST),
                config.getPassword(StockPulseConfig.HTTP_AUTH_TOKEN).value(),
                config.getString(StockPulseConfig.DASHBOARD_SIMULATE_FILE));
    }

    /** The registry with the gauges over this instance's stores, lag and model (the restore listener too). */
    private static StockPulseMetrics metricsFor(StockPulseApp app) {
        StockPulseConfig config = app.config();
        StockPulseMetrics metrics = new StockPulseMetrics(app.streams(), app.counters());
        Map<String, Object> adminProps = new HashMap<>(TopicAdmin.adminProperties(config));
        String appId = app.applicationId();
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, appId + "-metrics");
        TopicNames topics = config.topicNames();
        ForecasterProvider forecasters = app.forecasters();
        metrics.refreshEvery(Duration.ofSeconds(5), new StateGauges(app.streams(),
                Path.of(config.getString(StockPulseConfig.STATE_DIR), appId), Admin.create(adminProps), appId,
                List.of(topics.sales(), topics.shipments(), topics.stockChanges()), () -> modelInfo(forecasters)));
        return metrics;
    }

    private static StateGauges.ModelInfo modelInfo(ForecasterProvider forecasters) {
        if (forecasters instanceof LstmForecasterProvider lstm) {
            return new StateGauges.ModelInfo(Forecasters.LSTM, lstm.currentVersion().orElse("none"));
        }
        if (forecasters instanceof AutoForecasterProvider auto) {
            return new StateGauges.ModelInfo(Forecasters.AUTO, auto.lstm().currentVersion().orElse("none"));
        }
        // the baselines are shared and stateless: asking from this thread creates nothing
        Forecaster forecaster = forecasters.forCurrentThread();
        return new StateGauges.ModelInfo(forecaster.model(), forecaster.version());
    }

    /** Health, /metrics and the JSON API of this instance. */
    public ApiServer http() {
        return http;
    }

    /**
     * Stops gracefully and leaves the consumer group, so the partitions move to the other instances at
     * once instead of after the session timeout.
     */
    @Override
    public void close() {
        counters.health().stopping();
        registryGuard.close();
        policyCheck.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        http.close();
        synchronized (this) {
            if (metrics != null) {
                metrics.close();
            }
        }
        if (ownedForecaster != null) {
            try {
                ownedForecaster.close();
            } catch (Exception e) {
                LOG.warn("Closing the forecaster failed", e);
            }
        }
    }
}
