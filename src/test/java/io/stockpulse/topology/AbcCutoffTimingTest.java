package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuClassChange;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ABC classes of a day close do not depend on when the cut-offs come. The driver runs partition 0
 * of a two-partition deployment; partition 1, another task, is played by its contributions to the ABC
 * aggregator (six SKUs' sales values and its day-close marks), fed early, late, in a shuffled order,
 * with the wall clock moving in between. Partition 0's own input is the same every time, and so must
 * be its classes, reorder triggers, stockout alerts and forecasts.
 */
class AbcCutoffTimingTest {

    private static final LocalDate START = LocalDate.of(2011, 3, 1);
    private static final int DAYS = 24;
    /** Partition 0's SKUs (price = sales value of one unit) and partition 1's daily sales values. */
    private static final double[] LOCAL_PRICES = {1000, 100, 30, 15, 8, 3};
    private static final double[] REMOTE_VALUES = {1000, 500, 40, 20, 10, 2};
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);

    /** When partition 1's mark for day d arrives: after partition 0's events of day {@code lag.applyAsInt(d)}. */
    private Map<String, List<String>> run(IntUnaryOperator arrivalDay, Duration wallClockStep,
                                          PipelineCounters[] countersOut) {
        Properties props = new Properties();
        props.put(InventoryTopology.INPUT_PARTITIONS_CONFIG, 2);
        props.put(InventoryTopology.ABC_MAX_WAIT_CONFIG, MAX_WAIT.toMillis());
        InventorySettings defaults = InventorySettings.defaults();
        try (TopologyFixture f = new TopologyFixture(defaults.withDecisions(defaults.decisions().withMinValueAtRisk(0)),
                props)) {
            TestInputTopic<String, SkuSalesValues> remote = f.input(f.topics.skuSalesValues());
            TestOutputTopic<String, SkuClassChange> classes = f.output(f.topics.skuClasses());
            Map<Integer, List<Integer>> remoteMarksAfterDay = new TreeMap<>();
            // Partition 0's first event closes the day before START: partition 1 reports from that day.
            for (int d = -1; d < DAYS; d++) {
                remoteMarksAfterDay.computeIfAbsent(arrivalDay.applyAsInt(d), k -> new ArrayList<>()).add(d);
            }
            remoteMarksAfterDay.getOrDefault(-2, List.of()).forEach(d -> remote.pipeInput("all", remoteMark(d)));
            for (int day = 0; day <= DAYS; day++) {
                localDay(f, day);
                f.driver.advanceWallClockTime(wallClockStep);
                remoteMarksAfterDay.getOrDefault(day, List.of()).forEach(d -> remote.pipeInput("all", remoteMark(d)));
                f.driver.advanceWallClockTime(wallClockStep);
            }
            remoteMarksAfterDay.entrySet().stream().filter(e -> e.getKey() > DAYS)
                    .forEach(e -> e.getValue().forEach(d -> remote.pipeInput("all", remoteMark(d))));
            f.driver.advanceWallClockTime(wallClockStep);
            Map<String, List<String>> out = new TreeMap<>();
            out.put("classes", classes.readValuesToList().stream().map(Object::toString).toList());
            out.put("triggers", f.triggers.readValuesToList().stream().map(Object::toString).toList());
            out.put("stockouts", f.stockouts.readValuesToList().stream().map(Object::toString).toList());
            out.put("forecasts", f.forecasts.readValuesToList().stream().map(Object::toString).toList());
            countersOut[0] = f.counters;
            return out;
        }
    }

    /** Counted at 40 on day 0; a unit a day on even days, three on odd days: the service level moves the trigger. */
    private static void localDay(TopologyFixture f, int day) {
        for (int i = 0; i < LOCAL_PRICES.length; i++) {
            String sku = "L" + i;
            if (day == 0) {
                f.stockChange(sku, StockChangeKind.COUNT, 40, START + "T08:00:00Z");
            }
            if (day == DAYS) {
                continue; // the last day only closes the one before
            }
            Instant at = Instant.parse(START.plusDays(day) + "T10:00:00Z");
            SaleEvent sale = SaleEvent.newBuilder().setEventId("sale-" + sku + "-" + day).setSku(sku)
                    .setLocationId(TopologyFixture.LOCATION).setQuantity(day % 2 == 0 ? 1 : 3)
                    .setUnitPrice(LOCAL_PRICES[i]).setOccurredAt(at).build();
            f.sales.pipeInput(sku, sale, at);
        }
        f.stockChange("L0", StockChangeKind.RETURN, 1, START.plusDays(day) + "T11:00:00Z");
    }

    private static SkuSalesValues remoteMark(int day) {
        List<SkuSalesValue> values = new ArrayList<>();
        for (int i = 0; i < REMOTE_VALUES.length; i++) {
            values.add(new SkuSalesValue("R" + i + "@WH1", REMOTE_VALUES[i]));
        }
        return SkuSalesValues.newBuilder().setDay((int) START.plusDays(day).toEpochDay()).setPartition(1)
                .setValues(values).setClosesDay(true).build();
    }

    @Test
    void classesAndTriggersAreTheSameWhenTheCutOffsComeEarlyLateOrShuffled() {
        PipelineCounters[] counters = new PipelineCounters[1];
        Map<String, List<String>> ahead = run(d -> -2, Duration.ofMillis(100), counters);
        assertThat(counters[0].total(PipelineCounters.CLASS_THRESHOLDS_MISSING)).isZero();
        Map<String, List<String>> prompt = run(d -> d + 1, Duration.ofMillis(100), counters);
        Map<String, List<String>> twoDaysLate = run(d -> d + 3, Duration.ofMillis(300), counters);
        assertThat(counters[0].total(PipelineCounters.CLASS_THRESHOLDS_MISSING)).isZero();
        Random random = new Random(17);
        int[] lags = random.ints(DAYS + 1, 1, 5).toArray();
        // A shuffled arrival: each mark after a random number of days, so later marks can overtake earlier ones.
        Map<String, List<String>> shuffled = run(d -> d + lags[d + 1], Duration.ofMillis(200), counters);

        // The classes matter: the split gives partition 0's SKUs A, B and C, and the triggers their service levels.
        assertThat(ahead.get("classes")).anyMatch(c -> c.contains("\"abcClass\": \"A\""))
                .anyMatch(c -> c.contains("\"abcClass\": \"C\""));
        assertThat(ahead.get("triggers")).anyMatch(t -> t.contains("\"serviceLevel\": 0.99"))
                .anyMatch(t -> t.contains("\"serviceLevel\": 0.95"));
        assertThat(prompt).isEqualTo(ahead);
        assertThat(twoDaysLate).isEqualTo(ahead);
        assertThat(shuffled).isEqualTo(ahead);
    }

    @Test
    void aWaitLongerThanTheTaskIdleTimeGoesAheadWithoutTheCutOffsAndIsCounted() {
        PipelineCounters[] counters = new PipelineCounters[1];
        Map<String, List<String>> ahead = run(d -> -2, Duration.ofMillis(100), counters);
        // Partition 1 two days behind, with 1.5 s of wall clock per step: a wait outlasts the 2 s bound.
        Map<String, List<String>> stalled = run(d -> d + 3, Duration.ofMillis(1500), counters);
        assertThat(counters[0].total(PipelineCounters.CLASS_THRESHOLDS_MISSING)).isPositive();
        // Every day still closes (a forecast a day per SKU), only the classes (and what they drive) may differ.
        assertThat(stalled.get("forecasts")).hasSameSizeAs(ahead.get("forecasts"));
        assertThat(stalled.get("classes")).isNotEqualTo(ahead.get("classes"));
    }
}
