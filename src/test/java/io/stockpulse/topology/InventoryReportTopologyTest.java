package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.ServiceWindow;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.policy.RiskItem;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The daily report: partials of the task combined per location and overall, kept for the API. */
class InventoryReportTopologyTest {

    private final TopologyFixture f = new TopologyFixture();
    private final TestOutputTopic<String, InventoryReport> reports = f.output(f.topics.reports());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void dayCloseReportsStockValueStockoutsAndTriggersPerLocationAndOverall() {
        f.stockChange("A", StockChangeKind.COUNT, 100, "2011-03-01T08:00:00Z");
        f.stockChange("B", StockChangeKind.COUNT, 5, "2011-03-01T08:00:00Z");
        f.sale("B", 5, "2011-03-01T09:00:00Z");           // B sold out: out of stock, trigger open
        f.sale("A", 10, "2011-03-01T10:00:00Z");
        f.sale("A", 10, "2011-03-02T10:00:00Z");
        f.sale("A", 1, "2011-03-03T10:00:00Z");           // closes 2 March (grace 1 h)

        List<InventoryReport> published = reports.readValuesToList();
        assertThat(published).isNotEmpty();
        InventoryReport last = published.get(published.size() - 1);
        assertThat(last.getLocationId()).isEqualTo(InventoryReports.ALL);
        assertThat(last.getDay()).isEqualTo(LocalDate.of(2011, 3, 2));
        assertThat(last.getPartitionsReported()).isEqualTo(1);
        assertThat(last.getPartitionsExpected()).isEqualTo(1);   // one input partition in the fixture
        assertThat(last.getComplete()).isTrue();
        assertThat(last.getSkus()).isEqualTo(2);
        // Stock at the close, before the 3 March sale that moved stream time: A 100 − 20, unit cost 1; B 0.
        assertThat(last.getStockValue()).isEqualTo(80.0);
        assertThat(last.getStockoutSkus()).isEqualTo(1);
        assertThat(last.getOpenTriggers()).isEqualTo(1);
        assertThat(last.getSummary()).startsWith("On 2011-03-02, all locations held 2 SKUs worth 80.00")
                .contains("1 SKU is out of stock").endsWith("(Final: every partition group has closed the day.)");
        // B: out of stock with demand expected: the largest (only) risk.
        assertThat(last.getTopRisks()).hasSize(1);
        assertThat(last.getTopRisks().get(0).getSku()).isEqualTo("B");
        assertThat(last.getTopRisks().get(0).getKind()).isEqualTo(RiskItem.STOCKOUT);

        KeyValueStore<String, InventoryReport> store = f.driver.getKeyValueStore(StoreNames.INVENTORY_REPORTS);
        assertThat(InventoryReports.latest(store, null)).contains(last);
        assertThat(InventoryReports.latest(store, "WH1")).hasValueSatisfying(r -> {
            assertThat(r.getLocationId()).isEqualTo("WH1");
            assertThat(r.getSkus()).isEqualTo(2);
        });
        assertThat(InventoryReports.latest(store, "NOWHERE")).isEmpty();
        assertThat(f.driver.producedTopicNames())
                .contains("stockpulse-test-" + StoreNames.INVENTORY_REPORTS + "-changelog");
    }

