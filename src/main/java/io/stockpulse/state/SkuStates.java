package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;

/** Operations on {@link SkuState}: stock movements and the compact daily demand history. */
public final class SkuStates {

    private SkuStates() {
    }

    public static SkuState empty(String sku, String locationId) {
        return SkuState.newBuilder()
                .setSku(sku)
                .setLocationId(locationId)
                .setOpenOrders(new HashMap<>())
                .setOrderDueDays(new HashMap<>())
                .setSpecialOrders(new HashMap<>())
                .setDailyDemand(ByteBuffer.allocate(0))
                .setOnHandByDay(ByteBuffer.allocate(0))
                // Set, not defaulted: Avro builds a record-typed default by loading its class by name, which
                // its class-security check refuses before a serde has trusted the state's types.
                .setOrderTimings(new HashMap<>())
                .setLeadTimes(new ArrayList<>())
                .setRecentEventIds(new ArrayList<>())
                .build();
    }

    /**
     * Makes the collections of a state read from a store plain mutable Java collections (Avro
     * hands back its own map type, which does not support every operation used here).
     */
    public static SkuState mutable(SkuState state) {
        state.setOpenOrders(new HashMap<>(state.getOpenOrders()));
        state.setOrderDueDays(new HashMap<>(state.getOrderDueDays()));
        state.setSpecialOrders(new HashMap<>(state.getSpecialOrders()));
        state.setRecentEventIds(new ArrayList<>(state.getRecentEventIds()));
        return state;
    }

    public static long onOrder(SkuState state) {
        long total = 0;
        for (long units : state.getOpenOrders().values()) {
            total += units;
        }
        return total;
    }

    /** Units sold per day from {@code historyStartDay}, oldest first (a copy). */
    public static int[] history(SkuState state) {
        return DailyDemandCodec.unpack(state.getDailyDemand());
    }

    /** Replaces the daily demand series, starting at {@code startDay}. */
    public static void setHistory(SkuState state, int startDay, int[] days) {
        state.setHistoryStartDay(startDay);
        state.setDailyDemand(DailyDemandCodec.pack(days));
    }

    /**
     * Adds units sold on {@code epochDay} to the history, keeping at most {@code maxDays} days.
     * Returns false when the day is older than the kept history (the units are not recorded).
     */
    public static boolean addDemand(SkuState state, int epochDay, long units, int maxDays) {
        int[] history = history(state);
        int start = state.getHistoryStartDay();
        if (history.length == 0) {
            start = epochDay;
            history = new int[] {0};
        }
        if (epochDay < start) {
            int missing = start - epochDay;
            if (history.length + missing > maxDays) {
                return false;
            }
            int[] grown = new int[history.length + missing];
            System.arraycopy(history, 0, grown, missing, history.length);
            history = grown;
            start = epochDay;
        }
        Series series = extend(new Series(start, history), epochDay, maxDays);
        int index = epochDay - series.start();
        series.days()[index] = (int) Math.min(Integer.MAX_VALUE, series.days()[index] + units);
        setHistory(state, series.start(), series.days());
        return true;
    }

    /** Zero-fills the history up to {@code epochDay} and drops days beyond {@code maxDays}. */
    public static void extendTo(SkuState state, int epochDay, int maxDays) {
        int[] history = history(state);
        if (history.length == 0) {
            return;
        }
        Series extended = extend(new Series(state.getHistoryStartDay(), history), epochDay, maxDays);
        if (extended.start() != state.getHistoryStartDay() || extended.days().length != history.length) {
            setHistory(state, extended.start(), extended.days());
        }
    }

    private record Series(int start, int[] days) {
    }

    private static Series extend(Series series, int epochDay, int maxDays) {
        int last = series.start() + series.days().length - 1;
        if (epochDay - maxDays >= last) {
            // Everything kept is older than the window: start afresh at the new day.
            return new Series(epochDay, new int[] {0});
        }
        if (epochDay <= last) {
            return series;
        }
        int length = epochDay - series.start() + 1;
        int drop = Math.max(0, length - maxDays);
        int[] days = new int[length - drop];
        System.arraycopy(series.days(), drop, days, 0, series.days().length - drop);
        return new Series(series.start() + drop, days);
    }

    /** Epoch day of the newest history bucket (Integer.MIN_VALUE when there is none). */
    public static int lastDay(SkuState state) {
        int length = history(state).length;
        return length == 0 ? Integer.MIN_VALUE : state.getHistoryStartDay() + length - 1;
    }

    /** Units sold on a day, 0 outside the history. */
    public static int demandOn(SkuState state, int epochDay) {
        return demandOn(history(state), state.getHistoryStartDay(), epochDay);
    }

    private static int demandOn(int[] history, int startDay, int epochDay) {
        int index = epochDay - startDay;
        return index >= 0 && index < history.length ? history[index] : 0;
    }

    /** The last {@code days} daily buckets, oldest first (fewer when the history is shorter). */
    public static int[] lastDays(SkuState state, int days) {
        int[] history = history(state);
        int n = Math.min(days, history.length);
        return Arrays.copyOfRange(history, history.length - n, history.length);
    }

    /**
     * Daily units up to and including {@code lastDay}, oldest first, zero-filled, at most {@code maxDays}
     * (a forecaster's history: wrap it in the forecaster's own type).
     */
    public static int[] dailyUpTo(SkuState state, int lastDay, int maxDays) {
        int[] history = history(state);
        if (history.length == 0) {
            return new int[0];
        }
        int startDay = state.getHistoryStartDay();
        int start = Math.max(startDay, lastDay - maxDays + 1);
        int length = Math.max(0, lastDay - start + 1);
        int[] daily = new int[length];
        for (int i = 0; i < length; i++) {
            daily[i] = demandOn(history, startDay, start + i);
        }
        return daily;
    }
}
