package io.stockpulse.topology;

import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.StoreKeys;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InventoryTopologyTest {

    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String day(int dayOfMarch, String time) {
        return TopologyFixture.march(dayOfMarch, time);
    }

    /** 10 a day from 1 March with an opening count: a plan exists from the first close on. */
    private void sellDaily(String sku, long count, int fromDay, int toDay) {
        f.stockChange(sku, StockChangeKind.COUNT, count, day(fromDay, "08:00"));
        for (int d = fromDay; d <= toDay; d++) {
            f.sale(sku, 10, day(d, "12:00"));
        }
    }

    @Test
    void outOfStockIsRaisedOnceAtTheCloseAndResolvedOnce() {
        // 60 units at 10 a day: empty after the sale of 6 March; nobody books the trigger's order, so 70 units
        // (× 1.00) are expected before any delivery: above the 50 minimum, raised at the close of 6 March.
        sellDaily("A", 60, 1, 7);
        f.sale("X", 1, day(8, "12:00")); // closes 7 March
        List<StockoutAlert> alerts = f.stockouts.readValuesToList();
        assertThat(alerts).extracting(StockoutAlert::getState, StockoutAlert::getSeverity, StockoutAlert::getOnHand)
                .containsExactly(tuple(AlertState.RAISED, StockoutSeverity.OUT_OF_STOCK, 0L));
        // Stamped with the moment 6 March became final (midnight + 1 h grace), not with the sale that revealed it.
        assertThat(alerts.get(0).getAt()).isEqualTo(Instant.parse(day(7, "01:00")));

        f.shipment("A", "PO1", ShipmentStatus.ORDERED, 200, day(8, "13:00"));
        f.shipment("A", "PO1", ShipmentStatus.RECEIVED, 200, day(8, "14:00"));
        assertThat(f.stockouts.isEmpty()).isTrue(); // not per event: the next close decides
        f.sale("X", 1, day(9, "12:00"));
        assertThat(f.stockouts.readValuesToList()).extracting(StockoutAlert::getState, StockoutAlert::getOnHand)
                .containsExactly(tuple(AlertState.RESOLVED, 200 - 10L)); // the 10 backordered on 7 March left
        SkuState state = f.state("A");
        assertThat(state.getOpenOrders()).isEmpty();
    }

    @Test
    void stockMovementsOfEveryKind() {
        f.stockChange("K", StockChangeKind.COUNT, 100, day(1, "08:00"));
        f.stockChange("K", StockChangeKind.ADJUSTMENT, -3, day(1, "08:01"));
        f.stockChange("K", StockChangeKind.RETURN, 2, day(1, "08:02"));
        f.stockChange("K", StockChangeKind.DAMAGE, 4, day(1, "08:03"));
        f.stockChange("K", StockChangeKind.TRANSFER_IN, 10, day(1, "08:04"));
        f.stockChange("K", StockChangeKind.TRANSFER_OUT, 5, day(1, "08:05"));
        f.sale("K", 7, day(1, "08:06"));
        f.shipment("K", "PO7", ShipmentStatus.ORDERED, 50, day(1, "08:07"));
        f.shipment("K", "PO8", ShipmentStatus.ORDERED, 30, day(1, "08:08"));
        f.shipment("K", "PO7", ShipmentStatus.IN_TRANSIT, 40, day(1, "08:09")); // supplier short-ships
        f.shipment("K", "PO8", ShipmentStatus.CANCELLED, 30, day(1, "08:10"));
        f.shipment("K", "PO7", ShipmentStatus.RECEIVED, 25, day(1, "08:11"));  // partial receipt

        SkuState state = f.state("K");
        assertThat(state.getNetStock()).isEqualTo(100 - 3 + 2 - 4 + 10 - 5 - 7 + 25);
        assertThat(state.getOpenOrders()).containsExactly(java.util.Map.entry("PO7", 15L));
        assertThat(f.counters.snapshot(PipelineCounters.EVENTS))
                .containsEntry("stock_change", 6L).containsEntry("sale", 1L).containsEntry("shipment", 5L);
    }

    @Test
    void reorderTriggerOpensOnceAndAgainOnlyAfterTheOrderCoveredIt() {
        f.stockChange("B", StockChangeKind.COUNT, 300, day(1, "08:00"));
        int dayOfMarch = 1;
        while (f.triggers.isEmpty() && dayOfMarch <= 28) {
            f.sale("B", 10, day(dayOfMarch++, "12:00"));
        }
        List<ReorderTrigger> first = f.triggers.readValuesToList();
        assertThat(first).hasSize(1);
        ReorderTrigger trigger = first.get(0);
        assertThat(trigger.getTriggerId()).isEqualTo("B/WH1/1");
        assertThat(trigger.getForecastSource()).isEqualTo("moving-average@w28");
        assertThat((double) trigger.getInventoryPosition()).isLessThanOrEqualTo(trigger.getReorderPoint());
        assertThat(trigger.getReorderPoint()).isCloseTo(trigger.getLeadTimeDemand() + trigger.getSafetyStock(),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(trigger.getLeadTimeDemand()).isCloseTo(70, org.assertj.core.api.Assertions.within(1e-6)); // 7 d × 10/d
        assertThat(trigger.getOrderQuantity()).isPositive();
        assertThat(trigger.getServiceLevel()).isEqualTo(0.98); // class B's default
        assertThat(trigger.getOrderUpTo()).isGreaterThan(trigger.getReorderPoint());
        assertThat(trigger.getExpectedFillRate()).isGreaterThanOrEqualTo(0.98);
        assertThat(trigger.getSpecialOrder()).isFalse();

        // More sales while the trigger is open: no second trigger.
        f.sale("B", 10, day(dayOfMarch++, "12:00"));
        f.sale("B", 10, day(dayOfMarch++, "12:00"));
        assertThat(f.triggers.isEmpty()).isTrue();

        // The buyer orders what was asked: the position recovers, the trigger closes.
        f.shipment("B", "PO-B1", ShipmentStatus.ORDERED, trigger.getOrderQuantity(), day(dayOfMarch, "13:00"));
        assertThat(f.state("B").getOpenTriggerId()).isNull();
        f.shipment("B", "PO-B1", ShipmentStatus.RECEIVED, trigger.getOrderQuantity(), day(dayOfMarch, "14:00"));

        // Selling down again (lines of 100, under the special-order line of 14 days × 10) opens trigger number 2.
        while (f.triggers.isEmpty() && dayOfMarch < 31) {
            f.sale("B", 100, day(++dayOfMarch, "12:00"));
        }
        assertThat(f.triggers.readValuesToList()).extracting(ReorderTrigger::getTriggerId).containsExactly("B/WH1/2");
    }

    @Test
    void dayCloseForecastsTheSkusThatSoldAndPublishesTheForecast() {
        f.sale("F", 4, day(1, "10:00"));
        f.sale("F", 6, day(2, "10:00"));
        f.sale("G", 1, day(3, "10:00")); // moves stream time past 2 March + grace
        List<ForecastUpdate> updates = f.forecasts.readValuesToList();
        assertThat(updates).extracting(ForecastUpdate::getSku, ForecastUpdate::getFirstDay)
                .containsExactly(tuple("F", LocalDate.parse("2011-03-02")), tuple("F", LocalDate.parse("2011-03-03")));
        ForecastUpdate latest = updates.get(1);
        assertThat(latest.getModel()).isEqualTo("moving-average");
        // (4 + 6) over at least a week: a new SKU's first days do not set its daily rate alone.
        assertThat(latest.getMean()).hasSize(28)
                .allSatisfy(v -> assertThat(v).isCloseTo(10.0 / 7, org.assertj.core.api.Assertions.within(1e-6)));
        assertThat(f.counters.get(PipelineCounters.FORECASTS, "moving-average")).isEqualTo(2);
    }

    @Test
    void forecastErrorIsTrackedPerModelVersion() {
        f.sale("E", 10, day(1, "10:00"));
        f.sale("E", 10, day(2, "10:00"));  // closes day 1: forecast 10/7 a day from day 2
        f.sale("E", 16, day(3, "10:00"));  // closes day 2: day 2 scored, 10 vs 10/7; new forecast 20/7
        f.sale("Z", 1, day(4, "10:00"));   // closes day 3: day 3 scored, 16 vs 20/7
        var store = f.driver.<String, io.stockpulse.avro.internal.ForecastAccuracyDay>getKeyValueStore(
                io.stockpulse.state.StoreNames.FORECAST_ACCURACY);
        var summary = io.stockpulse.state.ForecastAccuracy.summarize(List.of(store), 0).get("moving-average@w28");
        assertThat(summary.count()).isEqualTo(2);
        double absErrors = (10 - (double) (10f / 7)) + (16 - (double) (20f / 7));
        var close = org.assertj.core.api.Assertions.within(1e-9);
        assertThat(summary.mae()).isCloseTo(absErrors / 2, close);
        assertThat(summary.wape()).isCloseTo(absErrors / 26, close);     // Σ|e| / Σ actual
        assertThat(summary.bias()).isCloseTo(-absErrors / 26, close);    // Σ (forecast − actual) / Σ actual
        assertThat(summary.coverageP90()).isNaN();                       // the baseline has no quantiles
    }

    @Test
    void projectedStockoutNeedsTwoClosesAndAnOrderDueInTimeResolvesIt() {
        // 10 a day; the moving average (over at least a week) reads 60/7 a day on 6 March and 10 on 7 March:
        // 40 and 30 on hand run out within the 7-day lead time at both closes. The trigger's order is not
        // booked, so nothing is due: PROJECTED at the second such close.
        f.stockChange("X", StockChangeKind.COUNT, 1000, day(1, "07:00"));
        sellDaily("R", 100, 1, 7);
        f.sale("X", 1, day(8, "12:00")); // closes 7 March
        assertThat(f.stockouts.readValuesToList()).extracting(StockoutAlert::getState, StockoutAlert::getSeverity)
                .containsExactly(tuple(AlertState.RAISED, StockoutSeverity.PROJECTED));
        // An order due on 9 March lifts the projection beyond the lead time: resolved at the next close.
        f.ordered("R", "PO-R", 200, day(8, "13:00"), day(9, "09:00"));
        f.sale("X", 1, day(9, "12:00"));
        assertThat(f.stockouts.readValuesToList()).extracting(StockoutAlert::getState, StockoutAlert::getSeverity)
                .containsExactly(tuple(AlertState.RESOLVED, StockoutSeverity.PROJECTED));
    }

    @Test
    void noStockoutAlertForASkuNobodyIsExpectedToBuy() {
        // One unit sold once, then nothing for 40 days: out of stock, but under a unit per lead time.
        f.stockChange("S", StockChangeKind.COUNT, 1, day(1, "08:00"));
        f.sale("S", 1, day(1, "12:00"));
        f.sale("X", 1, day(30, "12:00"));
        assertThat(f.stockouts.isEmpty()).isTrue();
    }

    @Test
    void overstockWarningNeedsHistoryAndTwoClosesAndResolves() {
        // 1,000 counted, 2 sold a day: the limit is 90 days × 2 = 180 (above S); 28 days of history first.
        f.stockChange("O", StockChangeKind.COUNT, 1000, day(1, "08:00"));
        for (int d = 1; d <= 29; d++) {
            f.sale("O", 2, day(d, "12:00"));
            if (d < 29) {
                assertThat(f.overstocks.isEmpty()).as("day %d", d).isTrue();
            }
        }
        f.sale("Y", 1, day(30, "12:00")); // closes 29 March: the second close with 28+ days of history
        List<OverstockWarning> warnings = f.overstocks.readValuesToList();
        assertThat(warnings).hasSize(1);
        OverstockWarning raised = warnings.get(0);
        long onHand = 1000 - 2 * 29;
        assertThat(raised.getState()).isEqualTo(AlertState.RAISED);
        assertThat(raised.getOnHand()).isEqualTo(onHand);
        SkuState state = f.state("O");
        double limit = state.getPlan().getOverstockLimit();
        assertThat(raised.getExcessQuantity()).isCloseTo(onHand - limit, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(raised.getValueAtRisk()).isCloseTo((onHand - limit) * 1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(raised.getAbcClass()).isEqualTo("B");

        f.stockChange("O", StockChangeKind.DAMAGE, onHand - 100, day(30, "13:00")); // 100 left: 50 days of cover
        f.sale("Y", 1, day(31, "12:00"));
        assertThat(f.overstocks.readValuesToList()).extracting(OverstockWarning::getState)
                .containsExactly(AlertState.RESOLVED);
    }

    @Test
    void aLineFarAboveTheUsualIsASpecialOrderAndLeavesTheStockAlone() {
        // 10 a day for 10 days: lines above max(12, 14 × 10) = 140 are special from then on.
        sellDaily("W", 500, 1, 10);
        f.sale("X", 1, day(11, "09:00"));
        long before = f.state("W").getNetStock();
        f.triggers.readValuesToList();
        SaleEvent big = f.sale("W", 1000, day(11, "12:00"));
        ReorderTrigger special = f.triggers.readValue();
        assertThat(special.getSpecialOrder()).isTrue();
        assertThat(special.getOrderQuantity()).isEqualTo(1000);
        SkuState state = f.state("W");
        assertThat(state.getNetStock()).isEqualTo(before);
        assertThat(state.getSpecialLines()).isEqualTo(1);
        assertThat(state.getSpecialUnits()).isEqualTo(1000);
        assertThat(io.stockpulse.state.SkuStates.demandOn(state, (int) LocalDate.parse("2011-03-11").toEpochDay()))
                .isZero();
        // The supplier's delivery for it goes to the customer, not into stock.
        f.shipment("W", special.getTriggerId(), ShipmentStatus.ORDERED, 1000, day(11, "13:00"));
        f.shipment("W", special.getTriggerId(), ShipmentStatus.RECEIVED, 1000, day(12, "13:00"));
        assertThat(f.state("W").getNetStock()).isEqualTo(before);
        assertThat(f.state("W").getSpecialOrders()).isEmpty();
        assertThat(big.getQuantity()).isEqualTo(1000);
    }

    @Test
    void writeOffsAndCountsNeverCreateOrEraseCustomerBackorders() {
        f.stockChange("V", StockChangeKind.COUNT, 5, day(1, "08:00"));
        f.stockChange("V", StockChangeKind.DAMAGE, 8, day(1, "09:00"));     // only 5 were there
        assertThat(f.state("V").getNetStock()).isZero();
        f.sale("V", 3, day(1, "10:00"));                                     // 3 customers wait
        f.stockChange("V", StockChangeKind.COUNT, 10, day(1, "11:00"));     // 10 on the shelf, 3 still owed
        assertThat(f.state("V").getNetStock()).isEqualTo(7);
        f.stockChange("V", StockChangeKind.COUNT, 4, day(1, "12:00"));
        assertThat(f.state("V").getNetStock()).isEqualTo(4);                // nobody waits any more: just 4
    }

    @Test
    void duplicateEventIdsChangeNothing() {
        f.stockChange("D", StockChangeKind.COUNT, 50, day(1, "08:00"));
        var sale = f.sale("D", 5, day(1, "09:00"));
        f.sales.pipeInput("D", sale, sale.getOccurredAt()); // redelivered by the producer
        f.sales.pipeInput("D", sale, sale.getOccurredAt());
        assertThat(f.state("D").getNetStock()).isEqualTo(45);
        assertThat(f.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(2);
        assertThat(f.deadLetters.isEmpty()).isTrue();
    }

    /**
     * The de-duplication index buckets event ids by 14 days (two 7-day retentions) from the epoch,
     * the 2011 bucket boundary being 3 March 00:00 UTC: an id seen on 2 March is found again six days
     * later across the boundary, and is forgotten once more than the retention lies between the two.
     */
    @Test
    void duplicateEventIdsAreFoundAcrossDedupBucketsWithinTheRetention() {
        f.stockChange("D", StockChangeKind.COUNT, 50, "2011-03-02T08:00:00Z");
        var sale = f.sale("D", 5, "2011-03-02T12:00:00Z");
        var resent = SaleEvent.newBuilder(sale).setOccurredAt(Instant.parse("2011-03-08T11:00:00Z")).build();
        f.sales.pipeInput("D", resent, resent.getOccurredAt());
        assertThat(f.state("D").getNetStock()).isEqualTo(45);
        assertThat(f.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);

        var reused = SaleEvent.newBuilder(sale).setOccurredAt(Instant.parse("2011-03-09T12:00:01Z")).build();
        f.sales.pipeInput("D", reused, reused.getOccurredAt());
        assertThat(f.state("D").getNetStock()).isEqualTo(40);
        assertThat(f.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);
    }

    /**
     * A SKU busier than the ids its state keeps (RecentEventIds.CAPACITY within one retention): the
     * oldest ids move to the event-ids window store, and a re-sent early event is still recognised.
     */
    @Test
    void duplicatesOfABusySkuAreFoundInTheWindowStoreOnceItsStateIsFull() {
        f.stockChange("D", StockChangeKind.COUNT, 1_000, day(1, "08:00"));
        var first = f.sale("D", 1, day(1, "08:30"));
        for (int i = 0; i < io.stockpulse.state.RecentEventIds.CAPACITY + 5; i++) {
            f.sale("D", 1, day(1, String.format("%02d:%02d", 9 + i / 60, i % 60)));
        }
        assertThat(f.state("D").getEventIdsSpilledUntil()).isNotNull();
        f.sales.pipeInput("D", first, first.getOccurredAt());
        assertThat(f.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);
        assertThat(f.state("D").getNetStock()).isEqualTo(1_000 - 1 - (io.stockpulse.state.RecentEventIds.CAPACITY + 5));
    }

    @Test
    void lateEventsWithinGraceLandInTheirDay() {
        f.sale("L", 10, day(1, "23:30"));
        f.sale("M", 1, day(2, "00:20"));  // stream time is now 2 March, within the 1 h grace
        f.sale("L", 5, day(1, "23:50"));  // late, but 1 March is still open
        f.sale("M", 1, day(2, "01:30"));  // grace over: 1 March closes
        ForecastUpdate forecast = f.forecasts.readValuesToList().stream()
                .filter(u -> u.getSku().equals("L")).findFirst().orElseThrow();
        assertThat(forecast.getFirstDay()).isEqualTo(LocalDate.parse("2011-03-02"));
        assertThat(forecast.getMean().get(0)).isCloseTo(15.0 / 7, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(f.counters.total(PipelineCounters.LATE_EVENTS)).isZero();

        f.sale("L", 3, day(1, "22:00")); // after the close: counted late, still recorded in its day
        assertThat(f.counters.get(PipelineCounters.LATE_EVENTS, "after_day_close")).isEqualTo(1);
        SkuState state = f.state("L");
        int march1 = (int) LocalDate.parse("2011-03-01").toEpochDay();
        assertThat(io.stockpulse.state.SkuStates.demandOn(state, march1)).isEqualTo(18);
    }

    @Test
    void serviceKpisAccountFillRateStockoutDaysAndStockHeld() {
        f.stockChange("Q", StockChangeKind.COUNT, 10, day(1, "08:00"));
        f.sale("Q", 4, day(1, "10:00"));                           // filled from stock; 6 left
        f.sale("Q", 10, day(2, "10:00"));                          // 6 filled, 4 backordered
        f.stockChange("Q", StockChangeKind.COUNT, 20, day(4, "10:00")); // days 2 and 3 ended empty; 4 still owed
        SkuState state = f.state("Q");
        assertThat(state.getUnitsDemanded()).isEqualTo(14);
        assertThat(state.getUnitsFilled()).isEqualTo(10);
        assertThat(state.getStockoutDays()).isEqualTo(2);
        assertThat(state.getOnHandUnitDays()).isEqualTo(6.0);    // day 1 ended with 6
        int march6 = (int) LocalDate.parse("2011-03-06").toEpochDay();
        assertThat(io.stockpulse.state.StockKpis.accountedDays(state, march6)).isEqualTo(5);
        assertThat(io.stockpulse.state.StockKpis.stockoutDaysUpTo(state, march6)).isEqualTo(2);
        assertThat(io.stockpulse.state.StockKpis.onHandUnitDaysUpTo(state, march6)).isEqualTo(6.0 + 16 * 2);
    }

    @Test
    void stateIsWrittenToTheChangelog() {
        f.stockChange("C", StockChangeKind.COUNT, 40, day(1, "08:00"));
        f.sale("C", 15, day(1, "09:00"));
        TestOutputTopic<String, SkuState> changelog = f.driver.createOutputTopic("stockpulse-test-sku-state-changelog",
                new StringDeserializer(), io.stockpulse.state.SkuStateLayouts.serde().deserializer());
        List<TestRecord<String, SkuState>> records = changelog.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsOnly(StoreKeys.skuLocation("C", "WH1"));
        assertThat(records.get(records.size() - 1).value().getNetStock()).isEqualTo(25);
    }
}
