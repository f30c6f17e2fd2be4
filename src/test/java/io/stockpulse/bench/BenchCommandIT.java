package io.stockpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stockpulse bench --smoke}: the benchmark command runs end to end on the embedded broker and
 * writes its JSON. Tiny sizes and no timing assertions: benchmarks are not tests, this only keeps
 * the command from rotting.
 */
class BenchCommandIT {

    @Test
    void smokeRunMeasuresEveryBenchmarkAndWritesJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        int exit = new CommandLine(new BenchCommand()).execute("--smoke", "--work-dir", dir.resolve("work").toString(),
                "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("smoke").asBoolean()).isTrue();
        JsonNode forecast = json.get("forecast").get(0);
        assertThat(forecast.get("skus").asInt()).isPositive();
        assertThat(forecast.get("djlSeconds").get("median").asDouble()).isPositive();
        assertThat(forecast.get("rawOrtSeconds").get("median").asDouble()).isPositive();
        assertThat(forecast.get("djlTwoThreadSeconds").get("median").asDouble()).isPositive();
        JsonNode throughput = json.get("throughput");
        assertThat(throughput).hasSize(2);
        for (JsonNode row : throughput) {
            assertThat(row.get("events").asLong()).as(row.get("input").asText()).isPositive();
            assertThat(row.get("fullEventsPerSecond").asDouble()).isPositive();
            assertThat(row.get("minimalEventsPerSecond").asDouble()).isPositive();
        }
        // every probe's stockout alert arrived: the latency figures come from matched alerts
        JsonNode latency = json.get("alertLatency").get(0);
        assertThat(latency.get("probes").asLong()).isPositive();
        assertThat(latency.get("missing").asLong()).isZero();
        assertThat(latency.get("p99Ms").asDouble()).isPositive();
        assertThat(latency.get("maxMs").asDouble()).isGreaterThanOrEqualTo(latency.get("p50Ms").asDouble());
        // the breakdown: every probe was acknowledged by the broker, faster than its alert came back
        assertThat(latency.get("probeAckP50Ms").asDouble()).isPositive().isLessThan(latency.get("maxMs").asDouble());
        assertThat(latency.get("commitLatencyMaxMs").asDouble()).isPositive();
        JsonNode footprint = json.get("stateFootprint");
        assertThat(footprint.get("stateBytesPerSku").asDouble()).isPositive();
        assertThat(footprint.get("storeBytes").has("sku-state")).isTrue();
        assertThat(footprint.get("changelogBytes").asLong()).isPositive();
        // one current state per filled series, read back through interactive queries
        assertThat(footprint.get("liveSkuStates").asLong()).isEqualTo(footprint.get("skus").asLong());
        assertThat(footprint.get("liveSkuStateBytes").asLong()).isPositive();
        // the wiped instance restored at least one state record per filled series
        assertThat(footprint.get("restoredRecords").asLong()).isGreaterThanOrEqualTo(footprint.get("skus").asLong());
        // --smoke runs two instances (the multi-instance path): one entry per instance count, and the two
        // instances' consumers together read every input event, once (records a moved task had fetched but
        // not processed are read again by its new owner, never all of them)
        JsonNode scale = json.get("scale");
        assertThat(scale).hasSize(1);
        JsonNode two = scale.get(0);
        assertThat(two.get("instances").asInt()).isEqualTo(2);
        assertThat(two.get("perInstanceLastRun")).hasSize(2);
        long consumed = 0;
        for (JsonNode instance : two.get("perInstanceLastRun")) {
            consumed += instance.get("events").asLong();
            assertThat(instance.get("streamThreadCpuSeconds").asDouble()).isPositive();
        }
        assertThat(consumed).isGreaterThanOrEqualTo(two.get("events").asLong()).isLessThan(2 * two.get("events").asLong());
        assertThat(two.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(two.get("cpuMicrosPerEvent").asDouble()).isPositive();
        assertThat(two.get("restoredRecords").get("median").asLong()).isPositive();
        JsonNode jmh = json.get("jmh");
        assertThat(jmh).extracting(node -> node.get("benchmark").asText()).contains(
                "PolicyEvaluationBenchmark.afterEvent", "PolicyEvaluationBenchmark.atClose", "SkuStateSerdeBenchmark.serialize",
                "SkuStateSerdeBenchmark.deserialize", "SaleEventSerdeBenchmark.serialize",
                "SaleEventSerdeBenchmark.deserialize");
        assertThat(jmh).allSatisfy(node -> assertThat(node.get("opsPerSecond").asDouble()).isPositive());
    }
}
