package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    /**
     * Observed against configured lead time, for the API: the policy's L and σL, the summary of the
     * measured ones (all, and per supplier), and the one the plan of the last close used.
     */
    public static Map<String, Object> leadTime(PolicyParameters policy, List<LeadTimeObservation> observations,
                                               SkuPlan plan, LeadTimeLearning learning) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("configured", Map.of("days", policy.leadTimeDays(), "stdDays", policy.leadTimeStdDays()));
        LeadTimeEstimate all = LeadTimeEstimate.of(observations);
        view.put("observed", all.count() == 0 ? null : summary(all));
        Map<String, Object> bySupplier = new LinkedHashMap<>();
        TreeSet<String> suppliers = new TreeSet<>();
        observations.forEach(o -> {
            if (o.supplierId() != null) {
                suppliers.add(o.supplierId());
            }
        });
        suppliers.forEach(id -> bySupplier.put(id, summary(LeadTimeEstimate.ofSupplier(observations, id))));
        view.put("bySupplier", bySupplier);
        view.put("minReceipts", learning.minReceipts());
        view.put("learn", learning.learn());
        LeadTimeUsed next = LeadTimeEstimate.choose(policy, observations, learning);
        view.put("nextPlanUses", next.source());
        LeadTimeUsed used = plan.leadTime();
        if (plan.known() && !Double.isNaN(used.days())) {
            Map<String, Object> planUsed = new LinkedHashMap<>();
            planUsed.put("source", used.source());
            planUsed.put("days", used.days());
            planUsed.put("stdDays", used.stdDays());
            planUsed.put("receipts", used.observations());
            view.put("planUsed", planUsed);
        } else {
            view.put("planUsed", null);
        }
        return view;
    }

    private static Map<String, Object> summary(LeadTimeEstimate e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("receipts", e.count());
        view.put("meanDays", e.mean());
        view.put("stdDays", e.std());
        view.put("p50Days", e.quantile(0.5));
        view.put("p90Days", e.quantile(0.9));
        return view;
    }
}
