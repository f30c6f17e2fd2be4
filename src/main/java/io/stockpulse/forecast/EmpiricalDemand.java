package io.stockpulse.forecast;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Distribution-free demand quantiles from a series' own history: empirical quantiles of daily
 * demand, and a moving-block bootstrap of the demand over the next h days. Pure functions.
 *
 * <p>Quantiles are Hyndman &amp; Fan's type 7 (linear interpolation between order statistics; numpy's
 * and R's default, and commons-math's {@code Percentile} with {@code EstimationType.R_7}).
 */
public final class EmpiricalDemand {

    /** The daily levels every quantile forecaster here reports, and evaluate scores. */
    public static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95, 0.99};
    /** Horizons (days) of the cumulative quantiles: the lead times a reorder decision looks over. */
    public static final int[] HORIZONS = {7, 14, 28};

    private EmpiricalDemand() {
    }

    /**
     * Type-7 quantiles of {@code values} at each level (0 for an empty sample): sorted once, level q at
     * position (n − 1)·q, interpolated linearly. Written out rather than commons-math's
     * {@code Percentile(R_7)} because that copies and partitions the sample per call, 10× slower at
     * the day close's volume; {@code EmpiricalDemandTest} checks the two agree.
     */
    public static double[] quantiles(double[] values, double[] levels) {
        double[] out = new double[levels.length];
        if (values.length == 0) {
            return out;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < levels.length; i++) {
            double position = (sorted.length - 1) * levels[i];
            int below = (int) Math.floor(position);
            int above = Math.min(sorted.length - 1, below + 1);
            out[i] = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }
        return out;
    }

    /** Type-7 quantiles of integer daily demand. */
    public static double[] quantiles(int[] days, double[] levels) {
        return quantiles(Arrays.stream(days).asDoubleStream().toArray(), levels);
    }

    /**
     * Quantiles of the demand over the first {@code horizons[h]} days, by a moving-block bootstrap of
     * {@code days}: each of {@code samples} future paths is a concatenation of blocks of
     * {@code blockDays} consecutive historical days starting at uniformly drawn positions (blocks keep
     * the clustering of wholesale orders that resampling single days would break). All horizons are
     * read off the same paths, so the quantiles grow with the horizon. Same {@code seed}, same result.
     *
     * @return {@code [level][horizon]} units
     */
    public static float[][] bootstrapCumulative(int[] days, double[] levels, int[] horizons, int samples, int blockDays,
                                                long seed) {
        float[][] out = new float[levels.length][horizons.length];
        if (days.length == 0 || horizons.length == 0) {
            return out;
        }
        int block = Math.max(1, Math.min(blockDays, days.length));
        int longest = horizons[horizons.length - 1];
        double[][] sums = new double[horizons.length][samples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < samples; s++) {
            double total = 0;
            int h = 0;
            int start = 0;
            for (int day = 0; day < longest; day++) {
                if (day % block == 0) {
                    start = random.nextInt(days.length - block + 1);
                }
                total += days[start + day % block];
                while (h < horizons.length && horizons[h] == day + 1) {
                    sums[h++][s] = total;
                }
            }
        }
        for (int h = 0; h < horizons.length; h++) {
            double[] q = quantiles(sums[h], levels);
            for (int l = 0; l < levels.length; l++) {
                out[l][h] = (float) q[l];
            }
        }
        return out;
    }

    /** A stable seed for a series at an origin: the same series and day always resample alike. */
    public static long seed(String seriesKey, int lastDay) {
        return 31L * seriesKey.hashCode() + lastDay;
    }

    /** Quantiles that are the same on every forecast day, with the given cumulative rows. */
    public static ForecastQuantiles flat(double[] levels, double[] dailyValues, int horizonDays, int[] horizons,
                                         float[][] cumulative) {
        float[][] daily = new float[levels.length][horizonDays];
        for (int l = 0; l < levels.length; l++) {
            Arrays.fill(daily[l], (float) dailyValues[l]);
        }
        return new ForecastQuantiles(levels.clone(), daily, horizons.clone(), cumulative);
    }
}
