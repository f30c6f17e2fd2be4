package io.stockpulse.forecast;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestTest {

    @Test
    void naiveScaleStartsAtTheFirstSale() {
        // From the first sale: 1, 3, 2 → squared steps 4 and 1 → 5 / (3 − 1) = 2.5.
        assertThat(BacktestMetrics.naiveScale(new int[] {0, 0, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BacktestMetrics.naiveScale(new int[] {0, 0, 4})).isZero();
    }

    @Test
    void metricsOfAHandComputedForecast() {
        BacktestMetrics m = new BacktestMetrics();
        // actual 2, 4; point 3, 3 → errors +1, −1; scale 4 → RMSSE = √(1 / 4) = 0.5.
        m.add(new int[] {2, 4}, new float[] {3, 3}, null, new float[] {5, 3}, 4);
        assertThat(m.rmsse()).isCloseTo(0.5, within(1e-12));
        assertThat(m.wape()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(m.bias()).isCloseTo(0, within(1e-12));
        assertThat(m.coverageP90()).isEqualTo(0.5);          // 2 ≤ 5 covered, 4 > 3 not
        // pinball@0.5 of 3 vs 2 and 4: 0.5 each → mean 0.5; @0.9: (5 vs 2) 0.1·3 = 0.3, (3 vs 4) 0.9 → mean 0.6.
        assertThat(m.pinball()).isCloseTo((0.5 + 0.6) / 2, within(1e-12));
    }

    @Test
    void rollingOriginsScoreOnlyActiveVaryingSeries() {
        int days = 100;
        int[] weekly = new int[days];
        int[] dead = new int[days];
        for (int i = 0; i < days; i++) {
            weekly[i] = i % 7 == 0 ? 14 : 0;
        }
        dead[3] = 5; // sold once, long before the origins
        Map<String, int[]> daily = new LinkedHashMap<>();
        daily.put("weekly", weekly);
        daily.put("dead", dead);
        Map<String, Forecaster> forecasters = new LinkedHashMap<>();
        forecasters.put("seasonal_naive", new SeasonalNaiveForecaster(7));
        forecasters.put("moving_average", new MovingAverageForecaster(28));
        Backtest.Result result = new Backtest(14, 7, 56, 730, 64).run(new Backtest.Series(1000, daily), 1070, forecasters);
        assertThat(result.origins()).isEqualTo(3);               // 1070, 1077, 1084 (1091 + 13 > 1099)
        assertThat(result.scoredSeries()).isEqualTo(3);          // only "weekly", at each origin
        assertThat(result.metrics().get("seasonal_naive").rmsse()).isZero();   // a perfectly weekly series
        assertThat(result.metrics().get("moving_average").rmsse()).isGreaterThan(0);
    }
}
