package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.registry.StoppableApicurio;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.signals.HealthSignals;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.topics.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schema registry outage on the real broker and a real Apicurio Registry that is stopped and
 * started again: good records sent while it is down are neither dead-lettered nor lost. They are all
 * applied once it is back; meanwhile /health/ready answers 503 and the registry gauge reads 0.
 * Covered twice: the registry already down when the instance starts (nothing cached) for longer than
 * a stream thread waits in place, and stopped mid-stream while producers switch to a schema version
 * the instance has not fetched yet.
 */
class RegistryOutageIT {

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Instant T0 = Instant.parse("2011-03-01T09:00:00Z");
    private static final String SKU = "REG-1";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void goodRecordsSentWhileTheRegistryIsDownAreAllAppliedAfterItReturnsAndNoneIsDeadLettered() throws Exception {
        String appId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (StoppableApicurio registry = StoppableApicurio.start(temp.resolve("registry"))) {
            StockPulseConfig config = KAFKA.settings(appId).registry(registry.ccompatUrl()).stateDir(temp.resolve("state"))
                    .ownTopics().config();
            // The producers' own client: it registers and caches the ids, so it keeps producing while the registry is down.
            SchemaRegistryClient producerRegistry = StockPulseFixture.registryClient(config);
            Topics topics = StockPulseFixture.topics(config, 2, producerRegistry, true);
            // Registered (and cached by the producers) before the outage, as in a running system.
            topics.stockChanges().valueSerde().serializer().serialize(topics.stockChanges().name(),
                    io.stockpulse.avro.StockChangeEvent.newBuilder().setEventId("warm").setSku(SKU)
                            .setLocationId(EventPublisher.LOCATION).setKind(StockChangeKind.COUNT).setQuantity(1)
                            .setOccurredAt(T0).build());
            byte[] warm = sale(topics, "warm-" + appId, 0);
            int evolvedId = registerEvolvedSaleSchema(producerRegistry, topics.sales().name());

            try (EventPublisher events = KAFKA.publisher(topics, appId + "-");
                 OutputReader<byte[]> deadLetters = KAFKA.reader(topics.deadLetters())) {
                registry.stop();
                try (StockPulseApp app = new StockPulseApp(config)) {
                    // First a stream thread that gives up waiting (3 s) before the registry returns: it is
                    // replaced, processing pauses until the registry answers, then the record is read again.
                    app.counters().health().registryRetryBudget(Duration.ofSeconds(3));
                    app.start();
                    // At start-up nothing is cached: the very first record needs the registry.
                    events.stockChange(SKU, StockChangeKind.COUNT, 1_000, T0.minusSeconds(60));
                    for (int i = 1; i <= 20; i++) {
                        events.sale(SKU, 1, T0.plusSeconds(i));
                    }
                    events.flush();
                    awaitPausedAndNotReady(app);
                    // Longer than the in-place retry: the stream thread gives up on the record and is replaced.
                    await("the stream thread gave up on the record").atMost(PATIENCE).dontCatchUncaughtExceptions()
                            .until(() -> app.counters().health().threadReplacements() >= 1);
                    assertThat(deadLetters.records()).isEmpty();
                    assertThat(app.counters().total(PipelineCounters.EVENTS)).isZero();

                    registry.startAgain();
                    awaitAppliedAndReady(app, 1_000 - 20);
                    assertThat(app.counters().get(PipelineCounters.EVENTS, "sale")).isEqualTo(20);

                    // Mid-stream: producers move to a newer schema version the instance has never fetched. With
                    // the default budget the stream thread waits in place through the registry's restart.
                    app.counters().health().registryRetryBudget(HealthSignals.DEFAULT_REGISTRY_RETRY_BUDGET);
                    long replacedBefore = app.counters().health().threadReplacements();
                    registry.stop();
                    for (int i = 1; i <= 10; i++) {
                        events.raw(topics.sales().name(), SKU, evolved(sale(topics, appId + "-v2-" + i, 100 + i), evolvedId));
                    }
                    events.flush();
                    awaitPausedAndNotReady(app);
                    registry.startAgain();
                    awaitAppliedAndReady(app, 1_000 - 20 - 10);
                    assertThat(app.counters().health().threadReplacements()).as("waited in place").isEqualTo(replacedBefore);

                    assertThat(deadLetters.records()).as("nothing dead-lettered").isEmpty();
                    assertThat(app.counters().total(PipelineCounters.DEAD_LETTERS)).isZero();
                    assertThat(app.counters().get(PipelineCounters.EVENTS, "sale")).isEqualTo(30);
                    assertThat(app.counters().health().registryOutages()).isGreaterThanOrEqualTo(2);
                    String metrics = app.metrics().scrape();
                    assertThat(metrics).contains("stockpulse_schema_registry_up 1.0", "stockpulse_ready 1.0");
                    assertThat(warm).isNotEmpty();
                }
            }
        }
    }

    private void awaitPausedAndNotReady(StockPulseApp app) {
        await("registry outage noticed").atMost(PATIENCE).dontCatchUncaughtExceptions().untilAsserted(() -> {
            assertThat(app.counters().health().registryAvailable()).isFalse();
            assertThat(readyStatus(app)).isEqualTo(503);
            assertThat(app.metrics().scrape()).contains("stockpulse_schema_registry_up 0.0", "stockpulse_ready 0.0");
        });
    }

    private void awaitAppliedAndReady(StockPulseApp app, long expectedStock) {
        await("all records applied after the registry returned").atMost(PATIENCE).dontCatchUncaughtExceptions()
                .ignoreExceptionsInstanceOf(InvalidStateStoreException.class).untilAsserted(() -> {
            assertThat(StockPulseFixture.netStock(app.streams(), SKU)).isEqualTo(expectedStock);
            assertThat(readyStatus(app)).isEqualTo(200);
        });
    }

    private int readyStatus(StockPulseApp app) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.http().port() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] sale(Topics topics, String id, int second) {
        return topics.sales().valueSerde().serializer().serialize(topics.sales().name(), SaleEvent.newBuilder()
                .setEventId(id).setSku(SKU).setLocationId(EventPublisher.LOCATION).setQuantity(1)
                .setOccurredAt(T0.plusSeconds(second)).build());
    }

    /**
     * A compatible newer SaleEvent (one more optional field, last) under the topic's subject, as a
     * producer upgrading would register it; its id is new to the instance.
     */
    private static int registerEvolvedSaleSchema(SchemaRegistryClient registry, String topic) {
        String json = SaleEvent.getClassSchema().toString();
        json = json.substring(0, json.lastIndexOf(']')) + ",{\"name\":\"channel\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null}]}";
        return registry.register(topic + "-value", new Schema.Parser().parse(json));
    }

    /** The v1 record in the evolved schema: same fields, the new trailing union as null (index 0), the new id. */
    private static byte[] evolved(byte[] v1, int evolvedId) {
        byte[] out = Arrays.copyOf(v1, v1.length + 1);
        ByteBuffer.wrap(out, 1, 4).putInt(evolvedId);
        out[v1.length] = 0;
        return out;
    }
}
