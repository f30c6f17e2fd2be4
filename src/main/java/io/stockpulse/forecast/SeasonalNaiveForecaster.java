package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.List;

/** Each future day repeats the same day one season (default 7 days) earlier. No quantiles. */
public final class SeasonalNaiveForecaster implements Forecaster {

    public static final String MODEL = "seasonal-naive";
    private final int season;

    public SeasonalNaiveForecaster(int season) {
        if (season < 1) {
            throw new IllegalArgumentException("season must be >= 1, was " + season);
        }
        this.season = season;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "s" + season;
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> out = new ArrayList<>(batch.size());
        for (DemandHistory history : batch) {
            int[] lastSeason = history.lastDays(season);
            float[] mean = new float[horizonDays];
            for (int h = 0; h < horizonDays; h++) {
                mean[h] = lastSeason[h % season];
            }
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, mean, (ForecastQuantiles) null, null));
        }
        return out;
    }
}
