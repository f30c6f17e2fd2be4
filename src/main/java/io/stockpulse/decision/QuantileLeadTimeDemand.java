package io.stockpulse.decision;

/**
 * Lead-time demand read off a forecaster's quantiles of cumulative demand, for the loss function and
 * the cycle service level alike. Between the modelled levels (and from 0 at level 0) the quantile
 * function is linear in ln(1/(1 − p)), and above the highest it goes on as the exponential tail through
 * the two highest levels: the fill-rate loss function needs the tail a 99 % quantile leaves out. A lead time of L ± σL days mixes
 * the interval lengths with the same weights as the history sample, each a day longer for the demand
 * of the day the order is placed (the undershoot).
 */
public final class QuantileLeadTimeDemand {

    /** Probability bins per interval length: evenly up to 0.9, then ever finer towards 1 for the tail. */
    private static final double[] EDGES = edges(120, 0.9, 80, 1e-5);

    /** Quantiles of cumulative demand: the {@code level} quantile of the units over the next {@code days} days. */
    @FunctionalInterface
    public interface CumulativeQuantiles {
        double at(double level, double days);
    }

    private QuantileLeadTimeDemand() {
    }

    /**
     * @param levels    ascending probability levels the quantiles exist for (at least two, the highest below 1)
     * @param quantiles the forecaster's cumulative quantiles
     * @param meanDays  mean protection interval in days
     * @param stdDays   its standard deviation
     */
    public static LeadTimeDemand of(double[] levels, CumulativeQuantiles quantiles, double meanDays, double stdDays) {
        if (levels.length < 2 || !(levels[levels.length - 1] < 1)) {
            throw new IllegalArgumentException("need at least two levels below 1");
        }
        int[] lengths = LeadTimeDemand.lengths(meanDays, stdDays);
        double[] lengthWeights = LeadTimeDemand.lengthWeights(lengths, meanDays, stdDays);
        int bins = EDGES.length; // the last bin runs from the last edge to 1
        double[] values = new double[lengths.length * bins];
        double[] weights = new double[values.length];
        for (int j = 0; j < lengths.length; j++) {
            double[] anchors = anchors(levels, quantiles, lengths[j] + 1);
            for (int i = 0; i < bins; i++) {
                values[j * bins + i] = binMean(levels, anchors, i);
                weights[j * bins + i] = lengthWeights[j] * ((i + 1 < bins ? EDGES[i + 1] : 1) - EDGES[i]);
            }
        }
        return LeadTimeDemand.ofSample(values, weights);
    }

    /**
     * The mean of the quantile function over bin i (Simpson's rule); over the
     * last bin [p, 1) of the exponential tail, q(p) + θ.
     */
    private static double binMean(double[] levels, double[] anchors, int i) {
        double a = EDGES[i];
        if (i + 1 == EDGES.length) {
            double theta = tailScale(levels, anchors);
            return quantile(levels, anchors, a) + theta;
        }
        double b = EDGES[i + 1];
        return (quantile(levels, anchors, a) + 4 * quantile(levels, anchors, (a + b) / 2)
                + quantile(levels, anchors, b)) / 6;
    }

    /** Bin edges from 0: {@code even} equal bins up to {@code split}, then {@code tail} bins geometric in 1 − p down to {@code smallest}. */
    static double[] edges(int even, double split, int tail, double smallest) {
        double[] e = new double[even + tail];
        for (int i = 0; i < even; i++) {
            e[i] = split * i / even;
        }
        double ratio = Math.pow(smallest / (1 - split), 1.0 / (tail - 1));
        for (int i = 0; i < tail; i++) {
            e[even + i] = 1 - (1 - split) * Math.pow(ratio, i);
        }
        return e;
    }

    private static double tailScale(double[] levels, double[] anchors) {
        int last = levels.length - 1;
        return (anchors[last] - anchors[last - 1]) / Math.log((1 - levels[last - 1]) / (1 - levels[last]));
    }

    /** The quantiles at the levels, made monotone (a forecaster's rounding must not bend the function back). */
    static double[] anchors(double[] levels, CumulativeQuantiles quantiles, double days) {
        double[] out = new double[levels.length];
        double floor = 0;
        for (int k = 0; k < levels.length; k++) {
            double q = quantiles.at(levels[k], days);
            floor = Math.max(floor, Double.isFinite(q) ? q : floor);
            out[k] = floor;
        }
        return out;
    }

    /**
     * The quantile function through the anchors, linear in ln(1/(1 − p)) between them (from 0 at p = 0)
     * and beyond the highest: exact for an exponential tail, and the right-skew of demand between levels.
     */
    static double quantile(double[] levels, double[] anchors, double p) {
        int last = levels.length - 1;
        if (p > levels[last]) {
            return anchors[last] + tailScale(levels, anchors) * Math.log((1 - levels[last]) / (1 - p));
        }
        double prevLevel = 0;
        double prevValue = 0;
        for (int k = 0; k <= last; k++) {
            if (p <= levels[k]) {
                double along = Math.log((1 - prevLevel) / (1 - p)) / Math.log((1 - prevLevel) / (1 - levels[k]));
                return prevValue + (anchors[k] - prevValue) * along;
            }
            prevLevel = levels[k];
            prevValue = anchors[k];
        }
        return anchors[last];
    }
}
