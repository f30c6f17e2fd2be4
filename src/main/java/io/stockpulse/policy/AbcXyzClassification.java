package io.stockpulse.policy;

import java.util.Arrays;

/**
 * ABC/XYZ classification (Silver, Pyke &amp; Thomas, "Inventory and Production Management in Supply
 * Chains", 4th ed., §2.4 on the Pareto/ABC split; Syntetos, Boylan &amp; Croston 2005 for the
 * intermittency cut-offs).
 *
 * <p>ABC is split in two steps so it can run scaled out: {@link #paretoThresholds} turns the sales
 * values of <em>all</em> SKUs into two value cut-offs (done once, by the single aggregator), and
 * {@link #abcClass} classifies one SKU against those cut-offs (done locally by whichever task owns
 * the SKU). XYZ needs only the SKU's own demand history.
 */
public final class AbcXyzClassification {

    /** SBC cut-off on the average inter-demand interval: above it demand is intermittent. */
    public static final double ADI_CUTOFF = 1.32;

    public enum AbcClass { A, B, C }

    public enum XyzClass { X, Y, Z }

    /**
     * Cut-offs on the trailing sales value: value ≥ {@code aMinValue} is A, ≥ {@code bMinValue} is B,
     * below (or zero) is C.
     */
    public record Thresholds(double aMinValue, double bMinValue) {
        /** Before any aggregate exists every SKU is treated as B (the middle service level). */
        public static final Thresholds UNKNOWN = new Thresholds(0, 0);
    }

    /**
     * XYZ cut-offs: CV of daily demand ≤ {@code xMaxCv} is X, ≤ {@code yMaxCv} is Y, above is Z; any
     * series whose average interval between demands exceeds {@code adiCutoff} is Z (intermittent).
     */
    public record XyzCutoffs(double xMaxCv, double yMaxCv, double adiCutoff) {
        public static final XyzCutoffs DEFAULT = new XyzCutoffs(0.5, 1.0, ADI_CUTOFF);
    }

    private AbcXyzClassification() {
    }

    /**
     * Pareto cut-offs: sort the values descending and accumulate their share of the total; the SKUs
     * whose cumulative share <em>before</em> them is below {@code aShare} are A (so the SKU that
     * crosses the line is still A), then up to {@code aShare + bShare} B, the rest C. The cut-off is
     * the smallest value in each class. Zero values are always C.
     */
    public static Thresholds paretoThresholds(double[] salesValues, double aShare, double bShare) {
        if (!(aShare > 0 && bShare >= 0 && aShare + bShare <= 1)) {
            throw new IllegalArgumentException("need 0 < aShare, 0 ≤ bShare, aShare + bShare ≤ 1; were "
                    + aShare + " and " + bShare);
        }
        double[] sorted = Arrays.stream(salesValues).filter(v -> v > 0).sorted().toArray();
        double total = Arrays.stream(sorted).sum();
        if (total <= 0) {
            return Thresholds.UNKNOWN;
        }
        double aMin = Double.POSITIVE_INFINITY;
        double bMin = Double.POSITIVE_INFINITY;
        double cumulative = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            double shareBefore = cumulative / total;
            if (shareBefore < aShare - 1e-12) {
                aMin = sorted[i];
            } else if (shareBefore < aShare + bShare - 1e-12) {
                bMin = sorted[i];
            }
            cumulative += sorted[i];
        }
        if (bMin == Double.POSITIVE_INFINITY) {
            bMin = aMin;
        }
        return new Thresholds(aMin, bMin);
    }

    public static AbcClass abcClass(double salesValue, Thresholds thresholds) {
        if (thresholds.aMinValue() <= 0) {
            return AbcClass.B;
        }
        if (salesValue >= thresholds.aMinValue()) {
            return AbcClass.A;
        }
        if (salesValue > 0 && salesValue >= thresholds.bMinValue()) {
            return AbcClass.B;
        }
        return AbcClass.C;
    }

    /** Sums of 7-day blocks counted back from the newest day; a partial oldest block is dropped. */
    public static long[] weekly(long[] daily) {
        int weeks = daily.length / 7;
        long[] out = new long[weeks];
        for (int w = 0; w < weeks; w++) {
            int end = daily.length - (weeks - 1 - w) * 7;
            for (int d = end - 7; d < end; d++) {
                out[w] += daily[d];
            }
        }
        return out;
    }

    /** Coefficient of variation of daily demand (population σ / mean); +∞ when nothing sold. */
    public static double coefficientOfVariation(long[] dailyDemand) {
        if (dailyDemand.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = Arrays.stream(dailyDemand).average().orElse(0);
        if (mean <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double variance = Arrays.stream(dailyDemand).mapToDouble(d -> (d - mean) * (d - mean)).sum()
                / dailyDemand.length;
        return Math.sqrt(variance) / mean;
    }

    /** Average inter-demand interval: periods per period with demand (ADI); +∞ when nothing sold. */
    public static double averageDemandInterval(long[] dailyDemand) {
        long withDemand = Arrays.stream(dailyDemand).filter(d -> d > 0).count();
        return withDemand == 0 ? Double.POSITIVE_INFINITY : (double) dailyDemand.length / withDemand;
    }

    /**
     * XYZ on weekly buckets (the last whole weeks of the daily series; a partial oldest week is
     * dropped; a series under two weeks is judged on its days): on daily buckets wholesale demand is almost all zero days, and nearly every SKU lands in
     * Z, which says nothing. Weeks are the period planners review and order in.
     */
    public static XyzClass xyzClass(long[] dailyDemand, XyzCutoffs cutoffs) {
        // Under two whole weeks there is no weekly spread to speak of: judge the days seen so far.
        return xyzClassOfPeriods(dailyDemand.length < 14 ? dailyDemand : weekly(dailyDemand), cutoffs);
    }

    /** XYZ of demand per period (CV and ADI over the periods given). */
    public static XyzClass xyzClassOfPeriods(long[] demand, XyzCutoffs cutoffs) {
        if (averageDemandInterval(demand) > cutoffs.adiCutoff()) {
            return XyzClass.Z;
        }
        double cv = coefficientOfVariation(demand);
        if (cv <= cutoffs.xMaxCv()) {
            return XyzClass.X;
        }
        return cv <= cutoffs.yMaxCv() ? XyzClass.Y : XyzClass.Z;
    }
}
