package io.stockpulse.topology;

import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.metrics.PipelineCounters;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.AlertRules;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.DemandOutlook;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;
import io.stockpulse.policy.ReplenishmentPlan;
import io.stockpulse.policy.ReplenishmentPolicy;
import io.stockpulse.policy.StockPosition;
import io.stockpulse.policy.StockoutLevel;
import io.stockpulse.state.SkuStates;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Re-evaluates a SKU's policy after its state changed and forwards only the transitions: an alert
 * is RAISED once (again only if its severity changes) and RESOLVED once; one reorder trigger stays
 * open until the inventory position is back above the reorder point. The alert flags live in the
 * SKU state, so a restarted instance restores them from the changelog and repeats nothing.
 */
final class AlertEmitter {

    static final String TRIGGERS = "reorder-triggers-sink";
    static final String STOCKOUTS = "stockout-alerts-sink";
    static final String OVERSTOCKS = "overstock-warnings-sink";

    /** Days of flat rate in an intermittent item's outlook (beyond it the same rate continues). */
    private static final int HORIZON_DAYS = 28;

    private final ProcessorContext<String, Object> context;
    private final double hysteresis;
    private final PipelineCounters counters;
    private final ClassSettings classes;

    AlertEmitter(ProcessorContext<String, Object> context, double hysteresis, PipelineCounters counters,
                 ClassSettings classes) {
        this.context = context;
        this.hysteresis = hysteresis;
        this.counters = counters;
        this.classes = classes;
    }

