package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The moving average with quantiles from the series' own recent days: the point forecast is
 * {@link MovingAverageForecaster}'s; the daily quantiles are the empirical quantiles of the same
 * averaging days (flat over the horizon); the cumulative ones a seeded moving-block bootstrap
 * ({@link EmpiricalDemand#bootstrapCumulative}) of the last {@code bootstrapDays} days since the first
 * sale. A baseline that is calibrated by construction on stationary demand, to hold the LSTM against.
 */
public final class EmpiricalQuantileForecaster implements Forecaster {

    public static final String MODEL = "moving-average-eq";
    static final int BOOTSTRAP_SAMPLES = 400;
    static final int BLOCK_DAYS = 7;
    private final MovingAverageForecaster mean;
    private final int window;
    private final int bootstrapDays;
    private final boolean cumulative;

    public EmpiricalQuantileForecaster(int window, int bootstrapDays) {
        this(window, bootstrapDays, true);
    }

    private EmpiricalQuantileForecaster(int window, int bootstrapDays, boolean cumulative) {
        this.mean = new MovingAverageForecaster(window);
        this.window = window;
        this.bootstrapDays = bootstrapDays;
        this.cumulative = cumulative;
    }

    /** The same forecasts without the bootstrap (daily quantiles only): what scoring past origins needs. */
    public EmpiricalQuantileForecaster dailyOnly() {
        return new EmpiricalQuantileForecaster(window, bootstrapDays, false);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "w" + window + "-b" + bootstrapDays;
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> means = mean.forecast(batch, horizonDays);
        List<Forecast> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DemandHistory history = batch.get(i);
            int[] recent = history.lastDays(MovingAverageForecaster.averagingDays(history, window));
            double[] daily = EmpiricalDemand.quantiles(recent, EmpiricalDemand.LEVELS);
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, means.get(i).mean(),
                    EmpiricalDemand.flat(EmpiricalDemand.LEVELS, daily, horizonDays,
                            cumulative ? EmpiricalDemand.HORIZONS : new int[0], cumulative(history)), null));
        }
        return out;
    }

    private float[][] cumulative(DemandHistory history) {
        if (!cumulative) {
            return new float[EmpiricalDemand.LEVELS.length][0];
        }
        int[] resampled = history.lastDays(Math.max(BLOCK_DAYS, Math.min(bootstrapDays, history.activeLength())));
        return EmpiricalDemand.bootstrapCumulative(resampled, EmpiricalDemand.LEVELS, EmpiricalDemand.HORIZONS,
                BOOTSTRAP_SAMPLES, BLOCK_DAYS, EmpiricalDemand.seed(history.seriesKey(), history.lastDay()));
    }
}
