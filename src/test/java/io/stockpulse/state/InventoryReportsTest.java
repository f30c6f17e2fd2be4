package io.stockpulse.state;

import io.stockpulse.avro.InventoryReport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which report the API serves: the latest complete one, unless it has fallen too far behind. */
class InventoryReportsTest {

    private static InventoryReport report(String day, boolean complete) {
        return InventoryReport.newBuilder().setDay(LocalDate.parse(day)).setLocationId(InventoryReports.ALL)
                .setComplete(complete).setSummary("").build();
    }

    @Test
    void aCompleteDayIsPreferredOverANewerDayStillFillingUp() {
        InventoryReport complete = report("2011-03-01", true);
        InventoryReport newer = report("2011-03-02", false);
        assertThat(InventoryReports.choose(newer, complete)).isSameAs(complete);
        // up to 7 days behind the complete one still wins
        assertThat(InventoryReports.choose(report("2011-03-08", false), complete)).isSameAs(complete);
        // more than 7 days behind (a partition stopped sending): the newer, incomplete one wins
        InventoryReport farAhead = report("2011-03-09", false);
        assertThat(InventoryReports.choose(farAhead, complete)).isSameAs(farAhead);
    }

    @Test
    void withoutACompleteReportTheNewestIsServed() {
        InventoryReport newest = report("2011-03-02", false);
        assertThat(InventoryReports.choose(newest, null)).isSameAs(newest);
        assertThat(InventoryReports.choose(null, null)).isNull();
    }
}