    /** Evaluates and emits; mutates the alert flags of {@code state}. Returns the plan evaluated. */
    ReplenishmentPlan evaluate(SkuState state, PolicyParameters policy, int today, long timestamp) {
        StockPosition position = new StockPosition(state.getNetStock(), SkuStates.onOrder(state));
        boolean intermittent = policy.type() == PolicyType.INTERMITTENT;
        long[] recent = intermittent ? DemandOutlooks.recentDemand(state, classes.windowDays()) : null;
        DemandOutlook outlook = intermittent
                ? DemandOutlooks.intermittent(recent, HORIZON_DAYS, classes.tsbAlpha(), classes.tsbBeta())
                : DemandOutlooks.of(state, today, policy.leadTimeDays());
        int demandDays = intermittent ? (int) java.util.Arrays.stream(recent).filter(d -> d > 0).count() : 0;
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(position, outlook, policy, today, demandDays);
        boolean haveForecast = state.getForecast() != null;
        String sku = state.getSku();
        Instant at = Instant.ofEpochMilli(timestamp);
        Double daysOfCover = Double.isFinite(plan.daysOfCover()) ? plan.daysOfCover() : null;
        String abcClass = state.getAbcClass();
        // Only an alert actually sent needs the XYZ class; before a SKU's first day close it means
        // decoding its demand history, which on every event was ~2 % of the stream thread.
        java.util.function.Supplier<String> xyzClass = new java.util.function.Supplier<>() {
            private String known;

            @Override
            public String get() {
                if (known == null) {
                    known = xyzClass(state, recent);
                }
                return known;
            }
        };

        StockoutLevel current = level(state.getStockoutSeverity());
        StockoutLevel next = AlertRules.stockout(current, position, plan, policy, hysteresis, haveForecast);
        if (next != current) {
            boolean resolved = next == StockoutLevel.NONE;
            StockoutSeverity severity = severity(resolved ? current : next);
            LocalDate stockoutDate = plan.daysUntilStockout() >= 0 ? LocalDate.ofEpochDay(today + plan.daysUntilStockout())
                    : null;
            StockoutAlert alert = StockoutAlert.newBuilder()
                    .setSku(sku).setLocationId(state.getLocationId())
                    .setState(resolved ? AlertState.RESOLVED : AlertState.RAISED)
                    .setSeverity(severity)
                    .setOnHand(position.onHand())
                    .setDaysOfCover(daysOfCover)
                    .setProjectedStockoutDate(resolved ? null : stockoutDate)
                    .setAt(at)
                    .setAbcClass(abcClass)
                    .setXyzClass(xyzClass.get())
                    .build();
            context.forward(new Record<>(sku, alert, timestamp), STOCKOUTS);
            count("stockout_" + severity.name().toLowerCase(), alert.getState());
            state.setStockoutSeverity(resolved ? null : severity);
        }

        boolean overstockOpen = state.getOverstockOpen();
        boolean overstockNext = AlertRules.overstock(overstockOpen, position, plan, policy, hysteresis, haveForecast);
        if (overstockNext != overstockOpen) {
            OverstockWarning warning = OverstockWarning.newBuilder()
                    .setSku(sku).setLocationId(state.getLocationId())
                    .setState(overstockNext ? AlertState.RAISED : AlertState.RESOLVED)
                    .setOnHand(position.onHand())
                    .setExcessQuantity(plan.excessQuantity())
                    .setValueAtRisk(plan.valueAtRisk())
                    .setDaysOfCover(daysOfCover)
                    .setAt(at)
                    .setAbcClass(abcClass)
                    .setXyzClass(xyzClass.get())
                    .build();
            context.forward(new Record<>(sku, warning, timestamp), OVERSTOCKS);
            count("overstock", warning.getState());
            state.setOverstockOpen(overstockNext);
        }

        boolean triggerOpen = state.getOpenTriggerId() != null;
        boolean triggerNext;
        if (policy.type() == PolicyType.PERIODIC) {
            // (R, S): the trigger is the review's order; it lasts while the position is below S on the
            // review day, and a review day orders once (later sales that day wait for the next review).
            triggerNext = plan.reorderNeeded() && (triggerOpen || state.getLastTriggerDay() != today);
        } else {
            triggerNext = AlertRules.reorderOpen(triggerOpen, position, plan, hysteresis);
        }
        if (triggerNext && !triggerOpen) {
            long sequence = state.getTriggerSequence() + 1;
            String triggerId = sku + "/" + state.getLocationId() + "/" + sequence;
            ReorderTrigger trigger = ReorderTrigger.newBuilder()
                    .setTriggerId(triggerId)
                    .setSku(sku).setLocationId(state.getLocationId())
                    .setOnHand(position.onHand())
                    .setOnOrder(position.onOrder())
                    .setInventoryPosition(position.inventoryPosition())
                    .setReorderPoint(plan.reorderPoint())
                    .setSafetyStock(plan.safetyStock())
                    .setOrderQuantity(plan.orderQuantity())
                    .setLeadTimeDemand(plan.leadTimeDemand())
                    .setServiceLevel(policy.serviceLevel())
                    .setForecastSource(outlook.source())
                    .setAt(at)
                    .setPolicyType(policy.type().name())
                    .setAbcClass(abcClass)
                    .setXyzClass(xyzClass.get())
                    .build();
            context.forward(new Record<>(sku, trigger, timestamp), TRIGGERS);
            counters.increment(PipelineCounters.ALERTS, "reorder_trigger");
            state.setTriggerSequence(sequence);
            state.setLastTriggerDay(today);
            state.setOpenTriggerId(triggerId);
        } else if (!triggerNext && triggerOpen) {
            state.setOpenTriggerId(null);
        }
        return plan;
    }

    /** The stored XYZ class; before the SKU's first day close, computed from its demand so far. */
    private String xyzClass(SkuState state, long[] recent) {
        if (state.getXyzClass() != null) {
            return state.getXyzClass();
        }
        return AbcXyzClassification.xyzClass(recent != null ? recent
                : DemandOutlooks.recentDemand(state, classes.windowDays()), classes.xyz()).name();
    }

    private void count(String kind, AlertState state) {
        counters.increment(PipelineCounters.ALERTS, kind + "_" + state.name().toLowerCase());
    }

    private static StockoutLevel level(StockoutSeverity severity) {
        if (severity == null) {
            return StockoutLevel.NONE;
        }
        return severity == StockoutSeverity.OUT_OF_STOCK ? StockoutLevel.OUT_OF_STOCK : StockoutLevel.PROJECTED;
    }

    private static StockoutSeverity severity(StockoutLevel level) {
        return level == StockoutLevel.OUT_OF_STOCK ? StockoutSeverity.OUT_OF_STOCK : StockoutSeverity.PROJECTED;
    }
}
