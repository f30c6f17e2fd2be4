package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.forecast.DemandHistory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Operations on {@link SkuState}: stock movements and the compact daily demand history. */
public final class SkuStates {

    private SkuStates() {
    }

    public static SkuState empty(String sku, String locationId) {
        return SkuState.newBuilder()
                .setSku(sku)
                .setLocationId(locationId)
                .setOpenOrders(new HashMap<>())
                .setHistory(new ArrayList<>())
                .build();
    }

    /**
     * Makes the collections of a state read from a store plain mutable Java collections (Avro
     * hands back its own array type, which does not support every list operation used here).
     */
    public static SkuState mutable(SkuState state) {
        state.setHistory(new ArrayList<>(state.getHistory()));
        state.setOpenOrders(new HashMap<>(state.getOpenOrders()));
        return state;
    }

    public static long onOrder(SkuState state) {
        long total = 0;
        for (long units : state.getOpenOrders().values()) {
            total += units;
        }
        return total;
    }

    /**
     * Adds units sold on {@code epochDay} to the history, keeping at most {@code maxDays} days.
     * Returns false when the day is older than the kept history (the units are not recorded).
     */
    public static boolean addDemand(SkuState state, int epochDay, long units, int maxDays) {
        List<Integer> history = state.getHistory();
        if (history.isEmpty()) {
            state.setHistoryStartDay(epochDay);
            history.add(0);
        }
        if (epochDay < state.getHistoryStartDay()) {
            int missing = state.getHistoryStartDay() - epochDay;
            if (history.size() + missing > maxDays) {
                return false;
            }
            List<Integer> grown = new ArrayList<>(history.size() + missing);
            for (int i = 0; i < missing; i++) {
                grown.add(0);
            }
            grown.addAll(history);
            history = grown;
            state.setHistory(history);
            state.setHistoryStartDay(epochDay);
        }
        extendTo(state, epochDay, maxDays);
        history = state.getHistory();
        int index = epochDay - state.getHistoryStartDay();
        history.set(index, (int) Math.min(Integer.MAX_VALUE, history.get(index) + units));
        return true;
    }

    /** Zero-fills the history up to {@code epochDay} and drops days beyond {@code maxDays}. */
    public static void extendTo(SkuState state, int epochDay, int maxDays) {
        List<Integer> history = state.getHistory();
        if (history.isEmpty()) {
            return;
        }
        int last = state.getHistoryStartDay() + history.size() - 1;
        if (epochDay - maxDays >= last) {
            // Everything kept is older than the window: start afresh at the new day.
            history.clear();
            history.add(0);
            state.setHistoryStartDay(epochDay);
            return;
        }
        for (int day = last + 1; day <= epochDay; day++) {
            history.add(0);
        }
        int excess = history.size() - maxDays;
        if (excess > 0) {
            history.subList(0, excess).clear();
            state.setHistoryStartDay(state.getHistoryStartDay() + excess);
        }
    }

    /** Epoch day of the newest history bucket (Integer.MIN_VALUE when there is none). */
    public static int lastDay(SkuState state) {
        return state.getHistory().isEmpty() ? Integer.MIN_VALUE
                : state.getHistoryStartDay() + state.getHistory().size() - 1;
    }

    /** Units sold on a day, 0 outside the history. */
    public static int demandOn(SkuState state, int epochDay) {
        int index = epochDay - state.getHistoryStartDay();
        List<Integer> history = state.getHistory();
        return index >= 0 && index < history.size() ? history.get(index) : 0;
    }

    /** The history up to and including {@code lastDay}, zero-filled, for a forecaster. */
    public static DemandHistory historyUpTo(SkuState state, String seriesKey, int lastDay, int maxDays) {
        int start = Math.max(state.getHistoryStartDay(), lastDay - maxDays + 1);
        int length = Math.max(0, lastDay - start + 1);
        if (state.getHistory().isEmpty()) {
            return new DemandHistory(seriesKey, lastDay, new int[0]);
        }
        int[] daily = new int[length];
        for (int i = 0; i < length; i++) {
            daily[i] = demandOn(state, start + i);
        }
        return new DemandHistory(seriesKey, lastDay, daily);
    }
}
