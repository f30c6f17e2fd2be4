package io.stockpulse.policy;

/**
 * Demand rate of intermittent (Z) items, where a moving average of mostly-zero days both over-reacts
 * to one large order and never says "this item stopped selling".
 *
 * <ul>
 *   <li><b>Croston (1972)</b>: smooth the non-zero demand sizes z and the intervals p between them,
 *       only in periods with demand: z ← z + α(d − z), p ← p + α(q − p); rate = z / p.</li>
 *   <li><b>TSB</b> (Teunter, Syntetos &amp; Babai 2011): smooth the probability of demand every
 *       period, p ← p + β(1[d &gt; 0] − p), and the size only when d &gt; 0; rate = p·z. The rate
 *       decays through a run of zeros, so an item that stopped selling stops being reordered.</li>
 * </ul>
 * Both start at the first period with demand: z₀ = that demand, interval q₀ = its 1-based
 * index (Croston) and probability p₀ = 1/q₀ (TSB); the series is updated from the next period on.
 * Only TSB drives forecasts and policies; Croston is kept as the textbook reference the TSB tests
 * compare against (an item that stopped selling keeps its Croston rate, while TSB's decays).
 */
public final class IntermittentDemand {

    /** Smoothed size and interval (Croston) or probability (TSB) after the last period. */
    public record Estimate(double size, double intervalOrProbability, double rate, int periodsWithDemand) {
        public static final Estimate NONE = new Estimate(0, 0, 0, 0);
    }

    private IntermittentDemand() {
    }

    /**
     * Croston's estimate. Not used by the pipeline: the reference that {@code IntermittentDemandTest}
     * holds TSB against, so the reason TSB was chosen (it forgets an item that stopped selling) stays
     * checked.
     */
    public static Estimate croston(long[] demand, double alpha) {
        requireSmoothing(alpha, "alpha");
        int first = firstDemand(demand);
        if (first < 0) {
            return Estimate.NONE;
        }
        double size = demand[first];
        double interval = first + 1;
        int sinceLast = 0;
        int occurrences = 1;
        for (int t = first + 1; t < demand.length; t++) {
            sinceLast++;
            if (demand[t] > 0) {
                size += alpha * (demand[t] - size);
                interval += alpha * (sinceLast - interval);
                sinceLast = 0;
                occurrences++;
            }
        }
        return new Estimate(size, interval, size / interval, occurrences);
    }

    public static Estimate tsb(long[] demand, double alpha, double beta) {
        requireSmoothing(alpha, "alpha");
        requireSmoothing(beta, "beta");
        int first = firstDemand(demand);
        if (first < 0) {
            return Estimate.NONE;
        }
        double size = demand[first];
        double probability = 1.0 / (first + 1);
        int occurrences = 1;
        for (int t = first + 1; t < demand.length; t++) {
            boolean occurred = demand[t] > 0;
            probability += beta * ((occurred ? 1 : 0) - probability);
            if (occurred) {
                size += alpha * (demand[t] - size);
                occurrences++;
            }
        }
        return new Estimate(size, probability, probability * size, occurrences);
    }

    /**
     * σ of one period's demand under TSB's Bernoulli model with the smoothed size taken as fixed:
     * σ = z·√(p(1 − p)). Used as σd for safety stock of intermittent items.
     */
    public static double tsbDailySigma(Estimate estimate) {
        double p = estimate.intervalOrProbability();
        return estimate.size() * Math.sqrt(Math.max(0, p * (1 - p)));
    }

    /**
     * The "do not reorder on noise" rule for intermittent items: an order is justified only after at
     * least {@code minOccurrences} days with demand in the window.
     */
    public static boolean enoughEvidence(long[] demand, int minOccurrences) {
        int seen = 0;
        for (long d : demand) {
            if (d > 0 && ++seen >= minOccurrences) {
                return true;
            }
        }
        return minOccurrences <= 0;
    }

    private static int firstDemand(long[] demand) {
        for (int t = 0; t < demand.length; t++) {
            if (demand[t] > 0) {
                return t;
            }
        }
        return -1;
    }

    private static void requireSmoothing(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }
}
