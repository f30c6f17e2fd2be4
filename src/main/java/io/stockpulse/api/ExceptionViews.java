package io.stockpulse.api;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.ExceptionValues;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.state.SkuDecisionState;
import io.stockpulse.state.SkuStates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's exception list (GET /api/exceptions): one row per open stockout alert, open reorder
 * trigger (open means not yet ordered: a trigger closes when its purchase order is on order) and
 * open overstock warning, valued at unit cost ({@link ExceptionValues}). JSON maps, no Kafka types.
 */
final class ExceptionViews {

    /** Largest value first; ties in a fixed order so every instance and every refresh list them alike. */
    static final Comparator<Map<String, Object>> LARGEST_FIRST = Comparator
            .comparingDouble((Map<String, Object> row) -> ((Number) row.get("value")).doubleValue()).reversed()
            .thenComparing(row -> (String) row.get("sku"))
            .thenComparing(row -> (String) row.get("locationId"))
            .thenComparing(row -> (String) row.get("kind"));

    private ExceptionViews() {
    }

    /** True when the state has an open stockout, reorder trigger or overstock. */
    static boolean hasOpen(SkuState state) {
        return state.getStockoutSeverity() != null || state.getOpenTriggerId() != null || state.getOverstockOpen();
    }

    /**
     * The state's open exceptions.
     *
     * @param policy       the resolved policy (its unit cost)
     * @param costFromData true when a SKU or SKU@location policy sets the unit cost (the demo publishes
     *                     the data's prices so); false when it is the configured default
     */
    static List<Map<String, Object>> of(SkuState state, PolicyParameters policy, boolean costFromData) {
        SkuPlan plan = SkuDecisionState.plan(state);
        long netStock = state.getNetStock();
        long onOrder = SkuStates.onOrder(state);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (state.getStockoutSeverity() != null) {
            double units = plan.known() ? ExceptionValues.stockoutUnits(netStock, SkuDecisionState.orders(state),
                    plan.dailyDemand(), policy.leadTimeDays(), today(state)) : 0;
            Map<String, Object> row = row(state, "stockout", units, policy, costFromData);
            row.put("severity", state.getStockoutSeverity().name());
            rows.add(row);
        }
        if (state.getOpenTriggerId() != null) {
            Map<String, Object> row = row(state, "reorder_trigger",
                    ExceptionValues.reorderUnits(plan, netStock, onOrder), policy, costFromData);
            row.put("triggerId", state.getOpenTriggerId());
            rows.add(row);
        }
        if (state.getOverstockOpen()) {
            rows.add(row(state, "overstock", ExceptionValues.overstockUnits(plan, netStock, onOrder), policy,
                    costFromData));
        }
        return rows;
    }

    /** The last day with sales (as the SKU view's figures), else the forecast's first day. */
    private static int today(SkuState state) {
        int lastDay = SkuStates.lastDay(state);
        if (lastDay != Integer.MIN_VALUE) {
            return lastDay;
        }
        return state.getForecast() == null ? 0 : state.getForecast().getFirstDay();
    }

    private static Map<String, Object> row(SkuState state, String kind, double units, PolicyParameters policy,
                                           boolean costFromData) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kind);
        row.put("sku", state.getSku());
        row.put("locationId", state.getLocationId());
        row.put("abcClass", state.getAbcClass());
        row.put("xyzClass", state.getXyzClass());
        row.put("onHand", state.getNetStock());
        row.put("position", state.getNetStock() + SkuStates.onOrder(state));
        row.put("unitsAtStake", units);
        row.put("unitCost", policy.unitCost());
        row.put("unitCostSource", costFromData ? "policy" : "default");
        row.put("value", ExceptionValues.value(units, policy.unitCost()));
        return row;
    }
}