    @Test
    void windowsOf7And28DaysAreDifferencesOfTheCumulativeCounters() {
        f.stockChange("A", StockChangeKind.COUNT, 200, "2011-03-01T08:00:00Z");
        f.stockChange("B", StockChangeKind.COUNT, 3, "2011-03-01T08:00:00Z");
        f.sale("B", 5, "2011-03-01T09:00:00Z");           // 3 filled, 2 backordered: B out of stock days 1–8
        for (int day = 1; day <= 12; day++) {
            if (day == 9) {
                f.stockChange("B", StockChangeKind.COUNT, 50, "2011-03-09T08:00:00Z");
            }
            f.sale("A", 10, String.format("2011-03-%02dT10:00:00Z", day));
            if (day == 10) {
                f.sale("B", 1, "2011-03-10T11:00:00Z");
            }
        }
        f.sale("A", 1, "2011-03-13T10:00:00Z");           // closes 12 March

        List<InventoryReport> published = reports.readValuesToList();
        InventoryReport last = published.get(published.size() - 1);
        assertThat(last.getDay()).isEqualTo(LocalDate.of(2011, 3, 12));
        // Cumulative: A 120 asked, 120 filled; B 6 asked, 4 filled. Each SKU accounted days 1–12.
        assertThat(last.getUnitsDemanded()).isEqualTo(126);
        assertThat(last.getUnitsFilled()).isEqualTo(124);
        assertThat(last.getStockoutSkuDays()).isEqualTo(8);
        assertThat(last.getAccountedSkuDays()).isEqualTo(24);
        // Last 7 days = since the close of 5 March: A 70/70 and B 1/1; B out of stock on 6, 7 and 8 March.
        ServiceWindow week = last.getLast7Days();
        assertThat(week.getUnitsDemanded()).isEqualTo(71);
        assertThat(week.getFillRate()).isEqualTo(1.0);
        assertThat(week.getStockoutSkuDays()).isEqualTo(3);
        assertThat(week.getAccountedSkuDays()).isEqualTo(14);
        // 28 days reach back before the first close: everything since the KPIs started.
        ServiceWindow month = last.getLast28Days();
        assertThat(month.getFillRate()).isCloseTo(124.0 / 126, within(1e-12));
        assertThat(month.getStockoutSkuDays()).isEqualTo(8);
        // Turns: cost of goods sold 124 (unit cost 1) × 365 / value-days on hand; A held 200 − 10k at the
        // end of day k (Σ = 1,620), B nothing until 9 March, then 48, 47, 47, 47 (Σ = 189): the count of
        // 50 on 9 March still owes the 2 units backordered on 1 March.
        assertThat(month.getInventoryTurns()).isCloseTo(124.0 * 365 / (1_620 + 189), within(1e-9));
        assertThat(month.getAverageInventoryValue()).isCloseTo((1_620 + 189) / 28.0, within(1e-9));
        assertThat(last.getSummary()).contains("Fill rate was 100.0 % over the last 7 days, up from 98.4 % over 28 days");
        // Forecasts were scored at the closes (moving average in this fixture), per ABC class.
        assertThat(last.getForecastErrorByClass()).isNotEmpty();
        last.getForecastErrorByClass().values().forEach(e -> {
            assertThat(e.getScoredDays()).isPositive();
            assertThat(e.getMae()).isCloseTo(e.getSumAbsError() / e.getScoredDays(), within(1e-9));
        });
        // The store keeps only the windowed partials of the last closes (late ones still combine).
        KeyValueStore<String, InventoryReport> partials = f.driver.getKeyValueStore(StoreNames.REPORT_PARTIALS);
        try (var all = partials.all()) {
            java.util.Set<LocalDate> days = new java.util.TreeSet<>();
            all.forEachRemaining(kv -> days.add(kv.value.getDay()));
            assertThat(days).containsExactly(LocalDate.of(2011, 3, 9), LocalDate.of(2011, 3, 10),
                    LocalDate.of(2011, 3, 11), LocalDate.of(2011, 3, 12));
        }
    }

    @Test
    void withAnotherInputPartitionStillToCloseTheDayTheReportIsNotFinal() {
        try (TopologyFixture two = TopologyFixture.withInputPartitions(2)) {
            TestOutputTopic<String, InventoryReport> out = two.output(two.topics.reports());
            two.stockChange("A", StockChangeKind.COUNT, 100, "2011-03-01T08:00:00Z");
            two.sale("A", 10, "2011-03-02T10:00:00Z");
            List<InventoryReport> published = out.readValuesToList();
            assertThat(published).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getComplete()).isFalse();
                assertThat(r.getPartitionsExpected()).isEqualTo(2);
            });
            assertThat(published.get(published.size() - 1).getSummary())
                    .endsWith("(1 of 2 partition groups have reported: figures still filling up.)");
            // the API still answers, with the newest report (no day is complete yet)
            KeyValueStore<String, InventoryReport> store = two.driver.getKeyValueStore(StoreNames.INVENTORY_REPORTS);
            assertThat(InventoryReports.latest(store, null)).hasValueSatisfying(r -> assertThat(r.getComplete()).isFalse());
        }
    }

    @Test
    void aSeriesKeeps28DaysOfPartialsAndOneBaselineSoLongRunsStillWindowRight() {
        f.stockChange("A", StockChangeKind.COUNT, 10_000, "2011-01-01T08:00:00Z");
        LocalDate first = LocalDate.of(2011, 1, 1);
        for (int day = 0; day <= 45; day++) {
            f.sale("A", 10, first.plusDays(day) + "T10:00:00Z");    // each sale closes the day before
        }
        InventoryReport last = reports.readValuesToList().stream().filter(r -> r.getLocationId().equals("ALL"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.getDay()).isEqualTo(first.plusDays(44));
        assertThat(last.getUnitsDemanded()).isEqualTo(450);          // days 0–44
        assertThat(last.getLast7Days().getUnitsDemanded()).isEqualTo(70);
        assertThat(last.getLast28Days().getUnitsDemanded()).isEqualTo(280);

        KeyValueStore<String, InventoryReport> history = f.driver.getKeyValueStore(StoreNames.REPORT_HISTORY);
        java.util.List<LocalDate> kept = new java.util.ArrayList<>();
        try (var all = history.all()) {
            all.forEachRemaining(kv -> kept.add(kv.value.getDay()));
        }
        // Days 44 − 28 … 44 and the newest older one (44 − 29), the baseline of the next close's 28-day window.
        assertThat(kept).hasSize(30).startsWith(first.plusDays(44 - 29)).endsWith(first.plusDays(44));
    }
}
