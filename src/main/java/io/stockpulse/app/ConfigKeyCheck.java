package io.stockpulse.app;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the settings nobody reads: a typo ({@code htp.port}) is otherwise ignored in silence and the
 * default applies. Keys under {@code kafka.} and {@code schema.registry.} pass through to the Kafka
 * clients and the registry client, which own their names; a Kafka client key given without the
 * {@code kafka.} prefix is named as such, since StockPulse hands only prefixed keys to the clients.
 */
final class ConfigKeyCheck {

    /** Suggestions further than this many edits away are more confusing than helpful. */
    private static final int MAX_DISTANCE = 3;
    private static final Set<String> KAFKA_CLIENT_KEYS = kafkaClientKeys();
    /** Read by the registry client (credentials, timeouts, TLS), which names its own keys. */
    private static final String REGISTRY_PREFIX = "schema.registry.";

    private ConfigKeyCheck() {
    }

    /** One warning per key that is neither a StockPulse setting nor passed through; empty when all are known. */
    static List<String> warnings(Collection<String> given, Set<String> known) {
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(given)) {
            if (known.contains(key) || key.startsWith(StockPulseConfig.KAFKA_PREFIX) || key.startsWith(REGISTRY_PREFIX)) {
                continue;
            }
            if (KAFKA_CLIENT_KEYS.contains(key)) {
                warnings.add("Unknown setting " + key + " (ignored): it is a Kafka client setting; write "
                        + StockPulseConfig.KAFKA_PREFIX + key + " to pass it to the Kafka clients");
                continue;
            }
            String closest = closest(key, known);
            warnings.add("Unknown setting " + key + " (ignored)" + (closest == null ? "" : "; did you mean " + closest + "?"));
        }
        return warnings;
    }

    private static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : new TreeSet<>(known)) {
            int distance = levenshtein(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * Edit distance (insertions, deletions, substitutions), two rows at a time. Written here because
     * the one library implementation (commons-text) is not on the classpath and a dependency for these
     * fifteen lines is not worth its upkeep.
     */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Set<String> kafkaClientKeys() {
        Set<String> keys = new TreeSet<>();
        keys.addAll(StreamsConfig.configDef().names());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }
}
