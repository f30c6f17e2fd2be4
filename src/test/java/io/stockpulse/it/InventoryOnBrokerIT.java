package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.serde.InMemorySchemaRegistryClient;
import io.stockpulse.topology.DeadLetters;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The real application on a real (embedded KRaft) broker: alerts out, dead letters, restart from changelogs. */
class InventoryOnBrokerIT {

    @TempDir
    static Path temp;
    static EmbeddedKafkaBroker broker;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(temp.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static StockPulseConfig config(String appId, Path stateDir, String registry) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", broker.bootstrapServers());
        values.put("schema.registry.url", registry);
        values.put("application.id", appId);
        values.put("state.dir", stateDir.toString());
        values.put("http.port", "0");
        values.put("commit.interval.ms", "100");
        values.put("replication.factor", "1");
        values.put("decision.overstock.min-value", "0"); // any stockout is an alert: A sells 5 units in all
        String suffix = "." + appId;
        for (String topic : List.of("sales", "shipments", "stock-changes", "sku-policies", "reorder-triggers",
                "stockout-alerts", "overstock-warnings", "forecasts", "dlq")) {
            values.put("topic." + topic, "inventory." + topic + suffix);
        }
        return StockPulseConfig.load(null, Map.of(), values);
    }

    private static StockPulseApp startApp(StockPulseConfig config) {
        StockPulseApp app = new StockPulseApp(config);
        app.start();
        await().atMost(PATIENCE).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        return app;
    }

    private static Instant day(int dayOfMarch, int hour) {
        return Instant.parse(String.format("2011-03-%02dT%02d:00:00Z", dayOfMarch, hour));
    }

    @Test
    void alertsDeadLettersAndRestartFromChangelogsWithoutDuplicates() throws Exception {
        String appId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String registryUrl = "mock://" + appId;
        StockPulseConfig config = config(appId, temp.resolve("state-" + appId), registryUrl);
        TopicAdmin.ensureTopics(config, 6);
        Topics topics = Topics.create(config.topicNames(), InMemorySchemaRegistryClient.forScope(appId), true);

        try (EventPublisher events = new EventPublisher(broker.bootstrapServers(), topics, "it-");
             OutputReader<StockoutAlert> stockouts = new OutputReader<>(broker.bootstrapServers(), topics.stockoutAlerts());
             OutputReader<ReorderTrigger> triggers = new OutputReader<>(broker.bootstrapServers(), topics.reorderTriggers());
             OutputReader<byte[]> deadLetters = new OutputReader<>(broker.bootstrapServers(), topics.deadLetters())) {

            StockPulseApp app = startApp(config);
            try {
                events.stockChange("A", StockChangeKind.COUNT, 5, day(1, 8));
                events.sale("A", 5, day(1, 9));
                events.stockChange("A", StockChangeKind.COUNT, 0, day(2, 8)); // closes A's day 1: alerts at the close
                byte[] garbage = "\u0001not-avro".getBytes(StandardCharsets.UTF_8);
                events.raw(topics.sales().name(), "A", garbage);
                events.stockChange("B", StockChangeKind.COUNT, 300, day(1, 8));
                for (int d = 1; d <= 25; d++) {
                    events.sale("B", 10, day(d, 12));
                }
                events.flush();

                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(stockouts.values()).extracting(StockoutAlert::getSku, StockoutAlert::getState,
                            StockoutAlert::getSeverity).contains(tuple("A", AlertState.RAISED, StockoutSeverity.OUT_OF_STOCK));
                    // A sold out on day 1: once day 1 closes it has a forecast and its position 0 is below s.
                    assertThat(triggers.values()).extracting(ReorderTrigger::getTriggerId)
                            .containsExactlyInAnyOrder("A/WH1/1", "B/WH1/1");
                    assertThat(deadLetters.records()).hasSize(1);
                });
                ConsumerRecord<String, byte[]> parked = deadLetters.records().get(0);
                assertThat(parked.value()).isEqualTo(garbage);
                assertThat(new String(parked.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8))
                        .isEqualTo("wrong-magic-byte");
                assertThat(new String(parked.headers().lastHeader(DeadLetters.HEADER_TOPIC).value(), StandardCharsets.UTF_8))
                        .isEqualTo(topics.sales().name());
                events.shipment("A", "PO-A", ShipmentStatus.ORDERED, 20, day(26, 9));
                events.flush();
                await().atMost(PATIENCE).until(() -> app.counters().get("events", "shipment") == 1);
            } finally {
                app.close();
            }
            // Wipe the local state and start again: everything must come back from the changelogs.
            app.streams().cleanUp();
            StockPulseApp restarted = startApp(config);
            try {
                events.sale("B", 10, day(26, 12));                       // trigger still open: no second one
                events.shipment("A", "PO-A", ShipmentStatus.RECEIVED, 20, day(26, 13)); // PO known from restored state
                events.stockChange("A", StockChangeKind.COUNT, 20, day(27, 8)); // closes day 26: the stockout resolves
                events.flush();
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(stockouts.values())
                        .filteredOn(a -> a.getSku().equals("A"))
                        .extracting(StockoutAlert::getState)
                        .containsExactly(AlertState.RAISED, AlertState.RESOLVED));
                await().atMost(PATIENCE).until(() -> restarted.counters().get("events", "sale") == 1);
                assertThat(triggers.values()).extracting(ReorderTrigger::getTriggerId)
                        .containsExactlyInAnyOrder("A/WH1/1", "B/WH1/1");
                assertThat(deadLetters.records()).hasSize(1);
            } finally {
                restarted.close();
            }
        }
    }
}
