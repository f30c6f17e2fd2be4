package io.stockpulse.app;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The effective configuration as one loggable text, with every secret shown as {@value #HIDDEN}.
 *
 * <p>A value is shown only when its key is known not to be secret: a StockPulse key or a Kafka
 * client key of a non-{@code PASSWORD} type whose name does not look like a credential. Everything
 * else, including keys nobody declared (registry credentials, typos), is hidden: a key we cannot
 * classify must not leak a password that was put there.
 */
public final class ConfigLog {

    public static final String HIDDEN = "[hidden]";
    /** Names that carry credentials even where a ConfigDef types them as plain strings or lists. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "password|secret|jaas|token|user\\.info|credential|\\.key$|keystore\\.key|private", Pattern.CASE_INSENSITIVE);
    private static final Map<String, ConfigDef> KAFKA_DEFINITIONS = Map.of(
            "streams", StreamsConfig.configDef(), "consumer", ConsumerConfig.configDef(),
            "producer", ProducerConfig.configDef(), "admin", AdminClientConfig.configDef());

    private ConfigLog() {
    }

    /** {@code key=value} lines, sorted, secrets hidden; the URL user info of the registry redacted too. */
    public static String describe(StockPulseConfig config) {
        Map<String, Object> effective = new TreeMap<>();
        ConfigDef own = StockPulseConfig.definition();
        config.values().forEach(effective::put);
        config.originals().forEach(effective::putIfAbsent);
        StringBuilder text = new StringBuilder();
        effective.forEach((key, value) -> text.append("\n  ").append(key).append(" = ")
                .append(shown(own, key) ? redactUrl(String.valueOf(value)) : HIDDEN));
        return text.toString();
    }

    static boolean shown(ConfigDef own, String key) {
        if (SECRET_NAME.matcher(key).find()) {
            return false;
        }
        ConfigDef.ConfigKey declared = own.configKeys().get(key);
        if (declared != null) {
            return declared.type != ConfigDef.Type.PASSWORD;
        }
        if (!key.startsWith(StockPulseConfig.KAFKA_PREFIX)) {
            return false;
        }
        String clientKey = key.substring(StockPulseConfig.KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT);
        boolean known = false;
        for (ConfigDef def : KAFKA_DEFINITIONS.values()) {
            ConfigDef.ConfigKey k = def.configKeys().get(clientKey);
            if (k != null) {
                if (k.type == ConfigDef.Type.PASSWORD) {
                    return false;
                }
                known = true;
            }
        }
        return known;
    }

    /** {@code https://user:pw@host} becomes {@code https://***@host}. */
    private static String redactUrl(String value) {
        return value.replaceAll("(?<=://)[^/@\\s,]*@", "***@");
    }
}
