package io.stockpulse.bench;

import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.Topics;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a benchmark runs its application: the embedded broker, the work directory, the input topics'
 * partition count and the user's {@code bench --set} settings.
 */
record BenchCluster(String bootstrap, Path workDir, int partitions, Map<String, String> extraSettings) {

    BenchCluster {
        extraSettings = Map.copyOf(extraSettings);
    }

    /** The state directory of application {@code appId}. */
    Path stateDir(String appId) {
        return workDir.resolve("state-" + appId);
    }

    /**
     * Application {@code appId}'s configuration: its own topics (prefixed by the id) and state directory,
     * the user's settings, then {@code own}, which win.
     */
    StockPulseConfig config(String appId, Map<String, String> own) {
        Map<String, String> values = new HashMap<>(extraSettings);
        values.putAll(own);
        values.put(StockPulseConfig.APPLICATION_ID, appId);
        values.put(StockPulseConfig.STATE_DIR, stateDir(appId).toString());
        return BenchConfigs.forPrefix(bootstrap, workDir, appId + ".").apply(values);
    }

    /** Creates {@code config}'s topics with this cluster's partitions and returns them with their serdes. */
    Topics createTopics(StockPulseConfig config) throws Exception {
        ThroughputBench.createTopics(config, partitions);
        return Topics.create(config.topicNames(), SchemaRegistryClients.create(BenchConfigs.REGISTRY, Map.of()), true);
    }
}
