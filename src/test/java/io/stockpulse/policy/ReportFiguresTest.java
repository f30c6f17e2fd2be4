package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFiguresTest {

    private static ReportFigures figures(long skus, double value, long demanded, long filled, long stockoutDays,
                                         long accountedDays, List<RiskItem> risks, Map<String, ErrorSums> errors) {
        return new ReportFigures(skus, value, 1, 1, 0, demanded, filled, stockoutDays, accountedDays,
                filled * 2.0, value * accountedDays / Math.max(1, skus), 10, Map.of("1-7", skus), Map.of("A", skus),
                risks, errors);
    }

    @Test
    void partialsAddUpCountsSumsRisksAndErrors() {
        RiskItem big = new RiskItem("S1", "WH1", RiskItem.EXCESS, 500, "r");
        RiskItem small = new RiskItem("S2", "WH2", RiskItem.STOCKOUT, 20, "r");
        ReportFigures a = figures(3, 120.5, 100, 90, 2, 30, List.of(small), Map.of("A", new ErrorSums(2, 4, -2, 10)));
        ReportFigures b = figures(2, 79.5, 50, 45, 1, 20, List.of(big), Map.of("A", new ErrorSums(1, 1, 1, 5),
                "C", new ErrorSums(1, 3, 3, 0)));
        ReportFigures all = ReportFigures.EMPTY.plus(a).plus(b);
        assertThat(all.skus()).isEqualTo(5);
        assertThat(all.stockValue()).isEqualTo(200.0);
        assertThat(all.stockoutSkus()).isEqualTo(2);
        assertThat(all.excessValue()).isEqualTo(20.0);
        assertThat(all.coverDays()).containsEntry("1-7", 5L);
        assertThat(all.unitsDemanded()).isEqualTo(150);
        assertThat(all.unitsFilled()).isEqualTo(135);
        assertThat(all.stockoutSkuDays()).isEqualTo(3);
        assertThat(all.accountedSkuDays()).isEqualTo(50);
        assertThat(all.topRisks()).containsExactly(big, small);
        assertThat(all.classErrors()).containsEntry("A", new ErrorSums(3, 5, -1, 15))
                .containsEntry("C", new ErrorSums(1, 3, 3, 0));
    }

    @Test
    void theTopRisksKeepTheTenLargestLargestFirst() {
        List<RiskItem> many = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            many.add(new RiskItem("S" + i, "WH1", RiskItem.EXCESS, i * 10.0, "r"));
        }
        List<RiskItem> top = RiskItem.top(many.subList(0, 8), many.subList(8, 15));
        assertThat(top).hasSize(RiskItem.TOP);
        assertThat(top.get(0).value()).isEqualTo(150.0);
        assertThat(top.get(9).value()).isEqualTo(60.0);
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

    @Test
    void errorSumsGiveMaeWapeAndBias() {
        // Three days: actual 10, 0, 5 against forecasts 8, 1, 5 → errors −2, +1, 0.
        ErrorSums sums = ErrorSums.NONE.plus(10, 8).plus(0, 1).plus(5, 5);
        assertThat(sums.mae()).isCloseTo(1.0, within(1e-12));           // (2 + 1 + 0) / 3
        assertThat(sums.wape()).isCloseTo(3.0 / 15, within(1e-12));     // 20 %
        assertThat(sums.bias()).isCloseTo(-1.0 / 15, within(1e-12));    // under-forecast by 6.7 %
        assertThat(ErrorSums.NONE.plus(0, 2).wape()).isNaN();            // nothing sold: no WAPE
    }
}
