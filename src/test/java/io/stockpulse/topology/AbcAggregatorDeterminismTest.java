package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cut-offs of a day must not depend on how the tasks' day closes interleave on the one-partition
 * sales-value topic: a fast task may already have sent its next day's values (which would rank its
 * SKUs differently) before a slow task closes the day. Two interleavings of the same closes, as two
 * partitions could produce them, must publish the same cut-offs for every day.
 */
class AbcAggregatorDeterminismTest {

    private static final LocalDate DAY1 = LocalDate.of(2011, 3, 1);
    private static final LocalDate DAY2 = DAY1.plusDays(1);

    /** The values one partition's task sends at one day close, then its close marker. */
    private record Close(int partition, LocalDate day, Map<String, Double> values) {
    }

    private static Map<String, Double> values(String prefix, double... values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(prefix + i + "@WH1", values[i]);
        }
        return out;
    }

    // Day 2 moves partition 0's SKUs to the top: mixing its day-2 values into day 1 changes day 1's cut-offs.
    private static final Close P0_DAY1 = new Close(0, DAY1, values("a", 100, 50, 20, 10, 5, 1));
    private static final Close P0_DAY2 = new Close(0, DAY2, values("a", 1000, 900, 800, 700, 600, 500));
    private static final Close P1_DAY1 = new Close(1, DAY1, values("b", 300, 200, 40, 30, 3, 2));
    private static final Close P1_DAY2 = new Close(1, DAY2, values("b", 310, 190, 45, 25, 4, 1));

    private static Map<String, AbcThresholds> publish(List<Close> order) {
        try (TopologyFixture f = TopologyFixture.withInputPartitions(2)) {
            TestInputTopic<String, SkuSalesValues> in = f.input(f.topics.skuSalesValues());
            TestOutputTopic<String, AbcThresholds> out = f.output(f.topics.abcThresholds());
            Instant at = Instant.parse("2011-03-03T01:00:00Z");
            for (Close close : order) {
                List<SkuSalesValue> values = new ArrayList<>();
                close.values().forEach((sku, value) -> values.add(new SkuSalesValue(sku, value)));
                in.pipeInput(AbcAggregator.THRESHOLDS_KEY, SkuSalesValues.newBuilder().setDay((int) close.day().toEpochDay())
                        .setPartition(close.partition()).setValues(values).setClosesDay(true).build(), at);
            }
            Map<String, AbcThresholds> published = new LinkedHashMap<>();
            for (TestRecord<String, AbcThresholds> record : out.readRecordsToList()) {
                if (record.value() != null) {
                    published.put(record.key(), record.value());
                }
            }
            return published;
        }
    }

    @Test
    void cutOffsOfADayAreTheSameWhateverTheInterleaving() {
        Map<String, AbcThresholds> inStep = publish(List.of(P0_DAY1, P1_DAY1, P0_DAY2, P1_DAY2));
        Map<String, AbcThresholds> partitionZeroAhead = publish(List.of(P0_DAY1, P0_DAY2, P1_DAY1, P1_DAY2));
        Map<String, AbcThresholds> partitionOneAhead = publish(List.of(P1_DAY1, P1_DAY2, P0_DAY1, P0_DAY2));

        assertThat(inStep).containsOnlyKeys(DAY1.toString(), DAY2.toString());
        assertThat(partitionZeroAhead).isEqualTo(inStep);
        assertThat(partitionOneAhead).isEqualTo(inStep);
        // Day 1 from day-1 values only: total 761; cumulative share before 300, 200, 100, 50 is 0, .39, .66, .79
        // → A down to 50; before 40, 30, 20 it is .85, .91, .946 (< .95) → B down to 20.
        AbcThresholds day1 = inStep.get(DAY1.toString());
        assertThat(day1.getAMinValue()).isEqualTo(50.0);
        assertThat(day1.getBMinValue()).isEqualTo(20.0);
        assertThat(day1.getSkus()).isEqualTo(12);
        assertThat(day1.getDay()).isEqualTo(DAY1);
    }

    @Test
    void nothingIsPublishedUntilEveryPartitionHasClosedTheDay() {
        assertThat(publish(List.of(P0_DAY1, P0_DAY2))).isEmpty();
        assertThat(publish(List.of(P0_DAY1, P0_DAY2, P1_DAY1))).containsOnlyKeys(DAY1.toString());
    }
}
