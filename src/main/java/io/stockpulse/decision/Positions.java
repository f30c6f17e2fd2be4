package io.stockpulse.decision;

import java.util.List;

/**
 * Stock movements as pure functions on net stock (on hand − customer backorders), so that only
 * customers create and fill backorders: a write-off takes only what is on hand, a physical count
 * sets what is on hand and leaves the backorders owed to customers alone.
 */
public final class Positions {

    private Positions() {
    }

    public static long onOrder(List<OpenOrder> orders) {
        long total = 0;
        for (OpenOrder order : orders) {
            total += order.quantity();
        }
        return total;
    }

    /** Inventory position = on hand + on order − backorders = net stock + on order. */
    public static long inventoryPosition(long netStock, List<OpenOrder> orders) {
        return netStock + onOrder(orders);
    }

    /** A write-off (damage, loss, negative adjustment) of {@code units}: never below zero on hand. */
    public static long writeOff(long netStock, long units) {
        if (netStock <= 0) {
            return netStock;
        }
        return Math.max(0, netStock - units);
    }

    /** A physical count of {@code counted} units on hand: the backorders stay owed. */
    public static long count(long netStock, long counted) {
        long backorders = Math.max(0, -netStock);
        return counted - backorders;
    }
}
