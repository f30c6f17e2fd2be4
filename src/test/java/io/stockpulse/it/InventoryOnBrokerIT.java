package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.topics.Topics;
import io.stockpulse.topology.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The real application on a real (embedded KRaft) broker: alerts out, dead letters, restart from changelogs. */
class InventoryOnBrokerIT {

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Unlike most ITs, on the default forecaster (no forecast.model). */
    private static StockPulseConfig config(String appId, Path stateDir) {
        return KAFKA.settings(appId).unset("forecast.model").stateDir(stateDir)
                .set("decision.overstock.min-value", "0") // any stockout is an alert: A sells 5 units in all
                .ownTopics().config();
    }

    private static Instant day(int dayOfMarch, int hour) {
        return Instant.parse(String.format("2011-03-%02dT%02d:00:00Z", dayOfMarch, hour));
    }

    @Test
    void alertsDeadLettersAndRestartFromChangelogsWithoutDuplicates() throws Exception {
        String appId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        StockPulseConfig config = config(appId, temp.resolve("state-" + appId));
        Topics topics = StockPulseFixture.topics(config, 6);

        try (EventPublisher events = KAFKA.publisher(topics, "it-");
             OutputReader<StockoutAlert> stockouts = KAFKA.reader(topics.stockoutAlerts());
             OutputReader<ReorderTrigger> triggers = KAFKA.reader(topics.reorderTriggers());
             OutputReader<byte[]> deadLetters = KAFKA.reader(topics.deadLetters())) {

            StockPulseApp app = StockPulseFixture.running(config, PATIENCE);
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
                    // B's count lands after A's day-2 count in their partition, so day 1 closes before it: B/WH1/1.
                    assertThat(triggers.values()).extracting(ReorderTrigger::getTriggerId)
                            .contains("A/WH1/1", "B/WH1/1");
                    assertThat(deadLetters.records()).hasSize(1);
                });
                ConsumerRecord<String, byte[]> parked = deadLetters.records().get(0);
                assertThat(parked.value()).isEqualTo(garbage);
                assertThat(StockPulseFixture.header(parked, DeadLetters.HEADER_REASON)).isEqualTo("wrong-magic-byte");
                assertThat(StockPulseFixture.header(parked, DeadLetters.HEADER_TOPIC)).isEqualTo(topics.sales().name());
                events.shipment("A", "PO-A", ShipmentStatus.ORDERED, 20, day(26, 9));
                events.flush();
                await().atMost(PATIENCE).until(() -> app.counters().get("events", "shipment") == 1);
            } finally {
                app.close();
            }
            // Wipe the local state and start again: everything must come back from the changelogs.
            app.streams().cleanUp();
            StockPulseApp restarted = StockPulseFixture.running(config, PATIENCE);
            try {
                events.sale("B", 10, day(26, 12));                       // B's open trigger is restored: none fires
                events.shipment("A", "PO-A", ShipmentStatus.RECEIVED, 20, day(26, 13)); // PO known from restored state
                events.stockChange("A", StockChangeKind.COUNT, 20, day(27, 8)); // closes day 26: the stockout resolves
                events.flush();
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(stockouts.values())
                        .filteredOn(a -> a.getSku().equals("A"))
                        .extracting(StockoutAlert::getState)
                        .containsExactly(AlertState.RAISED, AlertState.RESOLVED));
                await().atMost(PATIENCE).until(() -> restarted.counters().get("events", "sale") == 1);
                // Each trigger once. B (300 counted, 10 a day) falls below s ≈ 196 again around day 13, so
                // B/WH1/2 is due; a trigger lost in the restore would make the day-26 sale fire B/WH1/3.
                assertThat(triggers.readToEnd()).extracting(ReorderTrigger::getTriggerId)
                        .doesNotHaveDuplicates().contains("A/WH1/1", "B/WH1/1").doesNotContain("B/WH1/3", "A/WH1/2");
                assertThat(deadLetters.records()).hasSize(1);
            } finally {
                restarted.close();
            }
        }
    }
}
