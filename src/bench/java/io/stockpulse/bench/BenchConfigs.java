package io.stockpulse.bench;

import io.stockpulse.app.StockPulseConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * StockPulse configurations of one benchmark: every topic under its own prefix (so benchmarks on the
 * same broker never read each other's records or ABC cut-offs), the in-memory registry, replication 1,
 * and a free HTTP port (the machine is shared: a fixed 8080 would collide).
 */
final class BenchConfigs {

    static final String REGISTRY = "mock://stockpulse-bench";

    private static final List<String> TOPICS = List.of("sales", "shipments", "stock-changes", "sku-policies",
            "reorder-triggers", "stockout-alerts", "overstock-warnings", "forecasts", "sku-classes", "sku-sales-values",
            "abc-thresholds", "reports", "dlq");

    private BenchConfigs() {
    }

    /** Configurations with topics named {@code prefix + name}; the argument's entries win. */
    static Function<Map<String, String>, StockPulseConfig> forPrefix(String bootstrap, Path work, String prefix) {
        return overrides -> {
            Map<String, String> values = new HashMap<>();
            for (String topic : TOPICS) {
                values.put(StockPulseConfig.TOPIC_PREFIX + topic, prefix + topic);
            }
            values.put(StockPulseConfig.BOOTSTRAP_SERVERS, bootstrap);
            values.put(StockPulseConfig.SCHEMA_REGISTRY_URL, REGISTRY);
            values.put(StockPulseConfig.APPLICATION_ID, "bench-setup");
            values.put(StockPulseConfig.STATE_DIR, work.resolve("state").toString());
            values.put(StockPulseConfig.REPLICATION_FACTOR, "1");
            values.put(StockPulseConfig.HTTP_PORT, "0");
            values.putAll(overrides);
            return StockPulseConfig.load(null, Map.of(), values);
        };
    }
}
