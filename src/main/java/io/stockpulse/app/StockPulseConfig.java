package io.stockpulse.app;

import io.stockpulse.api.ApiSettings;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassServiceLevels;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.topology.InventorySettings;
import io.stockpulse.topics.TopicNames;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * StockPulse's settings, declared with Kafka's own {@link ConfigDef}: types, defaults, ranges and
 * docs in one table, and a start-up failure that names the key and the allowed range. Values come
 * from a properties file, overridden by environment variables ({@code STOCKPULSE_} + the key in
 * upper case with dots and dashes as underscores). Keys under {@code kafka.} pass through to every
 * Kafka client (security settings and the like).
 */
public final class StockPulseConfig extends AbstractConfig {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StockPulseConfig.class);
    public static final String ENV_PREFIX = "STOCKPULSE_";
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String SCHEMA_AUTO_REGISTER = "schema.registry.auto.register";
    /** Registry credentials: PASSWORD keys, so that environment variables and secrets can carry them. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_BEARER_TOKEN = "schema.registry.bearer.auth.token";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String STREAM_THREADS = "num.stream.threads";
    public static final String STANDBY_REPLICAS = "num.standby.replicas";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String MAX_TASK_IDLE_MS = "max.task.idle.ms";
    public static final String DAY_ZONE = "day.zone";
    public static final String DAY_CLOSE_GRACE = "day.close.grace";
    public static final String HISTORY_DAYS = "history.days";
    public static final String FORECAST_MODEL = "forecast.model";
    public static final String FORECAST_HORIZON = "forecast.horizon.days";
    public static final String FORECAST_WINDOW = "forecast.moving-average.window";
    public static final String FORECAST_MODEL_DIR = "forecast.model.dir";
    public static final String FORECAST_MIN_HISTORY = "forecast.min-history-days";
    public static final String FORECAST_MODEL_POLL = "forecast.model.poll.seconds";
    public static final String FORECAST_BATCH = "forecast.batch.size";
    public static final String FORECAST_REFRESH = "forecast.refresh.days";
    public static final String ALERT_HYSTERESIS = "alert.hysteresis";
    public static final String DEDUP_RETENTION = "dedup.retention";
    public static final String MAX_FUTURE_SKEW = "event.max.future.skew";
    public static final String HTTP_PORT = ApiSettings.PORT_KEY;
    public static final String HTTP_ADVERTISED_HOST = ApiSettings.ADVERTISED_HOST_KEY;
    public static final String HTTP_AUTH_TOKEN = ApiSettings.AUTH_TOKEN_KEY;
    public static final String DASHBOARD_SIMULATE_FILE = ApiSettings.SIMULATE_FILE_KEY;
    public static final String HTTP_BIND_ADDRESS = ApiSettings.BIND_ADDRESS_KEY;
    public static final String BROKER_CONNECT_TIMEOUT = "broker.connect.timeout";
    public static final String ABC_A_SHARE = "abc.class.a.share";
    public static final String ABC_B_SHARE = "abc.class.b.share";
    public static final String SERVICE_LEVEL_A = "service.level.a";
    public static final String SERVICE_LEVEL_B = "service.level.b";
    public static final String SERVICE_LEVEL_C = "service.level.c";
    public static final String XYZ_X_MAX_CV = "xyz.class.x.max-cv";
    public static final String XYZ_Y_MAX_CV = "xyz.class.y.max-cv";
    public static final String XYZ_ADI_CUTOFF = "xyz.adi.cutoff";
    public static final String CLASS_WINDOW_DAYS = "class.window.days";
    public static final String TSB_ALPHA = "intermittent.tsb.alpha";
    public static final String TSB_BETA = "intermittent.tsb.beta";
    public static final String TOPIC_PREFIX = "topic.";
    public static final String POLICY_PREFIX = "policy.default.";

    static final ConfigDef DEFINITION = definition();

    private StockPulseConfig(Map<String, ?> values) {
        super(DEFINITION, values, false);
        checkClassSettingsTogether();
    }

    /** Rules across keys, which ConfigDef's one-key validators cannot state; the message names the key. */
    private void checkClassSettingsTogether() {
        double a = getDouble(ABC_A_SHARE);
        double b = getDouble(ABC_B_SHARE);
        if (a + b > 1 + 1e-9) {
            throw new ConfigException(ABC_B_SHARE, b, "must be at most 1 - " + ABC_A_SHARE + " (" + (1 - a)
                    + "): the A and B shares together cannot exceed the whole sales value");
        }
        if (getDouble(XYZ_X_MAX_CV) > getDouble(XYZ_Y_MAX_CV)) {
            throw new ConfigException(XYZ_X_MAX_CV, getDouble(XYZ_X_MAX_CV), "must be at most " + XYZ_Y_MAX_CV + " ("
                    + getDouble(XYZ_Y_MAX_CV) + ")");
        }
        if (getInt(CLASS_WINDOW_DAYS) > getInt(HISTORY_DAYS)) {
            throw new ConfigException(CLASS_WINDOW_DAYS, getInt(CLASS_WINDOW_DAYS), "must be at most " + HISTORY_DAYS
                    + " (" + getInt(HISTORY_DAYS) + "): the window is read from the kept history");
        }
    }

    /** Reads the file (optional), applies the environment, validates. Throws ConfigException naming the key. */
    public static StockPulseConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
            }
            properties.forEach((k, v) -> values.put(k.toString(), v.toString().trim()));
        }
        for (String key : DEFINITION.names()) {
            String fromEnv = environment.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv);
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
                values.put(KAFKA_PREFIX + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT)
                        .replace('_', '.'), value);
            }
        });
        values.putAll(overrides);
        ConfigKeyCheck.warnings(values.keySet(), DEFINITION.names()).forEach(LOG::warn);
        return new StockPulseConfig(values);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static ConfigDef definition() {
        ConfigDef def = new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.LambdaValidator.with((name, value) -> {
                            if (value == null || ((java.util.List<?>) value).isEmpty()) {
                                throw new ConfigException(name, value, "must list at least one host:port");
                            }
                        }, () -> "host:port[,host:port]"),
                        Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port].")
                .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Schema registry speaking the Confluent REST API (Confluent SR, Apicurio "
                                + "/apis/ccompat/v7, Karapace, Redpanda), or mock://name for an in-memory registry.")
                .define(SCHEMA_AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Register the output schemas on first use; set false where schemas are managed centrally.")
                .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                        "user:password for HTTP basic auth at the schema registry (never logged).")
                .define(SCHEMA_REGISTRY_BEARER_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                        "Static bearer token for the schema registry, instead of basic auth (never logged).")
                .define(APPLICATION_ID, Type.STRING, TopicNames.DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Kafka Streams application id: consumer group, prefix of internal topics.")
                .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/stockpulse", Importance.HIGH,
                        "Directory of the RocksDB state stores; keep it on a persistent volume.")
                .define(STREAM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM, "Stream threads per instance.")
                .define(STANDBY_REPLICAS, Type.INT, 0, Range.between(0, 10), Importance.MEDIUM,
                        "Warm copies of each state store on other instances for fast fail-over.")
                .define(COMMIT_INTERVAL_MS, Type.LONG, 200L, Range.between(10, 600_000), Importance.MEDIUM,
                        "How often results are committed (exactly-once: also the latency of alerts).")
                // Not Kafka's 0: with 0 a sale that arrives a moment before its SKU's count on another topic is
                // applied first, and the outputs depend on arrival timing (docs/determinism.md, issue 17).
                .define(MAX_TASK_IDLE_MS, Type.LONG, 2000L, Range.between(0, 600_000), Importance.MEDIUM,
                        "How long a task waits for an empty input partition (sales, shipments or stock changes) before "
                                + "processing the others, so events of the three topics are applied in event-time order "
                                + "even when they arrive up to this far apart. It is also the most an event can wait for "
                                + "that; 0 trades determinism for latency (see docs/determinism.md).")
                .define(REPLICATION_FACTOR, Type.INT, -1, Range.between(-1, 32767), Importance.MEDIUM,
                        "Replication of internal topics; -1 uses the broker default.")
                .define(DAY_ZONE, Type.STRING, "UTC", zoneValidator(), Importance.MEDIUM,
                        "Time zone whose midnight closes a business day.")
                .define(DAY_CLOSE_GRACE, Type.STRING, "PT1H", durationValidator(Duration.ZERO, Duration.ofDays(7)),
                        Importance.MEDIUM, "ISO-8601 duration a day stays open after midnight for late events.")
                .define(HISTORY_DAYS, Type.INT, 730, Range.between(56, 3660), Importance.LOW,
                        "Daily demand buckets kept per SKU and location.")
                .define(FORECAST_MODEL, Type.STRING, "lstm",
                        ConfigDef.ValidString.in("lstm", "auto", "moving-average", "moving-average-eq", "tsb",
                                "seasonal-naive"), Importance.MEDIUM,
                        "Forecaster used at day close. lstm falls back to moving-average for short histories and "
                                + "whenever no valid model is loaded; auto picks per SKU among lstm, moving-average-eq "
                                + "and tsb by recent pinball loss and says why in ForecastUpdate.reason.")
                .define(FORECAST_MODEL_DIR, Type.STRING, "", Importance.MEDIUM,
                        "Directory watched for LSTM versions (one subdirectory per version with model.onnx + metadata.json; the file CURRENT names the one served); "
                                + "empty = the model bundled in the jar.")
                .define(FORECAST_MODEL_POLL, Type.INT, 30, Range.between(1, 86_400), Importance.LOW,
                        "Seconds between checks of the model directory for a new version.")
                .define(FORECAST_MIN_HISTORY, Type.INT, 14, Range.between(1, 365), Importance.LOW,
                        "Series with fewer days since their first sale use the moving-average baseline.")
                .define(FORECAST_HORIZON, Type.INT, 28, Range.between(7, 366), Importance.LOW, "Forecast horizon in days.")
                .define(FORECAST_WINDOW, Type.INT, 28, Range.between(1, 365), Importance.LOW,
                        "Days averaged by the moving-average forecaster.")
                .define(FORECAST_BATCH, Type.INT, 128, Range.between(1, 4096), Importance.LOW,
                        "Series per forecaster call at day close.")
                .define(FORECAST_REFRESH, Type.INT, 7, Range.between(1, 365), Importance.LOW,
                        "A SKU without sales gets a fresh forecast after this many days.")
                .define(ALERT_HYSTERESIS, Type.DOUBLE, 0.1, Range.between(0.0, 0.9), Importance.LOW,
                        "Relative margin by which a condition must clear before its alert resolves.")
                .define(DEDUP_RETENTION, Type.STRING, "P7D", durationValidator(Duration.ofMinutes(1), Duration.ofDays(365)),
                        Importance.LOW, "How long event ids are remembered for de-duplication (ISO-8601).")
                .define(MAX_FUTURE_SKEW, Type.STRING, "P1D", durationValidator(Duration.ZERO, Duration.ofDays(365)),
                        Importance.LOW, "Events stamped further than this ahead of the clock are rejected (ISO-8601).")
                .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
                        "Port of the HTTP server (health, /metrics, /api, dashboard); 0 = a free port.")
                .define(HTTP_BIND_ADDRESS, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.MEDIUM, "Address the HTTP server listens on: 0.0.0.0 = every interface, "
                                + "127.0.0.1 = this host only.")
                .define(BROKER_CONNECT_TIMEOUT, Type.STRING, "PT30S", durationValidator(Duration.ofSeconds(1),
                        Duration.ofHours(1)), Importance.MEDIUM, "How long start-up waits for the Kafka cluster to "
                                + "answer before it stops with an error (ISO-8601).")
                .define(HTTP_ADVERTISED_HOST, Type.STRING, "localhost", new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.MEDIUM, "Host name other instances reach this one's HTTP server by; with the bound "
                                + "port it is Kafka Streams' application.server, used to forward queries for SKUs "
                                + "this instance does not own.")
                .define(HTTP_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
                        "When set, /api/* requires the header Authorization: Bearer <token>; /health/* and /metrics "
                                + "stay open. Empty = no authentication.")
                .define(DASHBOARD_SIMULATE_FILE, Type.STRING, "", Importance.LOW,
                        "JSON written by stockpulse simulate --out; GET /api/simulate serves it and the dashboard "
                                + "draws its exchange curve. Empty = the panel says how to produce one.");
        defineClassSettings(def, ClassSettings.DEFAULT);
        DecisionConfig.define(def);
        TopicNames topics = TopicNames.defaults();
        defineTopic(def, "sales", topics.sales());
        defineTopic(def, "shipments", topics.shipments());
        defineTopic(def, "stock-changes", topics.stockChanges());
        defineTopic(def, "sku-policies", topics.skuPolicies());
        defineTopic(def, "reorder-triggers", topics.reorderTriggers());
        defineTopic(def, "stockout-alerts", topics.stockoutAlerts());
        defineTopic(def, "overstock-warnings", topics.overstockWarnings());
        defineTopic(def, "forecasts", topics.forecasts());
        defineTopic(def, "sku-classes", topics.skuClasses());
        // Internal to one deployment: named after its application.id, so two deployments never share them.
        defineTopic(def, "sku-sales-values", APPLICATION_ID_PLACEHOLDER + "-sku-sales-values");
        defineTopic(def, "abc-thresholds", APPLICATION_ID_PLACEHOLDER + "-abc-thresholds");
        defineTopic(def, "reports", topics.reports());
        defineTopic(def, "dlq", topics.deadLetters());
        PolicyParameters p = InventorySettings.defaults().defaultPolicy();
        definePolicy(def, "lead-time-days", p.leadTimeDays(), Range.between(0.0, 365.0), "Mean supplier lead time L.");
        definePolicy(def, "lead-time-std-days", p.leadTimeStdDays(), Range.between(0.0, 365.0),
                "Standard deviation of the lead time σL.");
        definePolicy(def, "service-level", p.serviceLevel(), Range.between(0.5, 0.9999),
                "Cycle service level (probability of no stockout per replenishment cycle).");
        definePolicy(def, "unit-cost", p.unitCost(), Range.atLeast(0.0), "Cost of one unit.");
        definePolicy(def, "order-cost", p.orderCost(), Range.atLeast(0.0),
                "Fixed cost K of one purchase-order line (EOQ weighs it against holding cost).");
        definePolicy(def, "holding-cost-rate", p.holdingCostRate(), Range.between(0.001, 10.0),
                "Holding cost per year as a fraction of unit cost.");
        def.define(POLICY_PREFIX + "moq", Type.LONG, p.moq(), Range.atLeast(1), Importance.MEDIUM, "Minimum order quantity.");
        def.define(POLICY_PREFIX + "pack-size", Type.LONG, p.packSize(), Range.atLeast(1), Importance.MEDIUM,
                "Orders are whole multiples of this.");
        definePolicy(def, "max-days-of-cover", p.maxDaysOfCover(), Range.between(1.0, 3650.0),
                "Above this many days of cover the stock is overstock.");
        return def;
    }

    private static void defineClassSettings(ConfigDef def, ClassSettings d) {
        def.define(ABC_A_SHARE, Type.DOUBLE, d.aShare(), Range.between(0.01, 0.99), Importance.MEDIUM,
                "ABC: share of the total trailing sales value covered by the A items (Pareto; the SKU that crosses "
                        + "the line is still A).")
                .define(ABC_B_SHARE, Type.DOUBLE, d.bShare(), Range.between(0.0, 0.99), Importance.MEDIUM,
                        "ABC: share covered by the B items after the A items; the rest is C. A + B share at most 1.")
                .define(SERVICE_LEVEL_A, Type.DOUBLE, d.serviceLevels().a(), Range.between(0.5, 0.9999),
                        Importance.MEDIUM, "Default cycle service level of A items (a SKU policy's own level wins).")
                .define(SERVICE_LEVEL_B, Type.DOUBLE, d.serviceLevels().b(), Range.between(0.5, 0.9999),
                        Importance.MEDIUM, "Default cycle service level of B items, and of every item before the "
                                + "first ABC split.")
                .define(SERVICE_LEVEL_C, Type.DOUBLE, d.serviceLevels().c(), Range.between(0.5, 0.9999),
                        Importance.MEDIUM, "Default cycle service level of C items.")
                .define(XYZ_X_MAX_CV, Type.DOUBLE, d.xyz().xMaxCv(), Range.between(0.01, 100.0), Importance.LOW,
                        "XYZ: coefficient of variation of weekly demand up to which an item is X (steady).")
                .define(XYZ_Y_MAX_CV, Type.DOUBLE, d.xyz().yMaxCv(), Range.between(0.01, 100.0), Importance.LOW,
                        "XYZ: CV up to which an item is Y; above it Z.")
                .define(XYZ_ADI_CUTOFF, Type.DOUBLE, d.xyz().adiCutoff(), Range.between(1.0, 100.0), Importance.LOW,
                        "XYZ: average interval between demand days above which an item is Z (intermittent; "
                                + "Syntetos-Boylan-Croston 1.32).")
                .define(CLASS_WINDOW_DAYS, Type.INT, d.windowDays(), Range.between(14, 3660), Importance.LOW,
                        "Trailing days behind the ABC sales value, the XYZ class and the TSB rate; at most history.days.")
                .define(TSB_ALPHA, Type.DOUBLE, d.tsbAlpha(), Range.between(0.01, 1.0), Importance.LOW,
                        "TSB smoothing of the demand size of INTERMITTENT items.")
                .define(TSB_BETA, Type.DOUBLE, d.tsbBeta(), Range.between(0.01, 1.0), Importance.LOW,
                        "TSB smoothing of the demand probability of INTERMITTENT items.");
    }

    /** The class settings of the ABC_* / SERVICE_LEVEL_* / XYZ_* / TSB_* keys. */
    public ClassSettings classSettings() {
        return new ClassSettings(getDouble(ABC_A_SHARE), getDouble(ABC_B_SHARE),
                new ClassServiceLevels(getDouble(SERVICE_LEVEL_A), getDouble(SERVICE_LEVEL_B), getDouble(SERVICE_LEVEL_C)),
                new AbcXyzClassification.XyzCutoffs(getDouble(XYZ_X_MAX_CV), getDouble(XYZ_Y_MAX_CV),
                        getDouble(XYZ_ADI_CUTOFF)),
                getInt(CLASS_WINDOW_DAYS), getDouble(TSB_ALPHA), getDouble(TSB_BETA));
    }

    private static void defineTopic(ConfigDef def, String name, String defaultName) {
        def.define(TOPIC_PREFIX + name, Type.STRING, defaultName, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.MEDIUM, "Topic " + defaultName + ".");
    }

    private static void definePolicy(ConfigDef def, String name, double value, Range range, String doc) {
        def.define(POLICY_PREFIX + name, Type.DOUBLE, value, range, Importance.MEDIUM, doc);
    }

    private static ConfigDef.Validator zoneValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "must be a time zone id such as UTC or Europe/London");
            }
        }, () -> "a time zone id (UTC, Europe/London, …)");
    }

    private static ConfigDef.Validator durationValidator(Duration min, Duration max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                Duration duration;
                try {
                    duration = Duration.parse((String) value);
                } catch (DateTimeParseException | NullPointerException e) {
                    throw new ConfigException(name, value, "must be an ISO-8601 duration such as PT1H or P7D, between "
                            + min + " and " + max);
                }
                if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                    throw new ConfigException(name, value, "must be between " + min + " and " + max);
                }
            }

            @Override
            public String toString() {
                return "[" + min + ", " + max + "]";
            }
        };
    }

    /** In a topic name's value, stands for the configured {@code application.id}. */
    public static final String APPLICATION_ID_PLACEHOLDER = "<application.id>";

    private String internalTopic(String name) {
        return getString(TOPIC_PREFIX + name).replace(APPLICATION_ID_PLACEHOLDER, getString(APPLICATION_ID));
    }

    public TopicNames topicNames() {
        return new TopicNames(getString(TOPIC_PREFIX + "sales"), getString(TOPIC_PREFIX + "shipments"),
                getString(TOPIC_PREFIX + "stock-changes"), getString(TOPIC_PREFIX + "sku-policies"),
                getString(TOPIC_PREFIX + "reorder-triggers"), getString(TOPIC_PREFIX + "stockout-alerts"),
                getString(TOPIC_PREFIX + "overstock-warnings"), getString(TOPIC_PREFIX + "forecasts"),
                getString(TOPIC_PREFIX + "dlq"), getString(TOPIC_PREFIX + "sku-classes"),
                internalTopic("sku-sales-values"), internalTopic("abc-thresholds"),
                getString(TOPIC_PREFIX + "reports"), TopicNames.reportPartials(getString(APPLICATION_ID)));
    }

    public InventorySettings inventorySettings() {
        PolicyParameters policy = new PolicyParameters(
                getDouble(POLICY_PREFIX + "lead-time-days"), getDouble(POLICY_PREFIX + "lead-time-std-days"),
                getDouble(POLICY_PREFIX + "service-level"), getDouble(POLICY_PREFIX + "unit-cost"),
                getDouble(POLICY_PREFIX + "order-cost"), getDouble(POLICY_PREFIX + "holding-cost-rate"),
                getLong(POLICY_PREFIX + "moq"), getLong(POLICY_PREFIX + "pack-size"),
                getDouble(POLICY_PREFIX + "max-days-of-cover"));
        return new InventorySettings(topicNames(), ZoneId.of(getString(DAY_ZONE)), Duration.parse(getString(DAY_CLOSE_GRACE)),
                getInt(HISTORY_DAYS), getInt(FORECAST_HORIZON), getInt(FORECAST_BATCH), getInt(FORECAST_REFRESH),
                getDouble(ALERT_HYSTERESIS), Duration.parse(getString(DEDUP_RETENTION)),
                Duration.parse(getString(MAX_FUTURE_SKEW)), policy, classSettings(), decisionSettings());
    }

    /** The decision core's settings (the {@code decision.*} keys and the alert hysteresis). */
    public io.stockpulse.decision.DecisionSettings decisionSettings() {
        return DecisionConfig.settings(this, getDouble(ALERT_HYSTERESIS), getDouble(TSB_ALPHA), getDouble(TSB_BETA));
    }

    /** Settings for every Kafka client, from the {@code kafka.} keys (security, timeouts, …). */
    public Map<String, Object> clientOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }
}
