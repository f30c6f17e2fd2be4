package io.stockpulse.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Locale;
import java.util.Map;

/**
 * Configuration keys understood by the serdes and registry clients of this package.
 *
 * <p>Why these names: they are the ones Confluent's serdes use, so existing Kafka / Kafka Streams
 * property files keep working. Every key may also be given with the {@code schema.registry.}
 * prefix (e.g. {@code schema.registry.basic.auth.user.info}); the unprefixed key wins.
 */
public final class AvroSerdeConfig {

    /** Registry URL(s): {@code mock://scope} or comma-separated {@code http(s)://host:port[/path]}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether serializers register unknown schemas (default true); if false they only look up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Fully-qualified SpecificRecord class read by a value deserializer / serde. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** Fully-qualified SpecificRecord class read by a key deserializer / serde. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** {@code USER_INFO} (take {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user info of the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic auth. Never logged. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Only {@code STATIC_TOKEN} is supported (and assumed when a token is given). */
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    /** Static bearer token sent as {@code Authorization: Bearer ...}. Never logged. */
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** TCP connect timeout to the registry in ms (default 10000). */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Timeout of one registry request in ms, until the response headers arrive (default 30000). */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

    static final String PREFIX = "schema.registry.";

    private AvroSerdeConfig() {
    }

    /** TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new SerializationException(
                    "A topic name is required to derive the schema registry subject (TopicNameStrategy)");
        }
        return topic + (isKey ? "-key" : "-value");
    }

    /** Raw value of {@code key} (or {@code schema.registry.key}); null when absent. */
    static Object raw(Map<String, ?> configs, String key) {
        if (configs == null) {
            return null;
        }
        Object v = configs.get(key);
        if (v == null && !key.startsWith(PREFIX)) {
            v = configs.get(PREFIX + key);
        }
        return v;
    }

    /** String value, trimmed; {@link Password}s are unwrapped; null when absent or blank. */
    static String string(Map<String, ?> configs, String key) {
        Object v = raw(configs, key);
        if (v == null) {
            return null;
        }
        String s = v instanceof Password p ? p.value() : v instanceof Class<?> c ? c.getName() : v.toString();
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = raw(configs, key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(key, v, "expected true or false");
    }

    static long positiveLong(Map<String, ?> configs, String key, long dflt) {
        Object v = raw(configs, key);
        if (v == null) {
            return dflt;
        }
        try {
            long l = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
            if (l <= 0) {
                throw new ConfigException(key, v, "must be > 0");
            }
            return l;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, "expected a number of milliseconds");
        }
    }

    /**
     * The SpecificRecord class named by {@code specific.avro.key.type} / {@code .value.type}, or
     * null when not configured. Accepts a {@link Class} or a class name.
     */
    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> Class<T> specificType(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
        Object v = raw(configs, key);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        Class<?> cls;
        if (v instanceof Class<?> c) {
            cls = c;
        } else {
            String name = v.toString().trim();
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                cls = Class.forName(name, true, cl != null ? cl : AvroSerdeConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(key, name, "class not found on the classpath");
            }
        }
        if (!SpecificRecord.class.isAssignableFrom(cls)) {
            throw new ConfigException(key, cls.getName(), "not an Avro SpecificRecord class");
        }
        return (Class<T>) cls;
    }

    /** Creates the registry client named by {@link #SCHEMA_REGISTRY_URL}; fails when it is missing. */
    static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
        Object url = configs == null ? null : configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL
                    + "' (e.g. http://registry:8081 or mock://test-scope)");
        }
        return SchemaRegistryClients.create(url.toString(), configs);
    }
}
