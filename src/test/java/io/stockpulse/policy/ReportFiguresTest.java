package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFiguresTest {

    @Test
    void partialsAddUpAndTheSummaryStatesTheFigures() {
        ReportFigures a = new ReportFigures(3, 120.5, 1, 1, 0, 100, 90, 2, 30, Map.of("1-7", 2L, "0", 1L), Map.of("A", 1L));
        ReportFigures b = new ReportFigures(2, 79.5, 0, 1, 1, 50, 45, 1, 20, Map.of("1-7", 1L, "90+", 1L), Map.of("C", 2L));
        ReportFigures all = ReportFigures.EMPTY.plus(a).plus(b);
        assertThat(all.skus()).isEqualTo(5);
        assertThat(all.stockValue()).isEqualTo(200.0);
        assertThat(all.coverDays()).containsEntry("1-7", 3L).containsEntry("0", 1L).containsEntry("90+", 1L);
        assertThat(all.fillRate()).isEqualTo(135.0 / 150);   // 0.9
        assertThat(all.stockoutShare()).isEqualTo(3.0 / 50);  // 6 %
        assertThat(all.summary("WH1", "2011-03-05", 2)).isEqualTo(
                "On 2011-03-05, WH1 held 5 SKUs worth 200.00. 1 is out of stock, 2 reorder triggers are open and "
                        + "1 is overstocked. Fill rate so far is 90.0 % with stockouts on 6.0 % of SKU-days. "
                        + "(2 partition groups have reported.)");
    }

    @Test
    void coverBuckets() {
        assertThat(ReportFigures.coverBucket(0.5, true)).isEqualTo("0");
        assertThat(ReportFigures.coverBucket(7, true)).isEqualTo("1-7");
        assertThat(ReportFigures.coverBucket(30, true)).isEqualTo("8-30");
        assertThat(ReportFigures.coverBucket(90, true)).isEqualTo("31-90");
        assertThat(ReportFigures.coverBucket(91, true)).isEqualTo("90+");
        assertThat(ReportFigures.coverBucket(5, false)).isEqualTo("no-demand");
    }
}
