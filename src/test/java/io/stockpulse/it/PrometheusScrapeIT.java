package io.stockpulse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.topics.Topics;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server scrapes a real instance every second: the names the deploy/ rules and
 * dashboard use must arrive there, not just appear in our own text. Fails (does not skip) in CI
 * when the prometheus binary is missing; .ci/run installs it.
 */
class PrometheusScrapeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();

    @TempDir
    Path temp;

    static Optional<Path> prometheusBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void prometheusScrapesTheApplicationsMetrics() throws Exception {
        Optional<Path> prometheus = prometheusBinary();
        if (prometheus.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("prometheus is not on the PATH (CI installs the Debian package in .ci/run)");
            }
            Assumptions.abort("prometheus is not installed (sudo apt-get install -y prometheus)");
        }
        StockPulseConfig config = KAFKA.settings("prom-it").stateDir(temp.resolve("state")).config();
        Topics topics = StockPulseFixture.topics(config, 2);
        try (StockPulseApp app = StockPulseFixture.running(config, PATIENCE);
             EventPublisher events = KAFKA.publisher(topics, "prom-")) {
            Instant day = Instant.parse("2011-03-01T08:00:00Z");
            events.stockChange("A", StockChangeKind.COUNT, 10, day);
            events.sale("A", 3, day.plusSeconds(3600));
            events.sale("B", 1, day.plusSeconds(7200));
            events.flush();
            await().atMost(PATIENCE).until(() -> app.counters().total("events") == 3);

            // Micrometer creates the GC pause timer at the first collection after binding; a quiet JVM
            // with a large heap may not collect within the wait, so ask for one.
            System.gc();
            Process server = startPrometheus(prometheus.get(), app.http().port());
            try {
                String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
                // ConnectException: Prometheus not listening yet (it starts slowly on a loaded machine)
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                        .ignoreException(java.net.ConnectException.class).untilAsserted(() -> {
                    assertThat(server.isAlive()).as("prometheus runs (log: %s)", temp.resolve("prometheus.log")).isTrue();
                    assertThat(sum(query(api, "sum(stockpulse_events_total)"))).as("events").isEqualTo(3.0);
                    assertThat(sum(query(api, "stockpulse_ready"))).as("ready").isEqualTo(1.0);
                    for (String present : List.of("up{job=\"stockpulse\"}",
                            "count({__name__=~\"kafka_stream_.+\"})",
                            "jvm_gc_pause_seconds_count",
                            "process_cpu_usage",
                            "stockpulse_model_loads_total{outcome=\"rejected\"}",
                            "stockpulse_consumer_lag_records{topic=\"" + topics.sales().name() + "\"}")) {
                        assertThat(query(api, present)).as(present).isNotEmpty();
                    }
                    // Micrometer's JVM and process binders, and the model loads (0 until a model loads)
                    assertThat(sum(query(api, "sum(jvm_memory_used_bytes{area=\"heap\"})"))).as("heap").isPositive();
                    assertThat(sum(query(api, "jvm_threads_live_threads"))).as("threads").isPositive();
                });
                // The window store's RocksDB metrics too (their tag is renamed to the key-value stores'
                // one). Micrometer binds Kafka metrics created after start-up, like a task's store
                // metrics, at its next refresh, once a minute: hence the longer wait.
                await().atMost(PATIENCE.plusSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(query(api, "kafka_stream_state_num_deletes_active_mem_table{rocksdb_state_id=\"event-ids\"}"))
                                .isNotEmpty());
            } finally {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private int prometheusPort;

    private Process startPrometheus(Path binary, int appPort) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            prometheusPort = free.getLocalPort();
        }
        Path configFile = temp.resolve("prometheus.yml");
        Files.writeString(configFile, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: stockpulse
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(appPort));
        return new ProcessBuilder(List.of(binary.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + temp.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort))
                .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
    }

    private static JsonNode query(String api, String promql) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(api + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data").path("result");
    }

    private static double sum(JsonNode result) {
        double total = 0;
        for (JsonNode series : result) {
            total += Double.parseDouble(series.path("value").get(1).asText());
        }
        return total;
    }
}
