package io.stockpulse.topics;

import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;

/**
 * How every StockPulse topic is laid out on the cluster (partitions, topic configs): the one list
 * {@code TopicAdmin} creates topics from and the deploy/ topic set-ups (compose, Strimzi) are checked
 * against by {@code DeployFilesTest}. Retention is the broker's default for all of them.
 */
public final class TopicLayout {

    private static final Map<String, String> COMPACT =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private TopicLayout() {
    }

    /**
     * One topic: {@code partitions} and the topic configs it is created with.
     *
     * @param internal whether it belongs to one application: named {@code <application.id>-…}, created
     *                 by the instances themselves even with {@code --no-create-topics}, as Kafka Streams
     *                 does with its changelogs
     */
    public record Spec(String name, int partitions, Map<String, String> configs, boolean internal) {
        public Spec {
            configs = Map.copyOf(configs);
        }
    }

    /**
     * Every topic, in catalog order. The inputs and outputs share {@code partitions}: the inputs must be
     * co-partitioned, and outputs keyed by SKU keep one writer per key that way. Single-partition topics
     * are those read by one aggregator (one key, {@code all}) or as a whole (the global policies).
     */
    public static List<Spec> all(TopicNames names, String applicationId, int partitions) {
        String internalPrefix = applicationId + "-";
        return List.of(
                spec(names.sales(), partitions, Map.of(), internalPrefix),
                spec(names.shipments(), partitions, Map.of(), internalPrefix),
                spec(names.stockChanges(), partitions, Map.of(), internalPrefix),
                spec(names.skuPolicies(), 1, COMPACT, internalPrefix),
                spec(names.reorderTriggers(), partitions, Map.of(), internalPrefix),
                spec(names.stockoutAlerts(), partitions, Map.of(), internalPrefix),
                spec(names.overstockWarnings(), partitions, Map.of(), internalPrefix),
                spec(names.forecasts(), partitions, Map.of(), internalPrefix),
                spec(names.deadLetters(), partitions, Map.of(), internalPrefix),
                // latest class per SKU@LOCATION
                spec(names.skuClasses(), partitions, COMPACT, internalPrefix),
                // each task's trailing sales values meet at the single ABC aggregator; its cut-offs are
                // one compacted record per day, read by every instance
                spec(names.skuSalesValues(), 1, Map.of(), internalPrefix),
                spec(names.abcThresholds(), 1, COMPACT, internalPrefix),
                // combined reports, compacted by location; the partials meet at the single report aggregator
                spec(names.reports(), 1, COMPACT, internalPrefix),
                spec(names.reportPartials(), 1, Map.of(), internalPrefix));
    }

    /** The topics shared with other applications: what an operator creates before {@code run --no-create-topics}. */
    public static List<Spec> external(TopicNames names, String applicationId, int partitions) {
        return all(names, applicationId, partitions).stream().filter(spec -> !spec.internal()).toList();
    }

    private static Spec spec(String name, int partitions, Map<String, String> configs, String internalPrefix) {
        return new Spec(name, partitions, configs, name.startsWith(internalPrefix));
    }
}
