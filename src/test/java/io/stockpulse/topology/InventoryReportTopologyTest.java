package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily report: partials of the task combined per location and overall, kept for the API. */
class InventoryReportTopologyTest {

    private final TopologyFixture f = new TopologyFixture();
    private final TestOutputTopic<String, InventoryReport> reports = f.driver.createOutputTopic(
            f.topics.reports().name(), f.topics.reports().keySerde().deserializer(),
            f.topics.reports().valueSerde().deserializer());

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
        assertThat(last.getSkus()).isEqualTo(2);
        // Stock at the close, before the 3 March sale that moved stream time: A 100 − 20, unit cost 1; B 0.
        assertThat(last.getStockValue()).isEqualTo(80.0);
        assertThat(last.getStockoutSkus()).isEqualTo(1);
        assertThat(last.getOpenTriggers()).isEqualTo(1);
        assertThat(last.getSummary()).startsWith("On 2011-03-02, all locations held 2 SKUs worth 80.00.")
                .contains("1 is out of stock").contains("(1 partition group has reported.)");

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
}
