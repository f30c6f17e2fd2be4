package io.stockpulse.api;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP server of a real (not started, so never ready) instance: probes, metric names, errors,
 * method and size limits, bearer token. No broker: Kafka Streams stays CREATED.
 */
class ApiServerTest {

    @TempDir
    static Path temp;
    static StockPulseApp app;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static StockPulseConfig config(Map<String, String> extra) {
        return UnstartedInstance.config(temp.resolve("state"), "api-server-test", "s3cret", extra);
    }

    @BeforeAll
    static void start() {
        app = new StockPulseApp(config(Map.of()));
        app.http().start(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + app.http().port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void liveWhileRunningButNotReadyBeforeKafkaStreamsRuns() throws Exception {
        assertThat(request("GET", "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = request("GET", "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"streams\":\"CREATED\"");
        assertThat(app.streams()).isNotNull();
    }

    @Test
    void advertisesItsBoundPortToKafkaStreams() {
        assertThat(app.http().endpoint()).isEqualTo("localhost:" + app.http().port());
        assertThat(app.http().port()).isPositive();
    }

    @Test
    void metricsCarryTheDocumentedNames() throws Exception {
        PipelineCounters counters = app.counters();
        counters.increment(PipelineCounters.EVENTS, "sale");
        counters.increment(PipelineCounters.DEAD_LETTERS, "invalid-quantity");
        counters.increment(PipelineCounters.DUPLICATES, "sale");
        counters.increment(PipelineCounters.LATE_EVENTS, "after_day_close");
        counters.increment(PipelineCounters.ALERTS, "reorder_trigger");
        counters.increment(PipelineCounters.ALERTS, "stockout_projected_raised");
        counters.increment(PipelineCounters.ALERTS, "stockout_out_of_stock_raised");
        counters.increment(PipelineCounters.ALERTS, "overstock_resolved");
        counters.recordInference(12_000_000, 100);
        counters.increment(PipelineCounters.LATE_RECEIPTS, "receipt");
        counters.recordLeadTime(8.5);

        HttpResponse<String> response = request("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = response.body();
        assertThat(text)
                .contains("stockpulse_events_total{kind=\"sale\"} 1.0")
                .contains("stockpulse_dead_letters_total{reason=\"invalid-quantity\"} 1.0")
                .contains("stockpulse_duplicates_total 1.0")
                .contains("stockpulse_late_events_total 1.0")
                .contains("stockpulse_late_receipts_total 1.0")
                .contains("stockpulse_lead_time_observed_days_bucket{le=\"7.0\"} 0")
                .contains("stockpulse_lead_time_observed_days_bucket{le=\"10.0\"} 1")
                .contains("stockpulse_lead_time_observed_days_sum 8.5")
                .contains("stockpulse_alerts_total{kind=\"reorder_trigger\",state=\"raised\"} 1.0")
                .contains("stockpulse_alerts_total{kind=\"stockout\",state=\"raised\"} 2.0")
                .contains("stockpulse_alerts_total{kind=\"overstock\",state=\"resolved\"} 1.0")
                .contains("stockpulse_forecast_fallbacks_total{reason=\"short_history\"} 0.0")
                .contains("stockpulse_inference_seconds_bucket{")
                .contains("stockpulse_inference_seconds_count 1")
                .contains("stockpulse_inference_batch_size_bucket{le=\"128.0\"} 1")
                .contains("stockpulse_ready 0.0")
                .contains("stockpulse_state_restore_remaining_records{store=\"sku-state\"} 0.0")
                .contains("stockpulse_state_store_entries{store=\"sku-state\"}")
                .contains("stockpulse_state_dir_bytes ")
                .contains("stockpulse_skus_tracked ")
                .contains("kafka_stream_");
    }

    @Test
    void modelInfoNamesTheForecasterInForce() throws Exception {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(request("GET", "/metrics").body())
                        .contains("stockpulse_model_info{model=\"moving-average\""));
    }

    @Test
    void onlyReadsAreAllowed() throws Exception {
        HttpResponse<String> post = request("POST", "/health/live");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(post.body()).contains("\"error\"").doesNotContain("Exception");
        assertThat(request("DELETE", "/api/skus/A").statusCode()).isEqualTo(405);
    }

    @Test
    void unknownPathsAndOversizedTargetsGetJsonErrors() throws Exception {
        HttpResponse<String> missing = request("GET", "/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(request("GET", "/health/live?x=" + "a".repeat(ApiServer.MAX_URI_LENGTH)).statusCode()).isEqualTo(414);
    }

    @Test
    void apiNeedsTheBearerTokenButProbesAndMetricsDoNot() throws Exception {
        assertThat(request("GET", "/api/alerts").statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/alerts", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/nope", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/metrics").statusCode()).isEqualTo(200);
        assertThat(request("GET", "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheDashboardAndItsChartLibraryFromTheJar() throws Exception {
        HttpResponse<String> page = request("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("/webjars/chart.js/chart.umd.js", "/dashboard/app.js");
        assertThat(request("GET", "/dashboard/app.js").body()).contains("EventSource");
        for (String script : java.util.List.of("common", "report", "sku", "curve", "app")) {
            // every script the page loads is a same-origin file the server has (the CSP allows no other)
            assertThat(page.body()).contains("/dashboard/" + script + ".js");
            HttpResponse<String> file = request("GET", "/dashboard/" + script + ".js");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'"));
        }
        assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|\\son[a-z]+=\"");
        assertThat(request("GET", "/webjars/chart.js/chart.umd.js").body()).contains("Chart");
        assertThat(request("GET", "/dashboard/../pom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void simulateOutputIsServedWhenConfiguredElseTheAnswerSaysHowToMakeIt() throws Exception {
        HttpResponse<String> none = request("GET", "/api/simulate", "Authorization", "Bearer s3cret");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("stockpulse simulate --out", "dashboard.simulate.file");
        Path sim = temp.resolve("sim.json");
        try (StockPulseApp configured = new StockPulseApp(config(Map.of("dashboard.simulate.file",
                sim.toString(), "state.dir", temp.resolve("state-simulate").toString())))) {
            configured.http().start(configured);
            String url = "http://localhost:" + configured.http().port() + "/api/simulate";
            HttpRequest get = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer s3cret").build();
            HttpResponse<String> missing = CLIENT.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("does not exist");
            String report = "{\"fillRate\":0.93,\"curve\":[{\"serviceLevel\":0.9,\"fillRate\":0.91,"
                    + "\"averageStockValue\":1200.5,\"averageStockUnits\":400}]}";
            Files.writeString(sim, report);
            HttpResponse<String> served = CLIENT.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(report);
            Files.writeString(sim, "{\"rows\": []}"); // JSON, but not simulate's
            assertThat(CLIENT.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(422);
        }
    }

    @Test
    void alertStreamTakesTheTokenAsAParameterButNotWithoutIt() throws Exception {
        assertThat(request("GET", "/api/alerts/stream").statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/alerts?access_token=s3cret").statusCode()).isEqualTo(401);
    }

    @Test
    void aTakenPortIsAStartUpErrorNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> ApiServer.bind(new ApiSettings("0.0.0.0", taken.getLocalPort(), "localhost", "", "")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        }
    }
}
