package io.stockpulse.decision;

import java.util.List;

/**
 * The units at stake behind each kind of open exception a planner acts on, so that stockouts, reorder
 * triggers and overstock rank on one scale once multiplied by the unit cost. Pure functions of the
 * plan, the stock position and the orders due (the alerts' own projection, {@link CloseAlerts#daysUntilStockout},
 * also lets stock and due orders run down at the plan's daily demand).
 */
public final class ExceptionValues {

    private ExceptionValues() {
    }

    /**
     * Demand over the next lead time L that stock will not serve when it is asked for: day by day from
     * {@code today}, each day's expected demand d (a fraction of it on the last, partial day) is served
     * from what is on hand, orders adding their units on their due day (first to the customers still
     * waiting, as a backorder is filled). Out of stock with nothing due within L, that is the whole
     * lead-time demand d·L; a projected stockout counts the days between running out and L.
     */
    public static double stockoutUnits(long netStock, List<OpenOrder> orders, double dailyDemand, double leadTimeDays,
                                       int today) {
        if (!(dailyDemand > 0) || !(leadTimeDays > 0)) {
            return 0;
        }
        double stock = netStock;
        double unserved = 0;
        int days = (int) Math.ceil(leadTimeDays);
        for (int day = 1; day <= days; day++) {
            for (OpenOrder order : orders) {
                if (order.dueDay() == today + day) {
                    stock += order.quantity();
                }
            }
            double demand = dailyDemand * Math.min(1, leadTimeDays - (day - 1));
            unserved += demand - Math.min(demand, Math.max(0, stock));
            stock -= demand;
        }
        return unserved;
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
