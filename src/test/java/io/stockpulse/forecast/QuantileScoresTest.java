package io.stockpulse.forecast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuantileScoresTest {

    @Test
    void pinballLossOfAWorkedExample() {
        // Under-forecast by 3 at 0.9 costs 0.9·3; over-forecast by 3 costs 0.1·3.
        assertThat(QuantileScores.pinball(10, 7, 0.9)).isCloseTo(2.7, within(1e-12));
        assertThat(QuantileScores.pinball(4, 7, 0.9)).isCloseTo(0.3, within(1e-12));
        assertThat(QuantileScores.pinball(5, 5, 0.5)).isZero();
    }

    @Test
    void dailyCoverageAndPinballPerLevelWithMissingLevelsLeftNull() {
        QuantileScores scores = new QuantileScores(EmpiricalDemand.LEVELS, EmpiricalDemand.HORIZONS);
        // actual 0 and 4 against p50 = 1, p90 = 3 (a model with two levels and no cumulative quantiles):
        // p50 covers 0 only (½), pinball (0.5·1 + 0.5·3) / 2 = 1.0; p90 covers 0 only (½), (0.1·3 + 0.9·1) / 2 = 0.6.
        scores.add(new int[] {0, 4}, ForecastQuantiles.dailyOnly(new float[] {1, 1}, new float[] {3, 3}));
        assertThat(scores.dailyCoverage(0.5)).isEqualTo(0.5);
        assertThat(scores.dailyPinball(0.5)).isCloseTo(1.0, within(1e-12));
        assertThat(scores.dailyCoverage(0.9)).isEqualTo(0.5);
        assertThat(scores.dailyPinball(0.9)).isCloseTo(0.6, within(1e-12));
        assertThat(scores.dailyCoverage(0.8)).isNull();
        assertThat(scores.dailyPinball(0.99)).isNull();
        assertThat(scores.leadTimeCoverage(7, 0.9)).isNull();
        assertThat(scores.leadTimePinballMean(7)).isNull();
    }

    @Test
    void leadTimeScoresTheSumOverTheFirstDays() {
        QuantileScores scores = new QuantileScores(EmpiricalDemand.LEVELS, EmpiricalDemand.HORIZONS);
        // 7 days of 1 unit = 7 against 7-day quantiles 5, 6, 7, 8, 9 at 0.5 … 0.99:
        // pinball 0.5·2 + 0.8·1 + 0 + 0.05·1 + 0.01·2 = 1.87 → mean 0.374; p90 (7) and p95 (8) both cover.
        float[][] daily = new float[5][7];
        float[][] cumulative = {{5}, {6}, {7}, {8}, {9}};
        scores.add(new int[] {1, 1, 1, 1, 1, 1, 1},
                new ForecastQuantiles(EmpiricalDemand.LEVELS, daily, new int[] {7}, cumulative));
        assertThat(scores.leadTimeCoverage(7, 0.9)).isEqualTo(1.0);
        assertThat(scores.leadTimeCoverage(7, 0.95)).isEqualTo(1.0);
        assertThat(scores.leadTimePinballMean(7)).isCloseTo(0.374, within(1e-9));
        assertThat(scores.leadTimeCoverage(14, 0.9)).as("the actuals are 7 days long").isNull();
        // a second pair whose 7-day demand (14) exceeds every quantile: p90 coverage halves
        scores.add(new int[] {2, 2, 2, 2, 2, 2, 2},
                new ForecastQuantiles(EmpiricalDemand.LEVELS, daily, new int[] {7}, cumulative));
        assertThat(scores.leadTimeCoverage(7, 0.9)).isEqualTo(0.5);
    }
}
