package io.stockpulse.state;

import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredPlan;
import io.stockpulse.decision.AlertFlags;
import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.Reordering;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.StockoutLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decision core's view of a stored {@link SkuState} and back: open orders with their due days,
 * the plan of the last close, the alert flags and the trigger state. The stream and the API read a
 * state through this one class, so they see the same inputs the decision core saw.
 */
public final class SkuDecisionState {

    private SkuDecisionState() {
    }

    public static List<OpenOrder> orders(SkuState state) {
        Map<String, Long> open = state.getOpenOrders();
        List<OpenOrder> orders = new ArrayList<>(open.size());
        Map<String, Integer> due = state.getOrderDueDays();
        // Sorted by id: the order of a map's entries must not reach a decision.
        open.keySet().stream().sorted().forEach(id -> {
            Integer day = due == null ? null : due.get(id);
            orders.add(new OpenOrder(id, open.get(id), day == null ? OpenOrder.UNKNOWN_DUE : day));
        });
        return orders;
    }

    public static SkuPlan plan(SkuState state) {
        StoredPlan p = state.getPlan();
        if (p == null) {
            return SkuPlan.none(Integer.MIN_VALUE);
        }
        return new SkuPlan(p.getDay(), p.getDailyDemand(), p.getLeadTimeDemand(), p.getSafetyStock(),
                p.getReorderPoint(), p.getOrderUpTo(), p.getOrderQuantity(), p.getCycleServiceLevel(), p.getFillRate(),
                p.getOverstockLimit(), p.getSpecialLineThreshold() == null ? Double.POSITIVE_INFINITY
                : p.getSpecialLineThreshold(), p.getSource(), LeadTimeStates.leadTimeUsed(p));
    }

    public static void setPlan(SkuState state, SkuPlan plan) {
        state.setPlan(StoredPlan.newBuilder()
                .setDay(plan.day())
                .setDailyDemand(plan.dailyDemand())
                .setLeadTimeDemand(plan.leadTimeDemand())
                .setSafetyStock(plan.safetyStock())
                .setReorderPoint(plan.reorderPoint())
                .setOrderUpTo(plan.orderUpTo())
                .setOrderQuantity(plan.orderQuantity())
                .setCycleServiceLevel(plan.cycleServiceLevel())
                .setFillRate(plan.fillRate())
                .setOverstockLimit(plan.overstockLimit())
                .setSpecialLineThreshold(Double.isFinite(plan.specialLineThreshold()) ? plan.specialLineThreshold() : null)
                .setSource(plan.source())
                .setLeadTimeSource(plan.leadTime().source())
                .setLeadTimeDays(finiteOrNull(plan.leadTime().days()))
                .setLeadTimeStdDays(finiteOrNull(plan.leadTime().stdDays()))
                .setLeadTimeObservations(plan.leadTime().observations())
                .build());
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    public static AlertFlags flags(SkuState state) {
        return new AlertFlags(level(state.getStockoutSeverity()), state.getOverstockOpen(), state.getOverstockStreak(),
                state.getProjectedStreak());
    }

    /** Stores the flags; true when anything changed (the state then needs writing). */
    public static boolean setFlags(SkuState state, AlertFlags flags) {
        if (flags.equals(flags(state))) {
            return false;
        }
        state.setStockoutSeverity(severity(flags.stockout()));
        state.setOverstockOpen(flags.overstockOpen());
        state.setOverstockStreak(flags.overstockStreak());
        state.setProjectedStreak(flags.projectedStreak());
        return true;
    }

    public static Reordering.State trigger(SkuState state) {
        return new Reordering.State(state.getOpenTriggerId(), state.getTriggerSequence(),
                state.getLastTriggerDay() < 0 ? Integer.MIN_VALUE : state.getLastTriggerDay());
    }

    /** Stores the trigger state; true when anything changed. */
    public static boolean setTrigger(SkuState state, Reordering.State trigger) {
        if (trigger.equals(trigger(state))) {
            return false;
        }
        state.setOpenTriggerId(trigger.openTriggerId());
        state.setTriggerSequence(trigger.sequence());
        state.setLastTriggerDay(trigger.lastTriggerDay() == Integer.MIN_VALUE ? -1 : trigger.lastTriggerDay());
        return true;
    }

    /** Days from the SKU's first event to {@code day}, both counted (0 before any event). */
    public static int historyDays(SkuState state, int day) {
        return state.getKpiFromDay() < 0 ? 0 : Math.max(0, day - state.getKpiFromDay() + 1);
    }

    public static StockoutLevel level(StockoutSeverity severity) {
        if (severity == null) {
            return StockoutLevel.NONE;
        }
        return severity == StockoutSeverity.OUT_OF_STOCK ? StockoutLevel.OUT_OF_STOCK : StockoutLevel.PROJECTED;
    }

    public static StockoutSeverity severity(StockoutLevel level) {
        return switch (level) {
            case NONE -> null;
            case OUT_OF_STOCK -> StockoutSeverity.OUT_OF_STOCK;
            case PROJECTED -> StockoutSeverity.PROJECTED;
        };
    }
}
