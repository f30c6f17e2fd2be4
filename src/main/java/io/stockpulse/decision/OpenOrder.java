package io.stockpulse.decision;

/**
 * A purchase order still on its way.
 *
 * @param id       purchase order id (for a reorder trigger's order, the trigger id)
 * @param quantity units still to arrive
 * @param dueDay   epoch day it is expected (Integer.MAX_VALUE when unknown)
 */
public record OpenOrder(String id, long quantity, int dueDay) {
    public static final int UNKNOWN_DUE = Integer.MAX_VALUE;
}
