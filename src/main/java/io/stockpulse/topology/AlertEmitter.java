package io.stockpulse.topology;

import io.stockpulse.forecast.ForecastQuantiles;
import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.AlertTransition;
import io.stockpulse.decision.CloseAlerts;
import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.decision.LeadTimeUsed;
import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.Planner;
import io.stockpulse.decision.Positions;
import io.stockpulse.decision.Reordering;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.DemandOutlooks;
import io.stockpulse.state.LeadTimeStates;
import io.stockpulse.state.SkuDecisionState;
import io.stockpulse.state.SkuStates;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Wires the decision core ({@code io.stockpulse.decision}) into the stream: after every event the
 * reorder rule runs against the plan of the last close; at a day close the plan is remade (when the
 * forecast was refreshed) and the stockout and overstock alerts are evaluated. Only transitions are
 * forwarded. The flags live in the SKU state, so a restarted instance repeats nothing.
 */
final class AlertEmitter {

    static final String TRIGGERS = "reorder-triggers-sink";
    static final String STOCKOUTS = "stockout-alerts-sink";
    static final String OVERSTOCKS = "overstock-warnings-sink";

    private final ProcessorContext<String, Object> context;
    private final PipelineCounters counters;
    private final ClassSettings classes;
    private final DecisionSettings decisions;
    private final int historyDays;

    AlertEmitter(ProcessorContext<String, Object> context, PipelineCounters counters, ClassSettings classes,
                 DecisionSettings decisions, int historyDays) {
        this.context = context;
        this.counters = counters;
        this.classes = classes;
        this.decisions = decisions;
        this.historyDays = historyDays;
    }

    /** The reorder rule after an event (continuous review); mutates the trigger state. */
    void afterEvent(SkuState state, PolicyParameters policy, int today, long timestamp) {
        List<OpenOrder> orders = SkuDecisionState.orders(state);
        SkuPlan plan = SkuDecisionState.plan(state);
        Reordering.Step step = Reordering.evaluate(SkuDecisionState.trigger(state), triggerPrefix(state),
                state.getNetStock(), orders, plan, policy, today);
        SkuDecisionState.setTrigger(state, step.state());
        if (step.fired() != null) {
            forwardTrigger(state, policy, plan, orders, step.fired(), false, timestamp);
        }
    }

    /**
     * At the close of {@code closedDay}: a new plan when {@code replan}, the day-close alerts, then the
     * reorder rule against the (new) plan. Returns whether the state changed and needs writing.
     */
    boolean atClose(SkuState state, PolicyParameters policy, int closedDay, long timestamp, boolean replan) {
        boolean changed = false;
        if (replan) {
            SkuDecisionState.setPlan(state, Planner.plan(planInputs(state, policy, closedDay), decisions));
            changed = true;
        }
        SkuPlan plan = SkuDecisionState.plan(state);
        List<OpenOrder> orders = SkuDecisionState.orders(state);
        CloseAlerts.Outcome outcome = CloseAlerts.evaluate(SkuDecisionState.flags(state), state.getNetStock(), orders,
                plan, policy, SkuDecisionState.historyDays(state, closedDay), closedDay, policy.unitCost(), decisions);
        for (AlertTransition transition : outcome.transitions()) {
            forward(state, plan, transition, closedDay, timestamp);
        }
        changed |= SkuDecisionState.setFlags(state, outcome.flags());
        Reordering.State before = SkuDecisionState.trigger(state);
        afterEvent(state, policy, closedDay, timestamp);
        return changed || !before.equals(SkuDecisionState.trigger(state));
    }

    /** A sale line far above the SKU's usual ones: ordered back to back for its customer. Returns the order id. */
    String specialOrder(SkuState state, PolicyParameters policy, String eventId, long quantity, long timestamp) {
        String id = triggerPrefix(state) + "/special/" + eventId;
        forwardTrigger(state, policy, SkuDecisionState.plan(state), SkuDecisionState.orders(state),
                new Reordering.Trigger(id, quantity, Positions.inventoryPosition(state.getNetStock(),
                        SkuDecisionState.orders(state))), true, timestamp);
        return id;
    }

    /** Whether a sale line is a special order under the plan of the last close. */
    static boolean isSpecial(SkuState state, long quantity) {
        return quantity > SkuDecisionState.plan(state).specialLineThreshold();
    }

