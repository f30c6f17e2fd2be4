package io.stockpulse.app;

import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topology.InventorySettings;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import static io.stockpulse.app.StockPulseConfig.*;

/** The configuration keys of {@link StockPulseConfig}, defined group by group. */
final class ConfigDefinition {

    private ConfigDefinition() {
    }

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        defineConnection(def);
        defineStreams(def);
        defineDays(def);
        defineForecasting(def);
        defineAlertsAndInput(def);
        defineHttp(def);
        defineClassSettings(def, ClassSettings.DEFAULT);
        DecisionConfig.define(def);
        defineTopics(def);
        definePolicies(def);
        return def;
    }

    /** The cluster and the schema registry. */
    private static void defineConnection(ConfigDef def) {
        def.define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.LambdaValidator.with((name, value) -> {
                            if (value == null || ((List<?>) value).isEmpty()) {
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
                        "Kafka Streams application id: consumer group, prefix of internal topics.");
    }

    /** Kafka Streams: identity, state, threads, commits, task idling, replication. */
    private static void defineStreams(ConfigDef def) {
        def.define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/stockpulse", Importance.HIGH,
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
                // Its own bound, apart from max.task.idle.ms: after a SIGKILL and restart on loaded cores one
                // aggregator round trip (two commits and a global-store read) took more than 2 s, the wait ran out
                // and the classes, and so the triggers, depended on timing (DeterminismIT).
                .define(ABC_CUTOFFS_MAX_WAIT_MS, Type.LONG, 30_000L, Range.between(0, 600_000), Importance.MEDIUM,
                        "How long a day close waits for the previous day's ABC cut-offs before it goes ahead with the "
                                + "SKUs' current classes (later events of the task are held meanwhile), once any cut-offs "
                                + "exist. Normally the wait is one aggregator round trip; the bound covers restarts and "
                                + "load, so classes stay a function of the input (see docs/determinism.md). 0 = never wait.")
                // Before the first cut-offs, a partition that never receives an event (few SKUs, many partitions)
                // means none will ever come: a short bound keeps that case from costing the long one.
                .define(ABC_CUTOFFS_FIRST_WAIT_MS, Type.LONG, 5_000L, Range.between(0, 600_000), Importance.LOW,
                        "How long a day close waits for ABC cut-offs while none exist yet (at most "
                                + ABC_CUTOFFS_MAX_WAIT_MS + "): until every input partition has closed a day there are "
                                + "none, and with a partition that never receives an event there never will be.")
                .define(REPLICATION_FACTOR, Type.INT, -1, Range.between(-1, 32767), Importance.MEDIUM,
                        "Replication of internal topics; -1 uses the broker default.");
    }

    /** Business days and the demand history. */
    private static void defineDays(ConfigDef def) {
        def.define(DAY_ZONE, Type.STRING, "UTC", zoneValidator(), Importance.MEDIUM,
                        "Time zone whose midnight closes a business day.")
                .define(DAY_CLOSE_GRACE, Type.STRING, "PT1H", durationValidator(Duration.ZERO, Duration.ofDays(7)),
                        Importance.MEDIUM, "ISO-8601 duration a day stays open after midnight for late events.")
                .define(HISTORY_DAYS, Type.INT, 730, Range.between(56, 3660), Importance.LOW,
                        "Daily demand buckets kept per SKU and location.");
    }

    /** The forecaster, its model directory and its batches. */
    private static void defineForecasting(ConfigDef def) {
        def.define(FORECAST_MODEL, Type.STRING, "lstm",
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
                        "A SKU without sales gets a fresh forecast after this many days.");
    }

    /** Alert hysteresis, de-duplication and the future-skew limit. */
    private static void defineAlertsAndInput(ConfigDef def) {
        def.define(ALERT_HYSTERESIS, Type.DOUBLE, 0.1, Range.between(0.0, 0.9), Importance.LOW,
                        "Relative margin by which a condition must clear before its alert resolves.")
                .define(DEDUP_RETENTION, Type.STRING, "P7D", durationValidator(Duration.ofMinutes(1), Duration.ofDays(365)),
                        Importance.LOW, "How long event ids are remembered for de-duplication (ISO-8601).")
                .define(MAX_FUTURE_SKEW, Type.STRING, "P1D", durationValidator(Duration.ZERO, Duration.ofDays(365)),
                        Importance.LOW, "Events stamped further than this ahead of the clock are rejected (ISO-8601).");
    }

    /** The HTTP server, start-up patience and the cockpit. */
    private static void defineHttp(ConfigDef def) {
        def.define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
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
    }

    /** ABC shares, class service levels, XYZ cut-offs, the class window and TSB smoothing. */
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

    /** Every topic's name, internal ones named after the application id. */
    private static void defineTopics(ConfigDef def) {
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
    }

    /** The default policy of SKUs without one on the policy topic. */
    private static void definePolicies(ConfigDef def) {
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
    }

    private static void defineTopic(ConfigDef def, String name, String defaultName) {
        def.define(TOPIC_PREFIX + name, Type.STRING, defaultName, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.MEDIUM, "Topic " + defaultName + ".");
    }

    private static void definePolicy(ConfigDef def, String name, double value, Range range, String doc) {
        def.define(POLICY_PREFIX + name, Type.DOUBLE, value, range, Importance.MEDIUM, doc);
    }

    static ConfigDef.Validator zoneValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "must be a time zone id such as UTC or Europe/London");
            }
        }, () -> "a time zone id (UTC, Europe/London, …)");
    }

    static ConfigDef.Validator durationValidator(Duration min, Duration max) {
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
}
