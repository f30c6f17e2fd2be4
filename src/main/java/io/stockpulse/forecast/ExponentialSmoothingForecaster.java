package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Simple exponential smoothing with the smoothing constant chosen per series from a grid by the
 * in-sample one-step squared error over the last {@code fitDays} days (Hyndman &amp; Athanasopoulos,
 * FPP3 §8.1). Flat forecast at the final level; no quantiles. A reference baseline for backtests.
 */
public final class ExponentialSmoothingForecaster implements Forecaster {

    public static final String MODEL = "exponential-smoothing";
    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8};
    private final int fitDays;

    public ExponentialSmoothingForecaster(int fitDays) {
        this.fitDays = fitDays;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "grid-" + fitDays;
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> out = new ArrayList<>(batch.size());
        for (DemandHistory history : batch) {
            int active = Math.max(1, Math.min(fitDays, history.activeLength()));
            int[] y = history.lastDays(active);
            double start = 0;
            int init = Math.min(7, y.length);
            for (int i = 0; i < init; i++) {
                start += y[i];
            }
            start /= init;
            double bestLevel = start;
            double bestError = Double.POSITIVE_INFINITY;
            for (double alpha : ALPHAS) {
                double level = start;
                double error = 0;
                for (int value : y) {
                    double e = value - level;
                    error += e * e;
                    level += alpha * e;
                }
                if (error < bestError) {
                    bestError = error;
                    bestLevel = level;
                }
            }
            float[] mean = new float[horizonDays];
            Arrays.fill(mean, (float) bestLevel);
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, mean, (ForecastQuantiles) null, null));
        }
        return out;
    }
}
