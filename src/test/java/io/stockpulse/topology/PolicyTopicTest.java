package io.stockpulse.topology;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Policies on the compacted topic override the defaults: per location over per SKU over config; invalid
 * ones are ignored by the global store (the previous policy stays in force) and go to the dead-letter
 * topic once, through the policy check.
 */
class PolicyTopicTest {

    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private ReorderTrigger sellUntilTrigger(String sku) {
        f.stockChange(sku, StockChangeKind.COUNT, 200, "2011-03-01T08:00:00Z");
        for (int day = 1; day <= 28 && f.triggers.isEmpty(); day++) {
            f.sale(sku, 10, String.format("2011-03-%02dT12:00:00Z", day));
        }
        return f.triggers.readValue();
    }

    @Test
    void locationPolicyWinsOverSkuPolicyWhichWinsOverDefaults() {
        f.policies.pipeInput("A", SkuPolicy.newBuilder().setSku("A").setServiceLevel(0.99).setLeadTimeDays(3.0).build());
        f.policies.pipeInput("A@WH1", SkuPolicy.newBuilder().setSku("A").setLocationId("WH1").setLeadTimeDays(5.0)
                .setLeadTimeStdDays(0.0).build());
        ReorderTrigger trigger = sellUntilTrigger("A");
        assertThat(trigger.getServiceLevel()).isEqualTo(0.99);                          // from the SKU policy
        assertThat(trigger.getLeadTimeDemand()).isCloseTo(50, within(1e-6));            // 5 days (location) × 10/day
    }

    @Test
    void invalidPolicyIsIgnoredByTheStoreDeadLetteredOnceAndTheDefaultsStay() {
        f.policies.pipeInput("B", SkuPolicy.newBuilder().setSku("B").setServiceLevel(1.5).build());
        f.policies.pipeInput("B@WH9", SkuPolicy.newBuilder().setSku("B").setLocationId("WH1").build()); // key mismatch
        f.policies.pipeInput(null, SkuPolicy.newBuilder().setSku("B").setLeadTimeDays(2.0).build());
        // Counted by the global store's updater, which ignores them ...
        assertThat(f.counters.get(PipelineCounters.POLICIES_REJECTED, "invalid")).isEqualTo(3);
        // ... and parked by the policy check, one copy each.
        List<TestRecord<String, byte[]>> parked = f.policyDeadLetters.readRecordsToList();
        assertThat(parked).extracting(r -> header(r, DeadLetters.HEADER_REASON))
                .containsExactly("invalid-policy", "key-mismatch", "missing-key");
        assertThat(parked).extracting(r -> header(r, DeadLetters.HEADER_TOPIC)).containsOnly(f.topics.skuPolicies().name());
        assertThat(f.counters.snapshot(PipelineCounters.DEAD_LETTERS)).containsOnly(Map.entry("invalid-policy", 1L),
                Map.entry("key-mismatch", 1L), Map.entry("missing-key", 1L));
        assertThat(f.deadLetters.isEmpty()).isTrue(); // nothing from the global store's side
        ReorderTrigger trigger = sellUntilTrigger("B");
        assertThat(trigger.getServiceLevel()).isEqualTo(0.98); // class B, the default before any ABC split
        assertThat(trigger.getLeadTimeDemand()).isCloseTo(70, within(1e-6));
    }

    @Test
    void validPoliciesAndTombstonesAreNotDeadLettered() {
        f.policies.pipeInput("D", SkuPolicy.newBuilder().setSku("D").setServiceLevel(0.9).build());
        f.policies.pipeInput("D@WH1", SkuPolicy.newBuilder().setSku("D").setLocationId("WH1").setLeadTimeDays(4.0).build());
        f.policies.pipeInput("D", (SkuPolicy) null);
        assertThat(f.policyDeadLetters.isEmpty()).isTrue();
        assertThat(f.counters.snapshot(PipelineCounters.DEAD_LETTERS)).isEmpty();
        assertThat(f.counters.get(PipelineCounters.POLICIES_REJECTED, "invalid")).isZero();
    }

    /**
     * Undecodable bytes on the policy topic: the global store skips them (Kafka Streams cannot send a
     * dead letter from the global thread) and the policy check parks them, so they are counted once.
     */
    @Test
    void undecodablePolicyIsSkippedByTheStoreAndParkedOnceByTheCheck() {
        f.policies.pipeInput("U", SkuPolicy.newBuilder().setSku("U").setServiceLevel(0.99).build());
        f.policies.pipeRaw("U", "not avro at all".getBytes(StandardCharsets.UTF_8));
        assertThat(f.counters.snapshot(PipelineCounters.DEAD_LETTERS)).containsOnly(Map.entry("wrong-magic-byte", 1L));
        assertThat(sellUntilTrigger("U").getServiceLevel()).isEqualTo(0.99); // the previous policy stays
    }

    /**
     * "Same input, same outputs": a policy published before the first event applies to that event.
     * In the application the global store is loaded before any task processes; the driver processes
     * a global record as soon as it is piped, before the events piped after it.
     */
    @Test
    void policyPublishedBeforeTheFirstEventAppliesToIt() {
        f.policies.pipeInput("M", SkuPolicy.newBuilder().setSku("M").setPolicyType("MIN_MAX")
                .setMinUnits(40L).setMaxUnits(200L).build());
        f.stockChange("M", StockChangeKind.COUNT, 30, "2011-03-01T08:00:00Z"); // the very first event
        List<ReorderTrigger> triggers = f.triggers.readValuesToList();
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).getPolicyType()).isEqualTo("MIN_MAX");
        assertThat(triggers.get(0).getOrderQuantity()).isEqualTo(170); // max − IP

        f.stockChange("N", StockChangeKind.COUNT, 30, "2011-03-01T08:00:00Z"); // the same event under the defaults
        assertThat(f.triggers.readValuesToList()).extracting(ReorderTrigger::getPolicyType).doesNotContain("MIN_MAX");
    }

    @Test
    void tombstoneRemovesThePolicy() {
        f.policies.pipeInput("C", SkuPolicy.newBuilder().setSku("C").setServiceLevel(0.8).build());
        f.policies.pipeInput("C", (SkuPolicy) null);
        assertThat(sellUntilTrigger("C").getServiceLevel()).isEqualTo(0.98);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
