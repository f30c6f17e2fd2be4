package io.stockpulse.api;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.decision.LeadTimeLearning;
import io.stockpulse.decision.PlanViews;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;
import io.stockpulse.state.LeadTimeStates;
import io.stockpulse.state.SkuDecisionState;
import io.stockpulse.state.SkuPlans;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StockKpis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views (maps, for Jackson) of stored SKU × location states; no Kafka types. */
final class SkuViews {

    private SkuViews() {
    }

    /** One location of a SKU: stock, position, the policy's figures, the latest forecast, open alerts. */
    static Map<String, Object> location(SkuState state, PolicyParameters policy) {
        return location(state, policy, LeadTimeLearning.DEFAULT);
    }

    /** As above, with the configured lead-time learning (whether the next plan uses the observed lead time). */
    static Map<String, Object> location(SkuState state, PolicyParameters policy, LeadTimeLearning learning) {
        int lastDay = SkuStates.lastDay(state);
        boolean noSales = lastDay == Integer.MIN_VALUE;
        int today = noSales ? (state.getForecast() == null ? 0 : state.getForecast().getFirstDay()) : lastDay;
        ReplenishmentPlan plan = SkuPlans.plan(state, policy, today);
        long onOrder = SkuStates.onOrder(state);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("locationId", state.getLocationId());
        view.put("onHand", state.getNetStock());
        view.put("onOrder", onOrder);
        view.put("position", state.getNetStock() + onOrder);
        view.put("reorderPoint", finite(plan.reorderPoint()));
        view.put("safetyStock", finite(plan.safetyStock()));
        view.put("orderQuantity", plan.orderQuantity());
        SkuPlan core = SkuDecisionState.plan(state);
        view.put("orderUpTo", core.known() ? finite(core.orderUpTo()) : null);
        view.put("expectedFillRate", core.known() ? finite(core.fillRate()) : null);
        view.put("expectedCycleServiceLevel", core.known() ? finite(core.cycleServiceLevel()) : null);
        view.put("specialOrderAbove", finite(core.specialLineThreshold()));
        view.put("overstockLimit", core.known() ? finite(core.overstockLimit()) : null);
        view.put("planSource", core.source());
        view.put("daysOfCover", finite(plan.daysOfCover()));
        view.put("serviceLevel", policy.serviceLevel());
        view.put("leadTime", PlanViews.leadTime(policy, LeadTimeStates.observations(state), core, learning));
        view.put("abcClass", state.getAbcClass());
        view.put("xyzClass", state.getXyzClass());
        view.put("asOf", noSales ? null : LocalDate.ofEpochDay(lastDay).toString());
        view.put("forecast", forecast(state.getForecast()));
        view.put("history", history(state));
        view.put("openAlerts", openAlerts(state));
        return view;
    }

    static List<Map<String, Object>> openAlerts(SkuState state) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        if (state.getStockoutSeverity() != null) {
            alerts.add(alert(state, "stockout", state.getStockoutSeverity().name()));
        }
        if (state.getOverstockOpen()) {
            alerts.add(alert(state, "overstock", null));
        }
        if (state.getOpenTriggerId() != null) {
            Map<String, Object> trigger = alert(state, "reorder_trigger", null);
            trigger.put("triggerId", state.getOpenTriggerId());
            alerts.add(trigger);
        }
        return alerts;
    }

    private static Map<String, Object> alert(SkuState state, String kind, String severity) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("kind", kind);
        alert.put("sku", state.getSku());
        alert.put("locationId", state.getLocationId());
        if (severity != null) {
            alert.put("severity", severity);
        }
        alert.put("onHand", state.getNetStock());
        alert.put("abcClass", state.getAbcClass());
        alert.put("xyzClass", state.getXyzClass());
        return alert;
    }

    private static Map<String, Object> forecast(StoredForecast forecast) {
        if (forecast == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", forecast.getModel());
        view.put("version", forecast.getVersion());
        view.put("firstDay", LocalDate.ofEpochDay(forecast.getFirstDay()).toString());
        view.put("mean", forecast.getMean());
        view.put("p50", forecast.getP50());
        view.put("p90", forecast.getP90());
        return view;
    }

    /** Daily units sold, oldest first, from {@code startDay}; at most the last 120 days. */
    private static Map<String, Object> history(SkuState state) {
        int[] days = SkuStates.history(state);
        int keep = Math.min(120, days.length);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("startDay", LocalDate.ofEpochDay(state.getHistoryStartDay() + days.length - keep).toString());
        view.put("unitsSold", Arrays.stream(days, days.length - keep, days.length).boxed().toList());
        // End-of-day on hand of the accounted days (up to the day before the last event's day).
        int[] onHand = StockKpis.onHandByDay(state);
        view.put("onHandStartDay", onHand.length == 0 ? null
                : LocalDate.ofEpochDay(state.getKpiDay() - onHand.length).toString());
        view.put("onHand", Arrays.stream(onHand).boxed().toList());
        return view;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
