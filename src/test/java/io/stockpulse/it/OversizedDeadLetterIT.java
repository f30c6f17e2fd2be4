package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.topics.Topics;
import io.stockpulse.topology.DeadLetters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.stockpulse.it.StockPulseFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No poison pill on the real broker: an undecodable record just under the broker's size limit, whose
 * dead-letter copy with headers would be over the producer's {@code max.request.size}, and a copy the
 * dead-letter topic itself refuses (its {@code max.message.bytes} is small). Either way the copy is
 * parked as {@code too-large}, the good records after it are applied, offsets are committed past it
 * (lag 0) and the instance is ready.
 */
class OversizedDeadLetterIT {

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Instant T0 = Instant.parse("2011-03-01T09:00:00Z");
    private static final String SKU = "BIG-1";
    /** With key, headers and batch overhead just under the broker's default message.max.bytes (1,048,588). */
    private static final int JUST_UNDER_THE_BROKER_LIMIT = 1_048_450;

    @Test
    void aCopyOverTheProducerLimitIsTruncatedAndTheStreamMovesOn() throws Exception {
        Outcome outcome = run(JUST_UNDER_THE_BROKER_LIMIT, Optional.empty());

        assertThat(outcome.parked.value()).hasSize(DeadLetters.TRUNCATED_VALUE_BYTES);
        assertThat(header(outcome.parked, DeadLetters.HEADER_ORIGINAL_REASON)).isEqualTo("wrong-magic-byte");
        assertThat(outcome.replacements).as("no stream thread died").isZero();
    }

    @Test
    void aCopyTheDeadLetterTopicRefusesCostsOneThreadReplacementNotACrashLoop() throws Exception {
        Outcome outcome = run(20_000, Optional.of(8_192));

        assertThat(outcome.parked.value()).as("parked without payload on the second reading").isNull();
        assertThat(outcome.replacements).isEqualTo(1);
    }

    private record Outcome(ConsumerRecord<String, byte[]> parked, long replacements) {
    }

    private Outcome run(int size, Optional<Integer> deadLetterTopicLimit) throws Exception {
        String appId = "big-" + UUID.randomUUID().toString().substring(0, 8);
        StockPulseConfig config = config(appId);
        try (Admin admin = KAFKA.admin()) {
            if (deadLetterTopicLimit.isPresent()) {
                admin.createTopics(List.of(new NewTopic(config.topicNames().deadLetters(), Optional.of(2), Optional.empty())
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, deadLetterTopicLimit.get().toString()))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            Topics topics = StockPulseFixture.topics(config, 2);
            byte[] pill = new byte[size];
            pill[0] = 1; // not the wire format's magic byte: undecodable

            try (EventPublisher events = KAFKA.publisher(topics, appId + "-");
                 OutputReader<byte[]> deadLetters = KAFKA.reader(topics.deadLetters());
                 StockPulseApp app = new StockPulseApp(config)) {
                app.start();
                events.stockChange(SKU, StockChangeKind.COUNT, 100, T0.minusSeconds(60));
                events.raw(topics.sales().name(), SKU, pill);
                for (int i = 1; i <= 5; i++) {
                    events.sale(SKU, 1, T0.plusSeconds(i));
                }
                events.flush();

                await().atMost(PATIENCE).dontCatchUncaughtExceptions().ignoreExceptionsInstanceOf(InvalidStateStoreException.class).untilAsserted(() -> {
                    assertThat(StockPulseFixture.netStock(app.streams(), SKU)).isEqualTo(95);
                    assertThat(deadLetters.records()).hasSize(1);
                    assertThat(ConsumerLag.total(ConsumerLag.of(admin, appId, topics.inputNames()))).isZero();
                    assertThat(app.counters().health().readiness(app.streams().state()).ready()).isTrue();
                });
                // The instance's own lag gauge agrees with the group's committed offsets (not frozen at a stale value).
                await().atMost(PATIENCE).dontCatchUncaughtExceptions().untilAsserted(() ->
                        assertThat(lagGauges(app, topics.sales().name())).hasSize(2).containsOnly("0.0"));
                ConsumerRecord<String, byte[]> parked = deadLetters.records().get(0);
                assertThat(header(parked, DeadLetters.HEADER_REASON)).isEqualTo(DeadLetters.REASON_TOO_LARGE);
                assertThat(header(parked, DeadLetters.HEADER_ORIGINAL_SIZE)).isEqualTo(Integer.toString(size));
                assertThat(header(parked, DeadLetters.HEADER_TOPIC)).isEqualTo(topics.sales().name());
                assertThat(app.counters().get(PipelineCounters.DEAD_LETTERS, DeadLetters.REASON_TOO_LARGE)).isEqualTo(1);
                assertThat(app.counters().get(PipelineCounters.EVENTS, "sale")).isEqualTo(5);
                return new Outcome(parked, app.counters().health().threadReplacements());
            }
        }
    }

    private static StockPulseConfig config(String appId) {
        return KAFKA.settings(appId).registry(StockPulseFixture.sharedRegistryUrl()).stateDir(temp.resolve("state"))
                .ownTopics().config();
    }

    /** The values of stockpulse_consumer_lag_records for {@code topic}'s partitions in this instance's scrape. */
    private static List<String> lagGauges(StockPulseApp app, String topic) {
        return app.metrics().scrape().lines()
                .filter(line -> line.startsWith("stockpulse_consumer_lag_records{") && line.contains("\"" + topic + "\""))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
    }
}
