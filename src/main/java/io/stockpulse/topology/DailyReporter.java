package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.ErrorSums;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.policy.RiskItem;
import io.stockpulse.policy.StockPosition;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.PolicyResolver;
import io.stockpulse.state.SkuPlans;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StockKpis;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task's share of the daily report: once per closed day (not per event) the day closer hands it
 * every SKU state of the task (in its one pass over them) and it sends one partial report per location to the one-partition partials topic, where
 * {@link ReportAggregator} adds up the partials of all tasks. A partial carries the task's snapshot
 * at the close, its cumulative service counters (the aggregator turns them into 7- and 28-day
 * windows) and the forecast errors scored at this close, per ABC class.
 */
final class DailyReporter {

    static final String PARTIALS_SINK = "report-partials-sink";
    static final String UNCLASSIFIED = "unclassified";

    private final ProcessorContext<String, Object> context;
    private final PolicyResolver policies;
    private final Map<String, LocationTally> byLocation = new TreeMap<>();
    private int closedDay;
    /** Forecast errors scored since the last report, per location and ABC class. */
    private final Map<String, Map<String, ErrorSums>> scored = new HashMap<>();

    DailyReporter(ProcessorContext<String, Object> context, PolicyResolver policies) {
        this.context = context;
        this.policies = policies;
    }

    /** Notes one scored day of one series for the next report. */
    void scored(SkuState state, double actual, double forecast) {
        scored.computeIfAbsent(state.getLocationId(), l -> new TreeMap<>())
                .merge(classOf(state), ErrorSums.NONE.plus(actual, forecast), ErrorSums::plus);
    }

    /** Starts the partial report of a close; then {@link #add} every state, then {@link #finish}. */
    void begin(int closedDay) {
        this.closedDay = closedDay;
        byLocation.clear();
    }

    void add(SkuState state) {
        byLocation.computeIfAbsent(state.getLocationId(), l -> new LocationTally()).add(state, closedDay + 1);
    }

    /** Sends one partial per location to the aggregator. */
    void finish(long streamTime) {
        String task = context.taskId().toString();
        byLocation.forEach((location, tally) -> {
            ReportFigures figures = tally.figures(scored.getOrDefault(location, Map.of()));
            InventoryReport partial = InventoryReports.toAvro(figures, null, null, LocalDate.ofEpochDay(closedDay),
                    location, task, 1, "");
            partial.setPartialsInClose(byLocation.size());
            context.forward(new Record<>(ReportAggregator.KEY, partial, streamTime), PARTIALS_SINK);
        });
        scored.clear();
    }

    /** One location's figures, added up SKU by SKU in place (a full scan visits every SKU once a day). */
    private final class LocationTally {
        private long skus;
        private double stockValue;
        private long stockoutSkus;
        private long openTriggers;
        private long overstockSkus;
        private long unitsDemanded;
        private long unitsFilled;
        private long stockoutSkuDays;
        private long accountedSkuDays;
        private double costOfGoodsSold;
        private double onHandValueDays;
        private double excessValue;
        private final Map<String, Long> coverDays = new TreeMap<>();
        private final Map<String, Long> classCounts = new TreeMap<>();
        private List<RiskItem> risks = List.of();

        void add(SkuState state, int today) {
            PolicyParameters policy = policies.resolve(state.getSku(), state.getLocationId(), state.getAbcClass());
            ReplenishmentPlan plan = SkuPlans.plan(state, policy, today);
            StockPosition position = new StockPosition(state.getNetStock(), SkuStates.onOrder(state));
            double unitCost = policy.unitCost();
            boolean haveForecast = state.getForecast() != null;
            skus++;
            stockValue += position.onHand() * unitCost;
            stockoutSkus += state.getNetStock() <= 0 ? 1 : 0;
            openTriggers += state.getOpenTriggerId() != null ? 1 : 0;
            overstockSkus += state.getOverstockOpen() ? 1 : 0;
            unitsDemanded += state.getUnitsDemanded();
            unitsFilled += state.getUnitsFilled();
            stockoutSkuDays += StockKpis.stockoutDaysUpTo(state, today);
            accountedSkuDays += StockKpis.accountedDays(state, today);
            costOfGoodsSold += state.getUnitsFilled() * unitCost;
            onHandValueDays += StockKpis.onHandUnitDaysUpTo(state, today) * unitCost;
            excessValue += haveForecast ? plan.valueAtRisk() : 0;
            coverDays.merge(ReportFigures.coverBucket(plan.daysOfCover(), plan.dailyDemand() > 0), 1L, Long::sum);
            classCounts.merge(classOf(state), 1L, Long::sum);
            RiskItem.assess(state.getSku(), state.getLocationId(), position, plan, policy, haveForecast)
                    .filter(this::ranks)
                    .ifPresent(risk -> risks = RiskItem.top(risks, List.of(risk)));
        }

        /** Whether a risk would enter the top list (most SKUs are no risk, or a smaller one). */
        private boolean ranks(RiskItem risk) {
            return risks.size() < RiskItem.TOP || risk.value() > risks.get(risks.size() - 1).value();
        }

        ReportFigures figures(Map<String, ErrorSums> errors) {
            return new ReportFigures(skus, stockValue, stockoutSkus, openTriggers, overstockSkus, unitsDemanded,
                    unitsFilled, stockoutSkuDays, accountedSkuDays, costOfGoodsSold, onHandValueDays, excessValue,
                    coverDays, classCounts, risks, errors);
        }
    }

    private static String classOf(SkuState state) {
        return state.getAbcClass() == null ? UNCLASSIFIED : state.getAbcClass();
    }
}
