package io.stockpulse.forecast;

import java.util.Arrays;

/**
 * Quantiles of a forecast: per day, and of cumulative demand over a few horizons (the lead-time
 * demand a policy needs; a sum of daily quantiles is not a quantile of the sum). Monotone in level
 * and, for the cumulative ones, in horizon.
 *
 * @param levels     ascending probability levels, e.g. 0.5, 0.8, 0.9, 0.95, 0.99
 * @param daily      {@code daily[level][day]} units on each forecast day
 * @param horizons   ascending horizons in days (e.g. 7, 14, 28), or empty
 * @param cumulative {@code cumulative[level][horizon]} units over the first {@code horizons[h]} days, or empty rows
 */
public record ForecastQuantiles(double[] levels, float[][] daily, int[] horizons, float[][] cumulative) {

    /** Daily p50/p90 only: what models without cumulative heads give. */
    public static ForecastQuantiles dailyOnly(float[] p50, float[] p90) {
        return new ForecastQuantiles(new double[]{0.5, 0.9}, new float[][]{p50, p90}, new int[0],
                new float[][]{new float[0], new float[0]});
    }

    /** Index of {@code level} in {@link #levels}, or -1. */
    public int indexOf(double level) {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - level) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    /** The daily quantile at {@code level}, or null when the forecast has no such level. */
    public float[] daily(double level) {
        int i = indexOf(level);
        return i < 0 ? null : daily[i];
    }

    public boolean hasCumulative() {
        return horizons.length > 0;
    }

    /**
     * The quantile at {@code level} of the demand over the first {@code days} days, interpolated
     * linearly between the modelled horizons (and from 0 at day 0); beyond the longest horizon it
     * grows in proportion to the days. NaN when the level or cumulative quantiles are missing.
     */
    public double cumulative(double level, double days) {
        int i = indexOf(level);
        if (i < 0 || !hasCumulative() || days <= 0) {
            return i < 0 || !hasCumulative() ? Double.NaN : 0.0;
        }
        float[] row = cumulative[i];
        double prevDays = 0;
        double prevValue = 0;
        for (int h = 0; h < horizons.length; h++) {
            if (days <= horizons[h]) {
                return prevValue + (row[h] - prevValue) * (days - prevDays) / (horizons[h] - prevDays);
            }
            prevDays = horizons[h];
            prevValue = row[h];
        }
        return prevValue * days / prevDays;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastQuantiles q && Arrays.equals(levels, q.levels) && Arrays.deepEquals(daily, q.daily)
                && Arrays.equals(horizons, q.horizons) && Arrays.deepEquals(cumulative, q.cumulative);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(levels) + Arrays.deepHashCode(daily);
    }

    @Override
    public String toString() {
        return "ForecastQuantiles" + Arrays.toString(levels) + " horizons " + Arrays.toString(horizons);
    }
}
