package io.stockpulse.it;

import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.it.StockPulseFixture.Settings;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.stockpulse.it.StockPulseFixture.groupMembers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share 6 partitions; one is killed with SIGKILL in the middle of the stream. The other
 * takes its partitions over (state from the changelogs, open transactions aborted) and every SKU ends
 * with exactly one reorder trigger: none lost, none duplicated. Real broker, real schema registry,
 * the packaged jar in child JVMs.
 */
class ScaleOutIT {

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    static final int SKUS = 60;

    @Test
    void killedInstanceIsReplacedWithoutLostOrDuplicatedTriggers() throws Exception {
        String appId = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        Settings settings = KAFKA.settings(appId).registry(StockPulseFixture.sharedRegistryUrl())
                .set("commit.interval.ms", "200").quickFailover().ownTopics();
        StockPulseConfig config = settings.config();
        Topics topics = StockPulseFixture.topics(config, 6);

        Map<String, String> first = settings.stateDir(temp.resolve("state-a")).map();
        Map<String, String> second = settings.stateDir(temp.resolve("state-b")).map();

        try (StockPulseProcess a = StockPulseProcess.start(first, Path.of("target/it-logs/" + appId + "-a.log"));
             StockPulseProcess b = StockPulseProcess.start(second, Path.of("target/it-logs/" + appId + "-b.log"));
             EventPublisher events = KAFKA.publisher(topics, appId + "-");
             OutputReader<ReorderTrigger> triggers = KAFKA.reader(topics.reorderTriggers());
             Admin admin = KAFKA.admin()) {

            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> groupMembers(admin, appId) == 2);
            for (int sku = 0; sku < SKUS; sku++) {
                events.stockChange(sku(sku), StockChangeKind.COUNT, 200, day(1).minusSeconds(3600)); // s ≈ 103: triggers near day 10
            }
            publishDays(events, 1, 15);
            // Some triggers are out (the stream is live on both instances) when A dies.
            await().atMost(Duration.ofSeconds(120)).until(() -> !triggers.values().isEmpty());
            a.kill();
            publishDays(events, 16, 30);

            try {
                await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                        assertThat(triggers.values().stream().map(ReorderTrigger::getSku).distinct()).hasSize(SKUS));
            } finally {
                System.out.println("lag of " + appId + ": " + io.stockpulse.metrics.ConsumerLag.of(admin, appId,
                        topics.inputNames()));
                System.out.println("end offsets of triggers: " + admin.listOffsets(java.util.stream.IntStream.range(0, 6)
                        .boxed().collect(Collectors.toMap(i -> new org.apache.kafka.common.TopicPartition(
                                topics.reorderTriggers().name(), i), i -> org.apache.kafka.clients.admin.OffsetSpec.latest())))
                        .all().get());
                System.out.println("read_committed end offsets of triggers: " + admin.listOffsets(
                        java.util.stream.IntStream.range(0, 6).boxed().collect(Collectors.toMap(
                                i -> new org.apache.kafka.common.TopicPartition(topics.reorderTriggers().name(), i),
                                i -> org.apache.kafka.clients.admin.OffsetSpec.latest())),
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(
                                org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get());
                System.out.println("committed offsets: " + admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get());
                System.out.println("transactions: " + admin.listTransactions().all().get());
                System.out.println("triggers seen: " + triggers.records().stream()
                        .map(r -> r.partition() + ":" + r.value().getSku()).toList());
            }
            // Let B finish the stream, then check nothing was emitted twice.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> groupMembers(admin, appId) == 1);
            List<ReorderTrigger> all = triggers.values();
            Map<String, Long> perId = all.stream().collect(Collectors.groupingBy(ReorderTrigger::getTriggerId,
                    Collectors.counting()));
            assertThat(perId).as("every trigger exactly once").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            assertThat(perId.keySet()).as("one trigger per SKU, none re-opened after the crash")
                    .allSatisfy(id -> assertThat(id).endsWith("/1"));
            assertThat(all).hasSize(SKUS);
            assertThat(b.isAlive()).isTrue();
        }
    }

    private static void publishDays(EventPublisher events, int from, int to) {
        for (int day = from; day <= to; day++) {
            for (int sku = 0; sku < SKUS; sku++) {
                events.sale(sku(sku), 10, day(day).plusSeconds(sku));
            }
        }
        events.flush();
    }

    private static String sku(int i) {
        return String.format("SKU-%03d", i);
    }

    private static Instant day(int dayOfMonth) {
        return Instant.parse("2011-03-01T12:00:00Z").plus(Duration.ofDays(dayOfMonth - 1));
    }
}
