package io.stockpulse.topology;

import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait for ABC cut-offs has two bounds: the long one once cut-offs exist (they will come, as soon
 * as the slowest partition closes the day) and a short one before any exist (a partition that never
 * gets an event means they never will). Held events never stall: when releasing them closes some days with their cut-offs and then reaches a
 * day whose cut-offs have not come, the wait for that day starts there (not only when a new event
 * arrives), so it ends by the bound even if the task gets no further event.
 */
class HeldEventsWaitTest {

    private static final LocalDate START = LocalDate.of(2011, 3, 1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    private static final int DAYS = 10;

    @Test
    void withoutAnyCutoffsTheShortBoundEndsTheWait() {
        try (TopologyFixture f = new TopologyFixture(InventorySettings.defaults(), twoBounds())) {
            f.stockChange("L", StockChangeKind.COUNT, 500, START + "T08:00:00Z");
            for (int day = 0; day <= DAYS; day++) {
                f.sale("L", 1 + day % 3, START.plusDays(day) + "T10:00:00Z"); // the other partition never reports
            }
            f.driver.advanceWallClockTime(FIRST_WAIT.minusSeconds(1));
            assertThat(f.forecasts.readValuesToList()).as("still waiting").isEmpty();
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            List<ForecastUpdate> forecasts = f.forecasts.readValuesToList();
            assertThat(forecasts).as("closed after the short bound").isNotEmpty();
            assertThat(forecasts.get(forecasts.size() - 1).getFirstDay()).isEqualTo(START.plusDays(DAYS));
        }
    }

    @Test
    void onceCutoffsExistTheShortBoundDoesNotEndTheWait() {
        try (TopologyFixture f = new TopologyFixture(InventorySettings.defaults(), twoBounds())) {
            TestInputTopic<String, SkuSalesValues> otherPartition = f.input(f.topics.skuSalesValues());
            f.stockChange("L", StockChangeKind.COUNT, 500, START + "T08:00:00Z");
            for (int day = 0; day <= DAYS; day++) {
                f.sale("L", 1 + day % 3, START.plusDays(day) + "T10:00:00Z");
            }
            for (int day = -1; day <= 3; day++) {
                otherPartition.pipeInput("all", closed(day)); // then it falls behind: a slow round trip
            }
            for (int step = 0; step < 10; step++) {
                f.driver.advanceWallClockTime(Duration.ofMillis(100));
            }
            f.forecasts.readValuesToList();
            f.driver.advanceWallClockTime(FIRST_WAIT.plusSeconds(1));
            assertThat(f.forecasts.readValuesToList()).as("cut-offs exist: the short bound does not end it").isEmpty();
            otherPartition.pipeInput("all", closed(4)); // the slow partition gets there
            f.driver.advanceWallClockTime(Duration.ofMillis(100));
            assertThat(f.forecasts.readValuesToList()).as("day 5 closed with its cut-offs").isNotEmpty();
            assertThat(f.counters.get(PipelineCounters.CLASS_THRESHOLDS_MISSING, "wait_expired")).isZero();
        }
    }

    private static Properties twoBounds() {
        Properties props = new Properties();
        props.put(InventoryTopology.INPUT_PARTITIONS_CONFIG, 2);
        props.put(InventoryTopology.ABC_MAX_WAIT_CONFIG, MAX_WAIT.toMillis());
        props.put(InventoryTopology.ABC_FIRST_WAIT_CONFIG, FIRST_WAIT.toMillis());
        return props;
    }

    @Test
    void aWaitThatStartsWhileReleasingHeldEventsEndsByTheBound() {
        Properties props = new Properties();
        props.put(InventoryTopology.INPUT_PARTITIONS_CONFIG, 2);
        props.put(InventoryTopology.ABC_MAX_WAIT_CONFIG, MAX_WAIT.toMillis());
        try (TopologyFixture f = new TopologyFixture(InventorySettings.defaults(), props)) {
            TestInputTopic<String, SkuSalesValues> otherPartition = f.input(f.topics.skuSalesValues());
            f.stockChange("L", StockChangeKind.COUNT, 500, START + "T08:00:00Z");
            for (int day = 0; day <= DAYS; day++) {
                f.sale("L", 1 + day % 3, START.plusDays(day) + "T10:00:00Z"); // held from day 1 on: no cut-offs
            }
            // The other partition closes days -1 to 3, then falls silent.
            for (int day = -1; day <= 3; day++) {
                otherPartition.pipeInput("all", closed(day));
            }
            for (int step = 0; step < 10; step++) {
                f.driver.advanceWallClockTime(Duration.ofMillis(100)); // a round trip per day: days 0..4 close
            }
            assertThat(f.forecasts.readValuesToList().get(4).getFirstDay()).isEqualTo(START.plusDays(5));
            f.driver.advanceWallClockTime(MAX_WAIT.plusSeconds(1)); // the wait for day 4's cut-offs ends

            List<ForecastUpdate> forecasts = f.forecasts.readValuesToList();
            assertThat(forecasts).as("every day up to the last event's closes").isNotEmpty();
            assertThat(forecasts.get(forecasts.size() - 1).getFirstDay()).isEqualTo(START.plusDays(DAYS));
            assertThat(f.counters.total(PipelineCounters.CLASS_THRESHOLDS_MISSING)).isPositive();
        }
    }

    private static SkuSalesValues closed(int day) {
        return SkuSalesValues.newBuilder().setDay((int) START.plusDays(day).toEpochDay()).setPartition(1)
                .setValues(List.of(new SkuSalesValue("R@WH1", 10.0))).setClosesDay(true).build();
    }
}
