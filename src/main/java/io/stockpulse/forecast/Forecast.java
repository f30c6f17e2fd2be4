package io.stockpulse.forecast;

/**
 * A daily demand forecast starting the day after the history ends.
 *
 * @param seriesKey the series it belongs to
 * @param model     model name, e.g. {@code moving-average} or {@code demand-lstm}
 * @param version   model version
 * @param firstDay  epoch day of {@code mean[0]}
 * @param mean      expected units per day (the point forecast the policy uses)
 * @param quantiles daily and cumulative quantiles, or null when the model gives none
 * @param reason    why this forecaster was chosen for the series (e.g. by {@code auto}), or null
 */
public record Forecast(String seriesKey, String model, String version, int firstDay,
                       float[] mean, ForecastQuantiles quantiles, String reason) {

    /** A forecast with daily p50/p90 only (either may be null: then no quantiles). */
    public Forecast(String seriesKey, String model, String version, int firstDay,
                    float[] mean, float[] p50, float[] p90) {
        this(seriesKey, model, version, firstDay, mean,
                p50 == null || p90 == null ? null : ForecastQuantiles.dailyOnly(p50, p90), null);
    }

    public String source() {
        return model + "@" + version;
    }

    public boolean hasQuantiles() {
        return quantiles != null && p50() != null && p90() != null;
    }

    /** Daily median, or null. */
    public float[] p50() {
        return quantiles == null ? null : quantiles.daily(0.5);
    }

    /** Daily 90 % quantile, or null. */
    public float[] p90() {
        return quantiles == null ? null : quantiles.daily(0.9);
    }

    /** The same forecast, saying why it was chosen. */
    public Forecast withReason(String why) {
        return new Forecast(seriesKey, model, version, firstDay, mean, quantiles, why);
    }
}
