package io.stockpulse.decision;

/**
 * The units at stake behind each kind of open exception a planner acts on, so that stockouts, reorder
 * triggers and overstock rank on one scale once multiplied by the unit cost. Pure functions of the
 * plan and the stock position; the stockout's figure is the one the daily report's top risks use
 * ({@code policy.RiskItem}), so the cockpit and the report agree on the same SKU.
 */
public final class ExceptionValues {

    private ExceptionValues() {
    }

    /**
     * Demand over the lead time that stock and orders will not serve. Out of stock (nothing on hand):
     * the whole lead-time demand, because a new order arrives at best one lead time later. A projected
     * stockout: lead-time demand − inventory position (on hand + on order − backorders), never below 0.
     */
    public static double stockoutUnits(SkuPlan plan, long netStock, long onOrder) {
        if (!plan.known()) {
            return 0;
        }
        if (netStock <= 0) {
            return Math.max(0, plan.leadTimeDemand());
        }
        return Math.max(0, plan.leadTimeDemand() - (netStock + onOrder));
    }

    /**
     * The order an open (not yet ordered) reorder trigger calls for: order-up-to S − inventory
     * position, rounded up to whole units, never below 0. Its value is the purchase the trigger
     * waits on.
     */
    public static double reorderUnits(SkuPlan plan, long netStock, long onOrder) {
        if (!plan.known()) {
            return 0;
        }
        return Math.max(0, Math.ceil(plan.orderUpTo() - (netStock + onOrder)));
    }

    /** Units above the overstock limit: inventory position − limit, never below 0 (as the report's excess). */
    public static double overstockUnits(SkuPlan plan, long netStock, long onOrder) {
        if (!plan.known() || !Double.isFinite(plan.overstockLimit())) {
            return 0;
        }
        return Math.max(0, netStock + onOrder - plan.overstockLimit());
    }

    /** Units × unit cost; 0 when either is not a finite, positive number. */
    public static double value(double units, double unitCost) {
        return units > 0 && unitCost > 0 && Double.isFinite(units * unitCost) ? units * unitCost : 0;
    }
}
