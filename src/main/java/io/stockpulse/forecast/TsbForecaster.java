package io.stockpulse.forecast;

import io.stockpulse.policy.IntermittentDemand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TSB (Teunter, Syntetos &amp; Babai 2011, via {@link IntermittentDemand#tsb}) for intermittent series:
 * point forecast p·z over the last {@code windowDays} days. Quantiles come from the compound
 * Bernoulli model TSB itself assumes: each day demand occurs with probability p, and a demand's size
 * is drawn from the series' own non-zero days in the window, rescaled so their mean is TSB's smoothed
 * size z (the empirical size distribution keeps the skew of wholesale orders that a normal or
 * Poisson size would lose). Daily quantiles are exact: 0 up to level 1 − p, above it the size
 * quantile at (level − (1 − p)) / p. Cumulative ones are simulated, seeded per series and origin.
 */
public final class TsbForecaster implements Forecaster {

    public static final String MODEL = "tsb";
    static final int SAMPLES = 400;
    private final int windowDays;
    private final double alpha;
    private final double beta;
    private final boolean cumulative;

    public TsbForecaster(int windowDays, double alpha, double beta) {
        this(windowDays, alpha, beta, true);
    }

    private TsbForecaster(int windowDays, double alpha, double beta, boolean cumulative) {
        this.windowDays = windowDays;
        this.alpha = alpha;
        this.beta = beta;
        this.cumulative = cumulative;
    }

    /** The same forecasts without the simulation (daily quantiles only): what scoring past origins needs. */
    public TsbForecaster dailyOnly() {
        return new TsbForecaster(windowDays, alpha, beta, false);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "w" + windowDays + "-a" + alpha + "-b" + beta;
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> out = new ArrayList<>(batch.size());
        for (DemandHistory history : batch) {
            int[] window = history.lastDays(windowDays);
            IntermittentDemand.Estimate estimate = IntermittentDemand.tsb(Arrays.stream(window).asLongStream().toArray(),
                    alpha, beta);
            double[] sizes = scaledSizes(window, estimate.size());
            double p = estimate.intervalOrProbability();
            double[] daily = dailyQuantiles(p, sizes, EmpiricalDemand.LEVELS);
            int[] horizons = cumulative ? EmpiricalDemand.HORIZONS : new int[0];
            float[][] sums = cumulative ? simulateCumulative(p, sizes, EmpiricalDemand.LEVELS, horizons,
                    EmpiricalDemand.seed(history.seriesKey(), history.lastDay())) : new float[EmpiricalDemand.LEVELS.length][0];
            float[] mean = new float[horizonDays];
            Arrays.fill(mean, (float) estimate.rate());
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, mean,
                    EmpiricalDemand.flat(EmpiricalDemand.LEVELS, daily, horizonDays, horizons, sums),
                    null));
        }
        return out;
    }

    /** The non-zero days of {@code window}, rescaled to mean {@code size} (empty when none). */
    static double[] scaledSizes(int[] window, double size) {
        double[] sizes = Arrays.stream(window).filter(d -> d > 0).asDoubleStream().toArray();
        double mean = Arrays.stream(sizes).average().orElse(0);
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] *= size / mean;
        }
        return sizes;
    }

    /** Quantiles of one day's demand: 0 with probability 1 − p, else a size. */
    static double[] dailyQuantiles(double p, double[] sizes, double[] levels) {
        double[] out = new double[levels.length];
        if (sizes.length == 0 || p <= 0) {
            return out;
        }
        for (int l = 0; l < levels.length; l++) {
            double above = levels[l] - (1 - p);
            if (above > 0) {
                out[l] = EmpiricalDemand.quantiles(sizes, new double[] {Math.min(1, above / p)})[0];
            }
        }
        return out;
    }

    /** Quantiles of the demand over each horizon by simulating the compound Bernoulli days. */
    static float[][] simulateCumulative(double p, double[] sizes, double[] levels, int[] horizons, long seed) {
        float[][] out = new float[levels.length][horizons.length];
        if (sizes.length == 0 || p <= 0) {
            return out;
        }
        int longest = horizons[horizons.length - 1];
        double[][] sums = new double[horizons.length][SAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < SAMPLES; s++) {
            double total = 0;
            int h = 0;
            for (int day = 1; day <= longest; day++) {
                if (random.nextDouble() < p) {
                    total += sizes[random.nextInt(sizes.length)];
                }
                while (h < horizons.length && horizons[h] == day) {
                    sums[h++][s] = total;
                }
            }
        }
        for (int h = 0; h < horizons.length; h++) {
            double[] q = EmpiricalDemand.quantiles(sums[h], levels);
            for (int l = 0; l < levels.length; l++) {
                out[l][h] = (float) q[l];
            }
        }
        return out;
    }
}
