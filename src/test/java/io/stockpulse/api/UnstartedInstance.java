package io.stockpulse.api;

import io.stockpulse.app.StockPulseConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of an instance whose Kafka Streams never starts (no broker: it stays CREATED), for
 * the HTTP server's tests: probes, limits, metrics names, token and routes that answer without a store.
 */
final class UnstartedInstance {

    private UnstartedInstance() {
    }

    static StockPulseConfig config(Path stateDir, String registryScope, String token, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", "localhost:1");
        values.put("schema.registry.url", "mock://" + registryScope);
        values.put("state.dir", stateDir.toString());
        values.put("forecast.model", "moving-average");
        values.put("http.port", "0");
        values.put("http.auth.token", token);
        values.putAll(extra);
        return StockPulseConfig.load(null, Map.of(), values);
    }
}
