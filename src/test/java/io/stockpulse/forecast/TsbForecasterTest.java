package io.stockpulse.forecast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TsbForecasterTest {

    @Test
    void dailyQuantilesOfTheCompoundBernoulli() {
        // Demand on 20 % of days, sizes 5 or 10: P(0) = 0.8, so p50 and p80 are 0; above that the size
        // quantile at (q − 0.8) / 0.2: p90 → 0.5 → 7.5, p95 → 0.75 → 8.75, p99 → 0.95 → 9.75.
        double[] q = TsbForecaster.dailyQuantiles(0.2, new double[] {5, 10}, EmpiricalDemand.LEVELS);
        assertThat(q).containsExactly(new double[] {0, 0, 7.5, 8.75, 9.75}, within(1e-9));
    }

    @Test
    void sizesAreRescaledToTheSmoothedSize() {
        // Non-zero days 4 and 8 (mean 6) rescaled to TSB's smoothed size 9: 6 and 12.
        assertThat(TsbForecaster.scaledSizes(new int[] {0, 4, 0, 8}, 9)).containsExactly(6, 12);
    }

    @Test
    void certainDemandOfOneSizeSumsExactly() {
        float[][] q = TsbForecaster.simulateCumulative(1.0, new double[] {3}, EmpiricalDemand.LEVELS,
                EmpiricalDemand.HORIZONS, 7);
        for (float[] level : q) {
            assertThat(level).containsExactly(21f, 42f, 84f);
        }
    }

    @Test
    void cumulativeQuantilesFollowTheBinomialCount() {
        // p = 0.5, size 1: the 28-day sum is Binomial(28, ½): median 14, p90 ≈ 14 + 1.2816·√7 ≈ 17.4.
        float[][] q = TsbForecaster.simulateCumulative(0.5, new double[] {1}, EmpiricalDemand.LEVELS,
                EmpiricalDemand.HORIZONS, 11);
        assertThat(q[0][2]).isBetween(13f, 15f);
        assertThat(q[2][2]).isBetween(16f, 19f);
    }

    @Test
    void steadyDailyDemandIsForecastExactly() {
        int[] daily = new int[120];
        java.util.Arrays.fill(daily, 2);
        Forecast f = Forecasters.tsb().forecast(List.of(new DemandHistory("steady", 500, daily)), 28).get(0);
        assertThat(f.mean()[0]).isCloseTo(2f, within(1e-6f));
        assertThat(f.quantiles().daily(0.99)[0]).isCloseTo(2f, within(1e-6f));
        assertThat(f.quantiles().cumulative(0.95, 28)).isCloseTo(56, within(1e-4));
    }

    @Test
    void anItemThatStoppedSellingHasNoUpperDemand() {
        // Five sales, then 62 days without: TSB's probability decays to ≈ 0.0005, so even p99 is 0
        // while the mean stays above zero.
        int[] daily = new int[91];
        for (int i = 20; i < 30; i += 2) {
            daily[i] = 6;
        }
        Forecast f = Forecasters.tsb().forecast(List.of(new DemandHistory("stopped", 500, daily)), 28).get(0);
        assertThat(f.mean()[0]).isPositive();
        assertThat(f.quantiles().daily(0.99)[0]).isZero();
    }
}
