package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.state.SkuStates;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.policy.DemandOutlook;
import io.stockpulse.policy.IntermittentDemand;
import io.stockpulse.policy.InventoryMath;

import java.util.List;

/** Turns a SKU's stored forecast and error record into the demand outlook the policy needs. */
final class DemandOutlooks {

    /** Scored days needed before the tracked error is trusted as σ. */
    static final int MIN_SCORED_DAYS = 14;
    private static final int SIGMA_HISTORY_DAYS = 28;

    private DemandOutlooks() {
    }

    /**
     * The forecast from {@code today} on (days already past are skipped) with a daily σ taken from the
     * forecast's quantiles when it has them, else from the tracked one-day-ahead error, else from the
     * spread of recent daily demand.
     */
    static DemandOutlook of(SkuState state, int today, double leadTimeDays) {
        StoredForecast forecast = state.getForecast();
        if (forecast == null) {
            return DemandOutlook.none();
        }
        List<Float> mean = forecast.getMean();
        int offset = Math.max(0, today - forecast.getFirstDay());
        int remaining = Math.max(0, mean.size() - offset);
        double[] daily = new double[remaining];
        for (int i = 0; i < remaining; i++) {
            daily[i] = mean.get(offset + i);
        }
        if (remaining == 0 && !mean.isEmpty()) {
            // An old forecast: keep its average rate rather than assume demand stopped.
            daily = new double[] {average(mean)};
        }
        return new DemandOutlook(daily, dailySigma(state, forecast, offset, leadTimeDays), forecast.getModel() + "@"
                + forecast.getVersion());
    }

    /** The last {@code windowDays} daily demand buckets (the class window), oldest first. */
    static long[] recentDemand(SkuState state, int windowDays) {
        int[] recent = SkuStates.lastDays(state, windowDays);
        long[] out = new long[recent.length];
        for (int i = 0; i < recent.length; i++) {
            out[i] = Math.max(0, recent[i]);
        }
        return out;
    }

    /**
     * Intermittent items: a flat daily rate from TSB over the recent history, σd from TSB's Bernoulli
     * model, instead of a forecast that a single large order would inflate.
     */
    static DemandOutlook intermittent(long[] recent, int horizonDays, double alpha, double beta) {
        IntermittentDemand.Estimate tsb = IntermittentDemand.tsb(recent, alpha, beta);
        double[] daily = new double[horizonDays];
        java.util.Arrays.fill(daily, tsb.rate());
        return new DemandOutlook(daily, IntermittentDemand.tsbDailySigma(tsb), "tsb@a" + alpha + "-b" + beta);
    }

    private static double dailySigma(SkuState state, StoredForecast forecast, int offset, double leadTimeDays) {
        if (forecast.getP50() != null && forecast.getP90() != null) {
            int days = (int) Math.ceil(Math.max(leadTimeDays, 1));
            float[] p50 = tail(forecast.getP50(), offset);
            float[] p90 = tail(forecast.getP90(), offset);
            if (p50.length > 0) {
                return InventoryMath.sigmaFromQuantiles(p50, p90, days);
            }
        }
        if (state.getErrorCount() >= MIN_SCORED_DAYS) {
            return Math.sqrt(state.getErrorMeanSquare());
        }
        return recentDemandSigma(SkuStates.lastDays(state, SIGMA_HISTORY_DAYS));
    }

    private static double recentDemandSigma(int[] recent) {
        int n = recent.length;
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        double sumSquares = 0;
        for (double value : recent) {
            sum += value;
            sumSquares += value * value;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)));
    }

    private static float[] tail(List<Float> values, int offset) {
        int n = Math.max(0, values.size() - offset);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = values.get(offset + i);
        }
        return out;
    }

    private static double average(List<Float> values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.size();
    }
}
