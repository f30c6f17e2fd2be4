package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;

/** The recent daily demand of a SKU state, as the classifications read it. */
public final class DemandOutlooks {

    private DemandOutlooks() {
    }

    /** The last {@code windowDays} daily demand buckets (the class window), oldest first. */
    public static long[] recentDemand(SkuState state, int windowDays) {
        int[] recent = SkuStates.lastDays(state, windowDays);
        long[] out = new long[recent.length];
        for (int i = 0; i < recent.length; i++) {
            out[i] = Math.max(0, recent[i]);
        }
        return out;
    }
}
