package io.stockpulse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.it.StockPulseFixture.Settings;
import io.stockpulse.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application in one JVM share the SKUs' partitions; either answers
 * /api/skus/{sku} for any SKU (forwarding to the owner) and /api/alerts and /api/exceptions gather both; the daily
 * report combines the partials of every task that closed the day.
 */
class SkuApiTwoInstancesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "it-token";

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();

    @TempDir
    Path temp;

    @Test
    void eitherInstanceAnswersForAnySku() throws Exception {
        Settings settings = KAFKA.settings("api-it")
                .set("decision.overstock.min-value", "0") // any stockout is an alert: this test is about the API
                .set("http.auth.token", TOKEN);
        StockPulseConfig configA = settings.stateDir(temp.resolve("state-a")).config();
        StockPulseConfig configB = settings.stateDir(temp.resolve("state-b")).config();
        Topics topics = StockPulseFixture.topics(configA, 6);
        List<String> skus = List.of("S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9");
        try (StockPulseApp a = new StockPulseApp(configA);
             StockPulseApp b = new StockPulseApp(configB);
             EventPublisher events = KAFKA.publisher(topics, "api-")) {
            a.start();
            b.start();
            await().atMost(PATIENCE).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                    && b.streams().state() == KafkaStreams.State.RUNNING
                    && a.streams().metadataForAllStreamsClients().stream().filter(m -> !m.stateStoreNames().isEmpty())
                    .count() == 2);
            Instant day = Instant.parse("2011-03-01T08:00:00Z");
            // counts first, then the sales: the two topics are read independently
            for (String sku : skus) {
                events.stockChange(sku, StockChangeKind.COUNT, 5, day);
            }
            events.flush();
            await().atMost(PATIENCE).until(() -> a.counters().total("events") + b.counters().total("events") == 10);
            for (String sku : skus) {
                events.sale(sku, 5, day.plusSeconds(3600));
            }
            events.flush();
            await().atMost(PATIENCE).until(() -> a.counters().total("events") + b.counters().total("events") == 20);
            assertThat(a.counters().total("events")).as("both instances own SKUs").isPositive();
            assertThat(b.counters().total("events")).isPositive();
            // Next day's counts move every used partition's stream time past 1 March + grace: each task
            // closes the day (raising the stockout alerts) and sends its partial; the report aggregator
            // (one task) combines them.
            for (String sku : skus) {
                events.stockChange(sku, StockChangeKind.COUNT, 0, day.plus(Duration.ofHours(26)));
            }
            events.flush();
            await().atMost(PATIENCE).until(() -> a.counters().total("events") + b.counters().total("events") == 30);

            Set<String> servers = new HashSet<>();
            boolean forwarded = false;
            for (String sku : skus) {
                for (StockPulseApp asked : List.of(a, b)) {
                    HttpResponse<String> response = get(asked, "/api/skus/" + sku, true);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.path("sku").asText()).isEqualTo(sku);
                    assertThat(body.path("stale").asBoolean(true)).as("read from the running owner's copy").isFalse();
                    JsonNode location = body.path("locations").get(0);
                    assertThat(location.path("locationId").asText()).isEqualTo(EventPublisher.LOCATION);
                    assertThat(location.path("onHand").asLong()).isZero();
                    await().atMost(PATIENCE).untilAsserted(() -> assertThat(JSON.readTree(get(asked, "/api/skus/" + sku,
                            true).body()).path("locations").get(0).path("openAlerts").toString())
                            .contains("\"kind\":\"stockout\""));
                    String servedBy = body.path("servedBy").asText();
                    servers.add(servedBy);
                    forwarded |= !servedBy.equals(asked.http().endpoint());
                }
            }
            assertThat(servers).containsExactlyInAnyOrder(a.http().endpoint(), b.http().endpoint());
            assertThat(forwarded).isTrue();

            assertThat(get(a, "/api/skus/NOPE", true).statusCode()).isEqualTo(404);
            assertThat(get(b, "/api/skus/NOPE", true).statusCode()).isEqualTo(404);
            assertThat(get(a, "/api/skus/%01", true).statusCode()).isEqualTo(400);
            assertThat(get(a, "/api/alerts?state=closed", true).statusCode()).isEqualTo(400);
            assertThat(get(a, "/api/skus/S1", false).statusCode()).isEqualTo(401);

            HttpResponse<String> alerts = get(b, "/api/alerts?state=open", true);
            assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
            JsonNode all = JSON.readTree(alerts.body());
            assertThat(all.path("instances")).hasSize(2);
            Set<String> alerted = new HashSet<>();
            all.path("alerts").forEach(alert -> {
                if (alert.path("kind").asText().equals("stockout")) {
                    alerted.add(alert.path("sku").asText());
                }
            });
            assertThat(alerted).containsExactlyInAnyOrderElementsOf(skus);
            JsonNode local = JSON.readTree(get(b, "/api/alerts?state=open&scope=local", true).body());
            assertThat(local.path("alerts").size()).isLessThan(all.path("alerts").size());
            // the exception list gathers both instances the same way, and every stockout is a row of it
            JsonNode exceptions = JSON.readTree(get(a, "/api/exceptions", true).body());
            assertThat(exceptions.path("instances")).hasSize(2);
            Set<String> excepted = new HashSet<>();
            exceptions.path("exceptions").forEach(row -> {
                if (row.path("kind").asText().equals("stockout")) {
                    excepted.add(row.path("sku").asText());
                }
            });
            assertThat(excepted).containsExactlyInAnyOrderElementsOf(skus);
            assertThat(JSON.readTree(get(a, "/api/exceptions?scope=local", true).body()).path("exceptions").size())
                    .isLessThan(exceptions.path("exceptions").size());

            int usedPartitions = partitionsOf(skus, 6);
            await().atMost(PATIENCE).until(() -> {
                HttpResponse<String> r = get(a, "/api/report", true);
                return r.statusCode() == 200
                        && JSON.readTree(r.body()).path("partitionsReported").asInt() == usedPartitions;
            });
            for (StockPulseApp asked : List.of(a, b)) {   // one holds the report store, the other forwards
                HttpResponse<String> response = get(asked, "/api/report", true);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                // the running owner's own copy, also when forwarded (the header travels back with the answer)
                assertThat(response.headers().firstValue("X-StockPulse-Stale")).hasValue("false");
                JsonNode report = JSON.readTree(response.body());
                assertThat(report.path("locationId").asText()).isEqualTo("ALL");
                assertThat(report.path("partitionsExpected").asInt()).isEqualTo(6);
                assertThat(report.path("skus").asLong()).isEqualTo(10);
                assertThat(report.path("stockoutSkus").asLong()).isEqualTo(10);
                assertThat(report.path("unitsDemanded").asLong()).isEqualTo(50);
                assertThat(report.path("last7Days").path("fillRate").asDouble()).isEqualTo(1.0);
                assertThat(report.path("last7Days").path("stockoutSkuDays").asLong()).isEqualTo(10);
                JsonNode risks = report.path("topRisks");
                assertThat(risks).hasSize(10);
                risks.forEach(risk -> assertThat(risk.path("kind").asText()).isEqualTo("stockout"));
                assertThat(report.path("summary").asText()).startsWith("On 2011-03-01, all locations held 10 SKUs")
                        .contains(usedPartitions == 6 ? "(6 partition groups have reported.)"
                                : "(" + usedPartitions + " of 6 partition groups have reported");
            }
            for (StockPulseApp asked : List.of(a, b)) {   // the forwarded request keeps its query string
                JsonNode wh1 = JSON.readTree(get(asked, "/api/report?location=" + EventPublisher.LOCATION, true).body());
                assertThat(wh1.path("locationId").asText()).isEqualTo(EventPublisher.LOCATION);
                assertThat(wh1.path("day").asText()).isEqualTo("2011-03-01");
                assertThat(wh1.path("skus").asLong()).isEqualTo(10);
            }
            // (a 503 while a rebalance moves the report task is a valid answer; it settles on 404)
            await().atMost(PATIENCE).untilAsserted(() -> {
                HttpResponse<String> nowhere = get(b, "/api/report?location=NOWHERE", true);
                assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(404);
            });
        }
    }

    /** Partitions the default partitioner puts these keys in (murmur2 of the key bytes). */
    private static int partitionsOf(List<String> keys, int partitions) {
        Set<Integer> used = new HashSet<>();
        keys.forEach(key -> used.add(org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions));
        return used.size();
    }

    private static HttpResponse<String> get(StockPulseApp app, String path, boolean authorised) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.http().port() + path));
        if (authorised) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
