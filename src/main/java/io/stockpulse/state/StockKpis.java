package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;

import java.util.Arrays;

/**
 * Service KPIs kept per SKU × location: fill rate (units sold from stock / units demanded), stockout
 * days and average stock on hand. Stock only changes through events, so the days between two events
 * are accounted in one step with the stock held in between — exact, and no daily scan of all SKUs.
 */
public final class StockKpis {

    /** Days of end-of-day on hand kept for the SKU view's chart. */
    public static final int ON_HAND_DAYS = 120;

    private StockKpis() {
    }

    /** Accounts every day before {@code day} not yet accounted, at the current stock. */
    public static void advanceTo(SkuState state, int day) {
        if (state.getKpiDay() < 0) {
            state.setKpiFromDay(day);
            state.setKpiDay(day);
            return;
        }
        int days = day - state.getKpiDay();
        if (days <= 0) {
            return;
        }
        long onHand = Math.max(0, state.getNetStock());
        if (onHand == 0) {
            state.setStockoutDays(state.getStockoutDays() + days);
        }
        state.setOnHandUnitDays(state.getOnHandUnitDays() + (double) onHand * days);
        state.setKpiDay(day);
        appendOnHand(state, (int) Math.min(onHand, Integer.MAX_VALUE), days);
    }

    /** The last {@link #ON_HAND_DAYS} days' end-of-day on hand, oldest first, ending the day before kpiDay. */
    public static int[] onHandByDay(SkuState state) {
        return state.getOnHandByDay() == null ? new int[0] : DailyDemandCodec.unpack(state.getOnHandByDay());
    }

    /** The stock held over the {@code days} just accounted, one entry per day, the oldest dropped past the cap. */
    private static void appendOnHand(SkuState state, int onHand, int days) {
        int[] kept = onHandByDay(state);
        int added = Math.min(days, ON_HAND_DAYS);
        int keep = Math.min(kept.length, ON_HAND_DAYS - added);
        int[] out = new int[keep + added];
        System.arraycopy(kept, kept.length - keep, out, 0, keep);
        Arrays.fill(out, keep, out.length, onHand);
        state.setOnHandByDay(DailyDemandCodec.pack(out));
    }

    /** Records a sale before it is applied: the part the stock on hand covers is filled. */
    public static void recordSale(SkuState state, long quantity) {
        state.setUnitsDemanded(state.getUnitsDemanded() + quantity);
        state.setUnitsFilled(state.getUnitsFilled() + Math.min(quantity, Math.max(0, state.getNetStock())));
    }

    /** Accounted days plus those up to {@code day} at the current stock, without changing the state. */
    public static long accountedDays(SkuState state, int day) {
        return state.getKpiDay() < 0 ? 0 : Math.max(day, state.getKpiDay()) - state.getKpiFromDay();
    }

    public static long stockoutDaysUpTo(SkuState state, int day) {
        long extra = state.getKpiDay() < 0 ? 0 : Math.max(0, day - state.getKpiDay());
        return state.getStockoutDays() + (state.getNetStock() <= 0 ? extra : 0);
    }

    public static double onHandUnitDaysUpTo(SkuState state, int day) {
        long extra = state.getKpiDay() < 0 ? 0 : Math.max(0, day - state.getKpiDay());
        return state.getOnHandUnitDays() + (double) Math.max(0, state.getNetStock()) * extra;
    }
}
