package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.InventoryMath;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.state.InventoryReports;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task's share of the daily report: once per closed day (not per event) it reads this task's
 * SKU states and sends one partial report per location to the one-partition partials topic, where
 * {@link ReportAggregator} adds up the partials of all tasks.
 */
final class DailyReporter {

    static final String PARTIALS_SINK = "report-partials-sink";

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, SkuState> states;
    private final PolicyResolver policies;

    DailyReporter(ProcessorContext<String, Object> context, KeyValueStore<String, SkuState> states,
                  PolicyResolver policies) {
        this.context = context;
        this.states = states;
        this.policies = policies;
    }

    void report(int closedDay, long streamTime) {
        Map<String, ReportFigures> byLocation = new TreeMap<>();
        try (KeyValueIterator<String, SkuState> it = states.all()) {
            while (it.hasNext()) {
                SkuState state = it.next().value;
                byLocation.merge(state.getLocationId(), figures(state, closedDay), ReportFigures::plus);
            }
        }
        String task = context.taskId().toString();
        byLocation.forEach((location, figures) -> context.forward(new Record<>(ReportAggregator.KEY,
                InventoryReports.toAvro(figures, LocalDate.ofEpochDay(closedDay), location, task, 1, ""), streamTime),
                PARTIALS_SINK));
    }

    private ReportFigures figures(SkuState state, int closedDay) {
        long onHand = Math.max(0, state.getNetStock());
        double unitCost = policies.resolve(state.getSku(), state.getLocationId()).unitCost();
        double daily = DemandOutlooks.of(state, closedDay + 1, 0).averageDailyDemand();
        String cover = ReportFigures.coverBucket(InventoryMath.daysOfCover(onHand, daily), daily > 0);
        long accounted = state.getKpiFromDay() < 0 ? 0 : Math.max(0, state.getKpiDay() - state.getKpiFromDay());
        return new ReportFigures(1, onHand * unitCost, state.getNetStock() <= 0 ? 1 : 0,
                state.getOpenTriggerId() != null ? 1 : 0, state.getOverstockOpen() ? 1 : 0,
                state.getUnitsDemanded(), state.getUnitsFilled(), state.getStockoutDays(), accounted,
                Map.of(cover, 1L), Map.of(state.getAbcClass() == null ? "unclassified" : state.getAbcClass(), 1L));
    }
}
