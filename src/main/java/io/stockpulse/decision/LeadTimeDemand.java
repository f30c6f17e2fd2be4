package io.stockpulse.decision;

import io.stockpulse.policy.InventoryMath;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * The distribution of demand over a protection interval (lead time, or review period + lead time), as
 * an empirical sample, and the two service measures read off it.
 *
 * <p>Built by resampling the SKU's own daily history in blocks: every window of ℓ consecutive days of
 * the history is one possible lead-time demand, for each whole ℓ a discretised normal lead time
 * (mean L, σL) can take, weighted by that lead time's probability. Blocks keep the lumps, the zero runs
 * and the weekly rhythm of real demand that a normal σ smooths away (the moving-block bootstrap;
 * Künsch 1989; for lead-time demand, Willemain, Smart &amp; Schwarz 2004). A forecast moves the level:
 * the sample is rescaled so its mean is the forecast's demand over the interval. Deterministic: no
 * random draws, so the same history always gives the same plan.
 */
public final class LeadTimeDemand {

    /** Values sorted ascending with their weights (summing to 1). */
    private final double[] values;
    private final double[] weights;
    /** Σ_{j ≥ i} w_j and Σ_{j ≥ i} v_j·w_j: the loss function in O(1) between two sample values. */
    private final double[] tailWeight;
    private final double[] tailValue;
    private final double mean;
    private static final long LENGTH_SLOTS = 1024;
    /** Coefficient of variation of daily demand assumed for a series too short to resample. */
    static final double NEW_SERIES_CV = 2.0;
    /** Demand days needed before windows are started only on demand days. */
    private static final int MIN_DEMAND_STARTS = 8;

