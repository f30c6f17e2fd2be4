package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;

/**
 * Service KPIs kept per SKU × location: fill rate (units sold from stock / units demanded), stockout
 * days and average stock on hand. Stock only changes through events, so the days between two events
 * are accounted in one step with the stock held in between — exact, and no daily scan of all SKUs.
 */
public final class StockKpis {

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
