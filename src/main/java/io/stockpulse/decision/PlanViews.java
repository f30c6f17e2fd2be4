package io.stockpulse.decision;

import io.stockpulse.policy.ReplenishmentPlan;

import java.util.List;

/** The decision core's plan with the figures a report or a view derives from it for today's position. */
public final class PlanViews {

    private PlanViews() {
    }

    public static ReplenishmentPlan replenishmentPlan(SkuPlan plan, long netStock, List<OpenOrder> orders, int today,
                                                      double unitCost) {
        long onHand = Math.max(0, netStock);
        long position = Positions.inventoryPosition(netStock, orders);
        double excess = plan.known() ? Math.max(0, position - plan.overstockLimit()) : 0;
        int daysUntilStockout = CloseAlerts.daysUntilStockout(onHand, orders, plan.dailyDemand(), today);
        double safety = plan.known() ? plan.safetyStock() : 0;
        double reorderPoint = plan.known() ? plan.reorderPoint() : 0;
        return new ReplenishmentPlan(plan.leadTimeDemand(), 0, safety, reorderPoint, plan.orderQuantity(),
                plan.orderUpTo(), Math.round(plan.orderQuantity()), plan.dailyDemand(), plan.daysOfCover(onHand),
                daysUntilStockout, excess, excess * unitCost, plan.known() && position <= plan.reorderPoint());
    }
}
