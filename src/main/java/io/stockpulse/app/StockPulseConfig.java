package io.stockpulse.app;

import io.stockpulse.api.ApiSettings;
import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassServiceLevels;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topology.InventorySettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
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

    private static final Logger LOG = LoggerFactory.getLogger(StockPulseConfig.class);
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
    public static final String ABC_CUTOFFS_MAX_WAIT_MS = "abc.cutoffs.max.wait.ms";
    public static final String ABC_CUTOFFS_FIRST_WAIT_MS = "abc.cutoffs.first.wait.ms";
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

    /** Every key with its type, default, validator and documentation (README's table is generated from it). */
    public static ConfigDef definition() {
        return ConfigDefinition.build();
    }

    /** The class settings of the ABC_* / SERVICE_LEVEL_* / XYZ_* / TSB_* keys. */
    public ClassSettings classSettings() {
        return new ClassSettings(getDouble(ABC_A_SHARE), getDouble(ABC_B_SHARE),
                new ClassServiceLevels(getDouble(SERVICE_LEVEL_A), getDouble(SERVICE_LEVEL_B), getDouble(SERVICE_LEVEL_C)),
                new AbcXyzClassification.XyzCutoffs(getDouble(XYZ_X_MAX_CV), getDouble(XYZ_Y_MAX_CV),
                        getDouble(XYZ_ADI_CUTOFF)),
                getInt(CLASS_WINDOW_DAYS), getDouble(TSB_ALPHA), getDouble(TSB_BETA));
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
    public DecisionSettings decisionSettings() {
        return DecisionConfig.settings(this, getDouble(ALERT_HYSTERESIS), getDouble(TSB_ALPHA), getDouble(TSB_BETA));
    }

    /** Settings for every Kafka client, from the {@code kafka.} keys (security, timeouts, …). */
    public Map<String, Object> clientOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }
}
