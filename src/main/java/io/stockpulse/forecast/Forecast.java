package io.stockpulse.forecast;

/**
 * A daily demand forecast starting the day after the history ends.
 *
 * @param seriesKey the series it belongs to
 * @param model     model name, e.g. {@code moving-average} or {@code demand-lstm}
 * @param version   model version
 * @param firstDay  epoch day of {@code mean[0]}
 * @param mean      expected units per day (the point forecast the policy uses)
 * @param p50       median per day, or null when the model gives no quantiles
 * @param p90       90 % quantile per day, or null when the model gives no quantiles
 */
public record Forecast(String seriesKey, String model, String version, int firstDay,
                       float[] mean, float[] p50, float[] p90) {

    public String source() {
        return model + "@" + version;
    }

    public boolean hasQuantiles() {
        return p50 != null && p90 != null;
    }
}
