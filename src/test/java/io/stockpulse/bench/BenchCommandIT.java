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
        JsonNode throughput = json.get("throughput");
        assertThat(throughput).hasSize(2);
        for (JsonNode row : throughput) {
            assertThat(row.get("events").asLong()).as(row.get("input").asText()).isPositive();
            assertThat(row.get("fullEventsPerSecond").asDouble()).isPositive();
            assertThat(row.get("minimalEventsPerSecond").asDouble()).isPositive();
        }
    }
}
