package io.stockpulse.topology;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.metrics.PipelineCounters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Policies on the compacted topic override the defaults: per location over per SKU over config; invalid
 * ones go to the dead-letter topic and leave the previous policy in force.
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
    void invalidPolicyIsDeadLetteredOnceAndTheDefaultsStay() {
        f.policies.pipeInput("B", SkuPolicy.newBuilder().setSku("B").setServiceLevel(1.5).build());
        f.policies.pipeInput("B@WH9", SkuPolicy.newBuilder().setSku("B").setLocationId("WH1").build()); // key mismatch
        assertThat(f.counters.get(PipelineCounters.POLICIES_REJECTED, "invalid")).isEqualTo(2);
        List<TestRecord<String, byte[]>> parked = f.deadLetters.readRecordsToList();
        assertThat(parked).extracting(r -> header(r, DeadLetters.HEADER_REASON))
                .containsExactly("invalid-policy", "key-mismatch");
        assertThat(parked).extracting(r -> header(r, DeadLetters.HEADER_TOPIC)).containsOnly(f.topics.skuPolicies().name());
        assertThat(f.counters.snapshot(PipelineCounters.DEAD_LETTERS)).containsEntry("invalid-policy", 1L)
                .containsEntry("key-mismatch", 1L);
        ReorderTrigger trigger = sellUntilTrigger("B");
        assertThat(trigger.getServiceLevel()).isEqualTo(0.95);
        assertThat(trigger.getLeadTimeDemand()).isCloseTo(70, within(1e-6));
    }

    @Test
    void tombstoneRemovesThePolicy() {
        f.policies.pipeInput("C", SkuPolicy.newBuilder().setSku("C").setServiceLevel(0.8).build());
        f.policies.pipeInput("C", (SkuPolicy) null);
        assertThat(sellUntilTrigger("C").getServiceLevel()).isEqualTo(0.95);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
