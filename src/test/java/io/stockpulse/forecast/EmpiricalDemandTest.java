package io.stockpulse.forecast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmpiricalDemandTest {

    private static final double[] LEVELS = EmpiricalDemand.LEVELS;
    private static final int[] HORIZONS = EmpiricalDemand.HORIZONS;

    @Test
    void type7QuantilesOfAWorkedSample() {
        // Sorted 0, 0, 1, 3, 10; type 7 puts level q at position (n − 1)·q = 4q between order statistics:
        // 0.5 → 2 → 1; 0.8 → 3.2 → 3 + 0.2·7 = 4.4; 0.9 → 3.6 → 7.2; 0.95 → 3.8 → 8.6; 0.99 → 3.96 → 9.72
        // (numpy.quantile gives the same).
        double[] q = EmpiricalDemand.quantiles(new int[] {3, 0, 10, 1, 0}, LEVELS);
        assertThat(q).containsExactly(new double[] {1, 4.4, 7.2, 8.6, 9.72}, within(1e-9));
    }

    @Test
    void agreesWithCommonsMathType7() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] sample = random.doubles(1 + random.nextInt(60), 0, 30).map(Math::floor).toArray();
            org.apache.commons.math3.stat.descriptive.rank.Percentile reference =
                    new org.apache.commons.math3.stat.descriptive.rank.Percentile()
                            .withEstimationType(org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType.R_7);
            double[] q = EmpiricalDemand.quantiles(sample, LEVELS);
            for (int l = 0; l < LEVELS.length; l++) {
                assertThat(q[l]).isCloseTo(reference.evaluate(sample, LEVELS[l] * 100), within(1e-9));
            }
        }
    }

    @Test
    void bootstrapOfAConstantSeriesIsExact() {
        // Every resampled day is 2 units, so every path sums to 2·h.
        float[][] q = EmpiricalDemand.bootstrapCumulative(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, LEVELS, HORIZONS,
                200, 7, 1);
        for (float[] level : q) {
            assertThat(level).containsExactly(14f, 28f, 56f);
        }
    }

    @Test
    void aOneWeekBlockKeepsTheWeeksTotal() {
        // One week of history and 7-day blocks: the only block is the week itself, so any 7 days sum to 7
        // (resampling single days would give 0 most of the time and 49 sometimes).
        float[][] q = EmpiricalDemand.bootstrapCumulative(new int[] {0, 0, 7, 0, 0, 0, 0}, LEVELS, HORIZONS, 200, 7, 5);
        for (float[] level : q) {
            assertThat(level).containsExactly(7f, 14f, 28f);
        }
    }

    @Test
    void bootstrapOfIndependentDaysMatchesTheBinomial() {
        // Days of 0 or 10 units, half each, resampled one day at a time: the 28-day sum is 10·Binomial(28, ½),
        // mean 140, σ = 10·√7 ≈ 26.5, so p50 ≈ 140 and p90 ≈ 140 + 1.2816·26.5 ≈ 174.
        int[] days = new int[100];
        for (int i = 0; i < days.length; i += 2) {
            days[i] = 10;
        }
        float[][] q = EmpiricalDemand.bootstrapCumulative(days, LEVELS, HORIZONS, 2000, 1, 42);
        assertThat(q[0][2]).isBetween(130f, 150f);
        assertThat(q[2][2]).isBetween(160f, 190f);
        assertThat(q[0][0]).isBetween(30f, 40f); // 7 days: 10·Binomial(7, ½) has median 30 or 40
    }

    @Test
    void bootstrapIsDeterministicAndMonotone() {
        int[] days = {0, 3, 0, 0, 12, 1, 0, 0, 0, 5, 0, 2, 0, 0, 0, 40, 0, 1};
        long seed = EmpiricalDemand.seed("85123A", 15000);
        float[][] first = EmpiricalDemand.bootstrapCumulative(days, LEVELS, HORIZONS, 400, 7, seed);
        float[][] again = EmpiricalDemand.bootstrapCumulative(days, LEVELS, HORIZONS, 400, 7, seed);
        assertThat(again).isDeepEqualTo(first);
        for (int l = 0; l < LEVELS.length; l++) {
            for (int h = 0; h < HORIZONS.length; h++) {
                if (l > 0) {
                    assertThat(first[l][h]).isGreaterThanOrEqualTo(first[l - 1][h]);
                }
                if (h > 0) {
                    assertThat(first[l][h]).isGreaterThanOrEqualTo(first[l][h - 1]);
                }
            }
        }
    }

    @Test
    void movingAverageWithEmpiricalQuantiles() {
        // Active for 10 days: the average and quantiles run over those 10 days (window 28 caps nothing):
        // mean 20 / 10 = 2; sorted 0×6, 2, 4, 6, 8 → p50 at 4.5 → 0, p90 at 8.1 → 6 + 0.1·2 = 6.2.
        int[] daily = new int[40];
        int[] active = {4, 0, 0, 6, 0, 2, 0, 0, 8, 0};
        System.arraycopy(active, 0, daily, 30, 10);
        Forecast f = new EmpiricalQuantileForecaster(28, 91).forecast(
                java.util.List.of(new DemandHistory("sku", 100, daily)), 28).get(0);
        assertThat(f.mean()[0]).isEqualTo(2f);
        assertThat(f.p50()[27]).isEqualTo(0f);
        assertThat(f.p90()[0]).isCloseTo(6.2f, within(1e-5f));
        assertThat(f.quantiles().hasCumulative()).isTrue();
        assertThat(f.quantiles().cumulative(0.5, 28)).isBetween(40.0, 72.0); // bootstrap of 10 days averaging 2/day
    }
}
