package io.stockpulse.topology;

import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.state.ForecastAccuracy;
import io.stockpulse.state.SkuStates;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores a series' closed days against the forecast that was in force for them: the state's smoothed
 * squared error (the safety stock's spread), the per-version accuracy store and the daily report's
 * error sums. Kept apart from the forecasting so the scoring rule has one place.
 */
final class AccuracyScorer {

    /** Weight of the newest day in the tracked squared error: about a 4-week memory. */
    private static final double ERROR_SMOOTHING = 2.0 / (28 + 1);
    /** Days of per-version accuracy kept; summaries use any window up to this. */
    static final int ACCURACY_KEEP_DAYS = 90;

    private final KeyValueStore<String, ForecastAccuracyDay> accuracyStore;
    private final DailyReporter reporter;
    private final ForecastAccuracy accuracy = new ForecastAccuracy();

    AccuracyScorer(KeyValueStore<String, ForecastAccuracyDay> accuracyStore, DailyReporter reporter) {
        this.accuracyStore = accuracyStore;
        this.reporter = reporter;
    }

    /** Scores the days since the last scoring against the forecast that was in force for them. */
    void score(SkuState state, int closedDay) {
        StoredForecast forecast = state.getForecast();
        if (forecast != null) {
            int from = Math.max(state.getLastScoredDay() + 1, forecast.getFirstDay());
            for (int day = from; day <= closedDay; day++) {
                int index = day - forecast.getFirstDay();
                if (index >= forecast.getMean().size()) {
                    break;
                }
                int actual = SkuStates.demandOn(state, day);
                float mean = forecast.getMean().get(index);
                double p90 = forecast.getP90() == null ? Double.NaN : forecast.getP90().get(index);
                accuracy.record(forecast.getModel() + "@" + forecast.getVersion(), day, actual, mean, p90);
                reporter.scored(state, actual, mean);
                double error = actual - mean;
                double squared = error * error;
                state.setErrorMeanSquare(state.getErrorCount() == 0 ? squared
                        : state.getErrorMeanSquare() + ERROR_SMOOTHING * (squared - state.getErrorMeanSquare()));
                state.setErrorCount(state.getErrorCount() + 1);
            }
        }
        state.setLastScoredDay(closedDay);
    }

    /** Writes the close's accuracy to the store once per close and drops days past the kept window. */
    void flush(int closedDay) {
        accuracy.flush(accuracyStore, closedDay - ACCURACY_KEEP_DAYS);
    }
}