    private LeadTimeDemand(double[] values, double[] weights) {
        this.values = values;
        this.weights = weights;
        int n = values.length;
        tailWeight = new double[n + 1];
        tailValue = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            tailWeight[i] = tailWeight[i + 1] + weights[i];
            tailValue[i] = tailValue[i + 1] + values[i] * weights[i];
        }
        this.mean = tailValue[0];
    }

    /** A weighted sample in any order (weights need not be normalised). */
    static LeadTimeDemand ofSample(double[] values, double[] weights) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] v = new double[values.length];
        double[] w = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            v[i] = values[order[i]];
            w[i] = weights[order[i]];
        }
        return new LeadTimeDemand(v, normalise(w));
    }

    /** No demand at all. */
    public static LeadTimeDemand zero() {
        return new LeadTimeDemand(new double[] {0}, new double[] {1});
    }

    /**
     * From daily history (oldest first) over an interval of {@code meanDays} ± {@code stdDays} days,
     * rescaled to {@code expectedTotal} when that is ≥ 0 (negative: keep the history's own level).
     * With fewer than {@code 2 × interval} days of history the sample is too short to say anything
     * about the tail; a normal with the history's daily σ is used instead.
     */
    public static LeadTimeDemand fromHistory(int[] daily, double meanDays, double stdDays, double expectedTotal) {
        int[] lengths = lengths(meanDays, stdDays);
        double[] lengthWeights = lengthWeights(lengths, meanDays, stdDays);
        int longest = lengths[lengths.length - 1] + 1;
        if (daily.length < Math.max(2 * longest, 14)) {
            return normal(daily, meanDays, stdDays, expectedTotal);
        }
        long[] prefix = new long[daily.length + 1];
        int demandDays = 0;
        for (int i = 0; i < daily.length; i++) {
            prefix[i + 1] = prefix[i] + Math.max(0, daily[i]);
            demandDays += daily[i] > 0 ? 1 : 0;
        }
        // An order is placed on a day with demand, and the rest of that day's demand (the undershoot below
        // s) comes on top of the lead time's: each window starts on a demand day and runs a day longer.
        // With too few demand days to start from, every window counts.
        boolean fromDemandDays = demandDays >= MIN_DEMAND_STARTS;
        long[] packed = new long[lengths.length * daily.length];
        int[] perLength = new int[lengths.length];
        int k = 0;
        for (int j = 0; j < lengths.length; j++) {
            int length = lengths[j] + (fromDemandDays ? 1 : 0);
            for (int start = 0; start + length <= daily.length; start++) {
                if (fromDemandDays && daily[start] <= 0) {
                    continue;
                }
                // Sorted as packed longs (window sum, length index): a primitive sort, no boxing.
                packed[k++] = (prefix[start + length] - prefix[start]) * LENGTH_SLOTS + j;
                perLength[j]++;
            }
        }
        Arrays.sort(packed, 0, k);
        double[] v = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            int j = (int) (packed[i] % LENGTH_SLOTS);
            v[i] = (double) (packed[i] / LENGTH_SLOTS);
            w[i] = lengthWeights[j] / perLength[j];
        }
        return rescaled(new LeadTimeDemand(v, normalise(w)), expectedTotal);
    }

    /** Normal demand over the interval (σ² = L·σd² + d²·σL²), truncated at 0, as a 64-point sample. */
    public static LeadTimeDemand normal(double mean, double sigma) {
        if (!(sigma > 0)) {
            return new LeadTimeDemand(new double[] {Math.max(0, mean)}, new double[] {1});
        }
        int n = 64;
        double[] v = new double[n];
        double[] w = new double[n];
        NormalDistribution normal = new NormalDistribution(null, mean, sigma);
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(0, normal.inverseCumulativeProbability((i + 0.5) / n));
            w[i] = 1.0 / n;
        }
        return new LeadTimeDemand(v, w);
    }

    private static LeadTimeDemand normal(int[] daily, double meanDays, double stdDays, double expectedTotal) {
        double sum = 0;
        double sumSquares = 0;
        for (int d : daily) {
            sum += Math.max(0, d);
            sumSquares += (double) Math.max(0, d) * Math.max(0, d);
        }
        int n = Math.max(daily.length, 1);
        double rate = sum / n;
        double dailySigma = daily.length > 1 ? Math.sqrt(Math.max(0, (sumSquares - n * rate * rate) / (n - 1))) : 0;
        double level = expectedTotal >= 0 ? expectedTotal / Math.max(meanDays, 1e-9) : rate;
        if (rate > 0 && expectedTotal >= 0) {
            dailySigma *= level / rate; // σ scales with the level the forecast sets
        }
        // A few days of history say little about the spread: assume at least the lumpiness typical of
        // wholesale demand (daily CV of NEW_SERIES_CV) until the history can speak for itself.
        dailySigma = Math.max(dailySigma, NEW_SERIES_CV * level);
        double sigma = InventoryMath.leadTimeDemandSigma(meanDays, dailySigma, level, stdDays);
        return normal(level * meanDays, sigma);
    }

    public double mean() {
        return mean;
    }

    /** The smallest value x with P(X ≤ x) ≥ p. */
    public double quantile(double p) {
        double cumulative = 0;
        for (int i = 0; i < values.length; i++) {
            cumulative += weights[i];
            if (cumulative >= p - 1e-12) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** P(X ≤ x): the cycle service level a reorder point x gives. */
    public double probabilityAtMost(double x) {
        double cumulative = 0;
        for (int i = 0; i < values.length && values[i] <= x + 1e-9; i++) {
            cumulative += weights[i];
        }
        return Math.min(1, cumulative);
    }

    /** Expected shortage E[(X − x)⁺] (the loss function). */
    public double expectedShortage(double x) {
        int first = firstAbove(x);
        return Math.max(0, tailValue[first] - x * tailWeight[first]);
    }

    /** Index of the first sample value above x (values.length when none). */
    private int firstAbove(double x) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] > x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * The smallest whole reorder level s whose expected shortage per cycle is at most (1 − β)·Q,
     * i.e. fill rate β with Q units demanded per cycle (the loss-function method; Silver, Pyke &amp;
     * Thomas eq. 6.20). Searched over the sample's own values, where the loss function bends.
     */
    public double levelForFillRate(double fillRate, double demandPerCycle) {
        double allowed = (1 - fillRate) * Math.max(demandPerCycle, 1e-9);
        if (expectedShortage(0) <= allowed) {
            return 0;
        }
        // The loss function is convex, decreasing and linear between sample values: find the first
        // value where it is within the allowance, then solve the linear piece below it.
        int i = 0;
        while (i < values.length && expectedShortage(values[i]) > allowed) {
            i++;
        }
        if (i == values.length) {
            return Math.ceil(values[values.length - 1]);
        }
        double upper = values[i];
        double lower = i == 0 ? 0 : values[i - 1];
        double lossLower = expectedShortage(lower);
        double lossUpper = expectedShortage(upper);
        double level = lossLower == lossUpper ? upper
                : lower + (lossLower - allowed) * (upper - lower) / (lossLower - lossUpper);
        return Math.ceil(level - 1e-9);
    }

    /** Fill rate β a reorder level gives: 1 − E[(X − s)⁺] / Q. */
    public double fillRate(double level, double demandPerCycle) {
        if (demandPerCycle <= 0) {
            return 1;
        }
        return Math.max(0, 1 - expectedShortage(level) / demandPerCycle);
    }

    static int[] lengths(double meanDays, double stdDays) {
        int low = (int) Math.max(1, Math.floor(meanDays - 2 * stdDays));
        int high = (int) Math.min(low + LENGTH_SLOTS - 1, Math.max(low, Math.ceil(meanDays + 2 * stdDays)));
        int[] out = new int[high - low + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = low + i;
        }
        return out;
    }

    static double[] lengthWeights(int[] lengths, double meanDays, double stdDays) {
        double[] w = new double[lengths.length];
        if (stdDays <= 0 || lengths.length == 1) {
            // A fixed lead time between two whole days: split between the two nearest lengths.
            Arrays.fill(w, 0);
            int floor = (int) Math.floor(meanDays);
            double fraction = meanDays - floor;
            for (int i = 0; i < lengths.length; i++) {
                if (lengths[i] == floor) {
                    w[i] += 1 - fraction;
                }
                if (lengths[i] == floor + 1) {
                    w[i] += fraction;
                }
            }
            double sum = Arrays.stream(w).sum();
            if (sum <= 0) {
                w[0] = 1;
            }
            return normalise(w);
        }
        for (int i = 0; i < lengths.length; i++) {
            double z = (lengths[i] - meanDays) / stdDays;
            w[i] = Math.exp(-0.5 * z * z);
        }
        return normalise(w);
    }

    private static double[] normalise(double[] w) {
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static LeadTimeDemand rescaled(LeadTimeDemand sample, double expectedTotal) {
        if (expectedTotal < 0 || sample.mean <= 0) {
            return expectedTotal > 0 && sample.mean <= 0 ? normal(expectedTotal, Math.sqrt(expectedTotal)) : sample;
        }
        double factor = expectedTotal / sample.mean;
        double[] v = sample.values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new LeadTimeDemand(v, sample.weights);
    }
}
