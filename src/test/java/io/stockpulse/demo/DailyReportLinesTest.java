package io.stockpulse.demo;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.policy.ErrorSums;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.policy.RiskItem;
import io.stockpulse.policy.ServiceWindow;
import io.stockpulse.state.InventoryReports;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DailyReportLinesTest {

    private static final String SUMMARY = "On 2011-03-02, all locations held 2 SKUs worth 80.00. "
            + "Fill rate was 93.4 % over the last 7 days, down from 98.1 % over 28 days; "
            + "a deliberately long paragraph that has to wrap onto a second line of the report. (2 partition groups have reported.)";

    private static InventoryReport report() {
        ReportFigures figures = new ReportFigures(2, 80, 1, 1, 0, 316, 310, 3, 60, 310, 1_000, 1_234.5,
                Map.of(), Map.of(),
                List.of(new RiskItem("B", "WH1", RiskItem.STOCKOUT, 12_345.678, "out of stock; 10.0 units/day expected"),
                        new RiskItem("LONGER-SKU", "WH22", RiskItem.EXCESS, 7.5, "90 days of cover (max 60)")),
                Map.of("A", new ErrorSums(10, 5, -2, 20), "unclassified", new ErrorSums(4, 1, 1, 0)));
        // 7 days: 85 of 91 units, 2 of 14 SKU-days out; 28 days: 310 of 316, COGS 310 over 1,000 value-days
        ServiceWindow week = new ServiceWindow(7, 91, 85, 2, 14, 85, 250);
        ServiceWindow month = new ServiceWindow(28, 316, 310, 3, 56, 310, 1_000);
        InventoryReport report = InventoryReports.toAvro(figures, week, month, LocalDate.of(2011, 3, 2),
                InventoryReports.ALL, "", 2, SUMMARY);
        report.setComplete(true);
        return report;
    }

    @Test
    void printsTheWindowsTurnsExcessValueRisksAndForecastErrorsUnderAlignedLabels() {
        String out = DailyReportLines.render(report());
        List<String> lines = out.lines().toList();

        assertThat(lines.get(0)).isEqualTo("daily report              2011-03-02, all locations, 2 partition groups reported (final)");
        assertThat(out)
                .contains("report fill rate          7 d 93.41 % (85 of 91 units), 28 d 98.10 % (310 of 316 units)\n")
                .contains("report stockout SKU-days  7 d 2 of 14 (14.29 %), 28 d 3 of 56 (5.36 %)\n")
                // 310 x 365 / 1,000 value-days; average value 1,000 / 28
                .contains("report inventory turns    113.15 per year over 28 d (cost of goods sold 310.00, average stock value 35.71)\n")
                .contains("excess value at risk      1,234.50 (stock value 80.00; 0 overstocked, 1 out of stock, 1 reorder triggers open)\n")
                .contains("forecast error class A                MAE 0.500  WAPE 0.250  bias -0.100  (10 SKU-days, last 28 closes)\n")
                // nothing sold in the class: WAPE and bias have no denominator
                .contains("forecast error class unclassified     MAE 0.250  WAPE n/a  bias n/a  (4 SKU-days, last 28 closes)\n");
        assertThat(out.indexOf("forecast error class A")).isLessThan(out.indexOf("forecast error class unclassified"));
    }

    @Test
    void topRisksAreOneLineEachWithTheColumnsLinedUp() {
        List<String> lines = DailyReportLines.render(report()).lines().toList();
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("top risks")).findFirst().orElseThrow());
        String largest = lines.get(first);
        String next = lines.get(first + 1);

        assertThat(largest).isEqualTo("top risks                 B@WH1            stockout  12,345.68  out of stock; 10.0 units/day expected");
        assertThat(next).isEqualTo("                          LONGER-SKU@WH22  excess         7.50  90 days of cover (max 60)");
    }

    @Test
    void summaryWrapsUnderItsLabelWithoutLosingWords() {
        List<String> lines = DailyReportLines.render(report()).lines().toList();
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("report summary")).findFirst().orElseThrow());
        List<String> summary = lines.subList(start, lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("report fill rate")).findFirst().orElseThrow()));

        assertThat(summary).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(DailyReportLines.WIDTH));
        assertThat(summary.subList(1, summary.size())).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(DailyReportLines.LABEL))
                .doesNotStartWith(" ".repeat(DailyReportLines.LABEL + 1)));
        assertThat(String.join(" ", summary.stream().map(l -> l.substring(DailyReportLines.LABEL)).toList())).isEqualTo(SUMMARY);
    }

    @Test
    void aReportWithoutRisksOrWindowsSaysSo() {
        InventoryReport partial = InventoryReports.toAvro(ReportFigures.EMPTY, null, null, LocalDate.of(2011, 3, 2), "WH1",
                "0_1", 1, "");
        String out = DailyReportLines.render(partial);

        assertThat(out).startsWith("daily report              2011-03-02, WH1, 1 partition group reported (still filling up)\n")
                .contains("report fill rate          n/a, n/a\n").contains("top risks                 none\n")
                .doesNotContain("report summary").doesNotContain("forecast error");
    }
}
