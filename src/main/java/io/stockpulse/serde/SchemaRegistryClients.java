package io.stockpulse.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Creates the {@link SchemaRegistryClient} for a {@code schema.registry.url}.
 *
 * <p>Why a factory: serdes instantiated by Kafka from config only know the URL. {@code mock://x}
 * must yield the shared in-JVM registry of scope {@code x} (so a test's serializer and deserializer
 * meet), anything else the REST client.
 */
public final class SchemaRegistryClients {

    /** URL scheme of the in-JVM registry. */
    public static final String MOCK_SCHEME = "mock://";

    private SchemaRegistryClients() {
    }

    /**
     * @param url     {@code mock://scope}, or one or more comma-separated {@code http(s)://} URLs
     *                (tried in order on connection failure)
     * @param configs auth/timeout settings for REST clients (see {@link AvroSerdeConfig}); may be null
     * @throws ConfigException for a missing or malformed URL
     */
    public static SchemaRegistryClient create(String url, Map<String, ?> configs) {
        if (url == null || url.isBlank()) {
            throw new ConfigException("Missing schema registry URL ('" + AvroSerdeConfig.SCHEMA_REGISTRY_URL + "')");
        }
        String trimmed = url.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(MOCK_SCHEME)) {
            String scope = trimmed.substring(MOCK_SCHEME.length());
            if (scope.isEmpty() || scope.contains(",")) {
                throw new ConfigException("Invalid mock schema registry URL '" + trimmed
                        + "': expected exactly one mock://<scope>");
            }
            return InMemorySchemaRegistryClient.forScope(scope);
        }
        return new RestSchemaRegistryClient(splitUrls(trimmed), configs == null ? Map.of() : configs);
    }

    /** Splits a comma-separated URL list, dropping blanks; rejects mixing mock:// with http(s). */
    static List<String> splitUrls(String urls) {
        List<String> list = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new ConfigException("Missing schema registry URL ('" + AvroSerdeConfig.SCHEMA_REGISTRY_URL + "')");
        }
        if (list.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith(MOCK_SCHEME))) {
            throw new ConfigException("mock:// cannot be combined with other schema registry URLs");
        }
        return list;
    }
}
