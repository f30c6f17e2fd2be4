package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Flat forecast at the mean of the last {@code window} days. No quantiles. */
public final class MovingAverageForecaster implements Forecaster {

    public static final String MODEL = "moving-average";
    private static final int MIN_DAYS = 7;
    private final int window;

    public MovingAverageForecaster(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.window = window;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "w" + window;
    }

    /**
     * Days the average runs over: those since the first sale, at most the window, so a new SKU is not
     * diluted by days before it was listed — but at least a week, so one wholesale order on a SKU's
     * first day does not become its daily rate.
     */
    static int averagingDays(DemandHistory history, int window) {
        return Math.max(Math.min(MIN_DAYS, window), Math.min(window, history.activeLength()));
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> out = new ArrayList<>(batch.size());
        for (DemandHistory history : batch) {
            int days = averagingDays(history, window);
            long sum = 0;
            for (int units : history.lastDays(days)) {
                sum += units;
            }
            float[] mean = new float[horizonDays];
            Arrays.fill(mean, (float) sum / days);
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, mean, (ForecastQuantiles) null, null));
        }
        return out;
    }
}