    private Planner.Inputs planInputs(SkuState state, PolicyParameters policy, int closedDay) {
        int[] history = SkuStates.dailyUpTo(state, closedDay, historyDays);
        double[] mean = null;
        String source = null;
        if (state.getForecast() != null) {
            List<Float> forecast = state.getForecast().getMean();
            int offset = Math.max(0, closedDay + 1 - state.getForecast().getFirstDay());
            mean = new double[Math.max(0, forecast.size() - offset)];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = forecast.get(offset + i);
            }
            source = state.getForecast().getModel() + "@" + state.getForecast().getVersion();
        }
        // With decision.lead-time-demand=forecast the plan reads the forecaster's cumulative quantiles, as
        // simulate does; the planner falls back to the history when there are none.
        ForecastQuantiles q = decisions.forecastQuantiles() ? ForecastRecords.cumulative(state.getForecast()) : null;
        Planner.DemandQuantiles quantiles = q == null ? null : new Planner.DemandQuantiles(q.levels(), q::cumulative);
        return new Planner.Inputs(policy, history, SkuDecisionState.historyDays(state, closedDay), mean, source,
                closedDay, LeadTimeStates.observations(state), quantiles);
    }

    private void forwardTrigger(SkuState state, PolicyParameters policy, SkuPlan plan, List<OpenOrder> orders,
                                Reordering.Trigger fired, boolean special, long timestamp) {
        long onOrder = Positions.onOrder(orders);
        ReorderTrigger trigger = ReorderTrigger.newBuilder()
                .setTriggerId(fired.id())
                .setSku(state.getSku()).setLocationId(state.getLocationId())
                .setOnHand(Math.max(0, state.getNetStock()))
                .setOnOrder(onOrder)
                .setInventoryPosition(fired.inventoryPosition())
                .setReorderPoint(plan.known() ? plan.reorderPoint() : 0)
                .setSafetyStock(plan.safetyStock())
                .setOrderQuantity(fired.quantity())
                .setLeadTimeDemand(plan.leadTimeDemand())
                .setServiceLevel(policy.serviceLevel())
                .setForecastSource(plan.source())
                .setAt(Instant.ofEpochMilli(timestamp))
                .setPolicyType(policy.type().name())
                .setAbcClass(state.getAbcClass())
                .setXyzClass(xyzClass(state))
                .setSpecialOrder(special)
                .setOrderUpTo(plan.known() ? plan.orderUpTo() : null)
                .setExpectedFillRate(finite(plan.fillRate()))
                .setExpectedCycleServiceLevel(finite(plan.cycleServiceLevel()))
                .setLeadTimeSource(plan.known() ? plan.leadTime().source() : null)
                .setLeadTimeDays(plan.known() ? finite(leadTime(plan, policy).days()) : null)
                .setLeadTimeStdDays(plan.known() ? finite(leadTime(plan, policy).stdDays()) : null)
                .build();
        context.forward(new Record<>(state.getSku(), trigger, timestamp), TRIGGERS);
        counters.increment(PipelineCounters.ALERTS, special ? "special_order" : "reorder_trigger");
    }

    private void forward(SkuState state, SkuPlan plan, AlertTransition t, int closedDay, long timestamp) {
        String sku = state.getSku();
        long onHand = Math.max(0, state.getNetStock());
        double cover = plan.daysOfCover(onHand);
        Double daysOfCover = Double.isFinite(cover) ? cover : null;
        AlertState alertState = t.raised() ? AlertState.RAISED : AlertState.RESOLVED;
        if (t.kind() == AlertTransition.Kind.STOCKOUT) {
            LocalDate stockoutDate = t.raised() && t.daysUntilStockout() >= 0
                    ? LocalDate.ofEpochDay(closedDay + t.daysUntilStockout()) : null;
            StockoutAlert alert = StockoutAlert.newBuilder()
                    .setSku(sku).setLocationId(state.getLocationId())
                    .setState(alertState)
                    .setSeverity(SkuDecisionState.severity(t.level()))
                    .setOnHand(onHand)
                    .setDaysOfCover(daysOfCover)
                    .setProjectedStockoutDate(stockoutDate)
                    .setAt(Instant.ofEpochMilli(timestamp))
                    .setAbcClass(state.getAbcClass())
                    .setXyzClass(xyzClass(state))
                    .build();
            context.forward(new Record<>(sku, alert, timestamp), STOCKOUTS);
            count("stockout_" + t.level().name().toLowerCase(), alertState);
        } else {
            OverstockWarning warning = OverstockWarning.newBuilder()
                    .setSku(sku).setLocationId(state.getLocationId())
                    .setState(alertState)
                    .setOnHand(onHand)
                    .setExcessQuantity(t.excessUnits())
                    .setValueAtRisk(t.valueAtRisk())
                    .setDaysOfCover(daysOfCover)
                    .setAt(Instant.ofEpochMilli(timestamp))
                    .setAbcClass(state.getAbcClass())
                    .setXyzClass(xyzClass(state))
                    .build();
            context.forward(new Record<>(sku, warning, timestamp), OVERSTOCKS);
            count("overstock", alertState);
        }
    }

    /** The stored XYZ class; before the SKU's first classification, computed from its demand so far. */
    private String xyzClass(SkuState state) {
        if (state.getXyzClass() != null) {
            return state.getXyzClass();
        }
        return AbcXyzClassification.xyzClass(DemandOutlooks.recentDemand(state, classes.windowDays()), classes.xyz())
                .name();
    }

    /** The plan's lead time; a plan stored before lead times were learned used the policy's configured one. */
    private static LeadTimeUsed leadTime(SkuPlan plan, PolicyParameters policy) {
        return Double.isNaN(plan.leadTime().days()) ? LeadTimeUsed.configured(policy) : plan.leadTime();
    }

    private static String triggerPrefix(SkuState state) {
        return state.getSku() + "/" + state.getLocationId();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private void count(String kind, AlertState state) {
        counters.increment(PipelineCounters.ALERTS, kind + "_" + state.name().toLowerCase());
    }
}
