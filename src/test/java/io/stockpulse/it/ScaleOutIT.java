package io.stockpulse.it;

import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.registry.ApicurioRegistry;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share 6 partitions; one is killed with SIGKILL in the middle of the stream. The other
 * takes its partitions over (state from the changelogs, open transactions aborted) and every SKU ends
 * with exactly one reorder trigger: none lost, none duplicated. Real broker, real schema registry,
 * the packaged jar in child JVMs.
 */
class ScaleOutIT {

    @TempDir
    static Path temp;
    static EmbeddedKafkaBroker broker;
    static final int SKUS = 60;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(temp.resolve("kafka"), 0);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void killedInstanceIsReplacedWithoutLostOrDuplicatedTriggers() throws Exception {
        String appId = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        String registry = ApicurioRegistry.shared().ccompatUrl();
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("schema.registry.url", registry);
        settings.put("application.id", appId);
        settings.put("replication.factor", "1");
        settings.put("http.port", "0");
        settings.put("commit.interval.ms", "200");
        settings.put("forecast.model", "moving-average");
        settings.put("kafka.session.timeout.ms", "6000");
        settings.put("kafka.heartbeat.interval.ms", "1500");
        for (String topic : List.of("sales", "shipments", "stock-changes", "sku-policies", "reorder-triggers",
                "stockout-alerts", "overstock-warnings", "forecasts", "dlq")) {
            settings.put("topic." + topic, "inventory." + topic + "." + appId);
        }
        StockPulseConfig config = StockPulseConfig.load(null, Map.of(), settings);
        TopicAdmin.ensureTopics(config, 6);
        Topics topics = Topics.create(config.topicNames(), SchemaRegistryClients.create(registry, Map.of()), true);

        Map<String, String> first = new HashMap<>(settings);
        first.put("state.dir", temp.resolve("state-a").toString());
        Map<String, String> second = new HashMap<>(settings);
        second.put("state.dir", temp.resolve("state-b").toString());

        try (StockPulseProcess a = StockPulseProcess.start(first, Path.of("target/it-logs/" + appId + "-a.log"));
             StockPulseProcess b = StockPulseProcess.start(second, Path.of("target/it-logs/" + appId + "-b.log"));
             EventPublisher events = new EventPublisher(broker.bootstrapServers(), topics, appId + "-");
             OutputReader<ReorderTrigger> triggers = new OutputReader<>(broker.bootstrapServers(), topics.reorderTriggers());
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {

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

    private static int groupMembers(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).all().get(10, TimeUnit.SECONDS).get(groupId).members().size();
    }
}
