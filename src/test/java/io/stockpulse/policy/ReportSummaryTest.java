package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSummaryTest {

    @Test
    void theParagraphStatesHoldingsServiceTheLargestRiskAndForecastErrorByClass() {
        ReportFigures figures = new ReportFigures(5, 200, 1, 2, 1, 150, 135, 3, 50, 270, 5_600, 75.5,
                Map.of(), Map.of(), List.of(new RiskItem("85123A", "UK", RiskItem.STOCKOUT, 125, "out of stock; ...")),
                Map.of("A", new ErrorSums(10, 20, -5, 100), "C", new ErrorSums(4, 6, 6, 0)));
        ServiceWindow week = new ServiceWindow(7, 40, 34, 2, 35, 68, 1_400);
        ServiceWindow month = new ServiceWindow(28, 150, 135, 3, 50, 270, 5_600);
        assertThat(ReportSummary.write("all locations", "2011-03-05", figures, week, month, 2, 2, true)).isEqualTo(
                "On 2011-03-05, all locations held 5 SKUs worth 200.00, turning 17.6 times a year at the last 28 days' pace. "
                        + "1 SKU is out of stock, 2 reorder triggers are open and 1 is overstocked; "
                        + "excess stock worth 75.50 is at risk. "
                        + "Fill rate was 85.0 % over the last 7 days, down from 90.0 % over 28 days, below the 95.0 % target; "
                        + "2 SKU-days (5.7 %) ended out of stock in the last 7 days. "
                        + "Largest risk: 85123A at UK (stockout, 125.00 at stake): out of stock; .... "
                        + "Forecast error (WAPE) over the last 28 closes: A items 20.0 %. "
                        + "(Final: every partition group has closed the day.)");
    }

    @Test
    void oneSkuIsOneSku() {
        ReportFigures one = ReportFigures.EMPTY.plus(new ReportFigures(1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of(), Map.of(), List.of(), Map.of()));
        assertThat(ReportSummary.write("WH1", "2011-03-05", one, ServiceWindow.empty(7), ServiceWindow.empty(28), 1, 1, true))
                .startsWith("On 2011-03-05, WH1 held 1 SKU worth 5.00.");
    }

    @Test
    void aQuietDayWithoutRisksOrScoresSaysSo() {
        String text = ReportSummary.write("WH1", "2011-03-05", ReportFigures.EMPTY, ServiceWindow.empty(7),
                ServiceWindow.empty(28), 1, 0, false);
        assertThat(text).isEqualTo("On 2011-03-05, WH1 held 0 SKUs worth 0.00. 0 SKUs are out of stock, "
                + "0 reorder triggers are open and 0 are overstocked. Fill rate was 100.0 % over the last 7 days, "
                + "as over 28 days; 0 SKU-days (0.0 %) ended out of stock in the last 7 days. "
                + "(1 partition group has reported.)");
        assertThat(ReportSummary.write("WH1", "2011-03-05", ReportFigures.EMPTY, ServiceWindow.empty(7),
                ServiceWindow.empty(28), 2, 6, false)).endsWith("(2 of 6 partition groups have reported: figures still filling up.)");
    }
}
