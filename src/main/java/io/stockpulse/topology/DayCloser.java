package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.LocalDate;

/**
 * Closes days by stream time: once stream time is {@code dayCloseGrace} past a day's end, the day
 * is final. Series due for a forecast are scored against what happened, forecast in micro-batches,
 * and their alerts re-evaluated with the new forecast.
 *
 * <p>This class only decides which days close and walks the states once per close; the parts do the
 * work: {@link ForecastBatch} (forecasts, with {@link AccuracyScorer} and {@link ForecastRecords}),
 * {@link CloseServices#alertsAtClose} (alerts of the series not due), {@link DailyReporter} (the
 * report feed) and {@link SkuClassifier} (classes and their cut-offs).
 */
final class DayCloser {

    private static final String LAST_CLOSED = "last-closed-day";

    private final InventorySettings settings;
    private final KeyValueStore<String, SkuState> states;
    private final KeyValueStore<String, Integer> dayClose;
    private final CloseServices services;
    private final DailyReporter reporter;
    private final AccuracyScorer scorer;
    private final ForecastBatch forecasts;
    /** The store's last closed day once read; the store stays the truth across restarts. */
    private Integer lastClosed;

    DayCloser(ProcessorContext<String, Object> context, InventorySettings settings, KeyValueStore<String, SkuState> states,
              CloseServices services) {
        this.settings = settings;
        this.states = states;
        this.dayClose = context.getStateStore(StoreNames.DAY_CLOSE);
        this.services = services;
        this.reporter = new DailyReporter(context, services.policies());
        this.scorer = new AccuracyScorer(context.getStateStore(StoreNames.FORECAST_ACCURACY), reporter);
        this.forecasts = new ForecastBatch(context, settings, states, services, scorer, reporter);
    }

    /** The last closed epoch day of this task, or Integer.MIN_VALUE before the first close. */
    int lastClosedDay() {
        Integer last = dayClose.get(LAST_CLOSED);
        return last == null ? Integer.MIN_VALUE : last;
    }

    /**
     * Puts a series on the forecast list of the next day close that covers {@code day}: its state's
     * {@code forecastDueDay}, which the close reads in its one pass over the states. No separate due
     * index: keeping one cost a changelog delete and put per rescheduled sale, the largest record
     * source of the topology, while the daily report scans every state anyway.
     */
    void scheduleForecast(SkuState state, String key, int day) {
        int dueDay = Math.max(day, lastClosedDay() + 1);
        int current = state.getForecastDueDay();
        if (current >= 0 && current <= dueDay) {
            return;
        }
        state.setForecastDueDay(dueDay);
    }

    /**
     * Closes every day that {@code eventTime} (an applied event's own time, never a rejected record's)
     * puts {@code dayCloseGrace} behind, one day at a time, each stamped with the moment it became
     * final rather than with the event that happened to reveal it: which event that is depends on how
     * SKUs share partitions, so a jump over several days, or the trigger's time, would make forecasts
     * and alerts depend on the partition count.
     *
     * @return false when a day still due waits for the ABC cut-offs of the day before (see
     *         {@link SkuClassifier#readyToClose}); the days before it are closed, the caller holds the
     *         event back and calls again once they have come
     */
    boolean closeDueDays(long eventTime) {
        int closable = settings.dayOf(eventTime - settings.dayCloseGrace().toMillis()) - 1;
        if (lastClosed != null && closable <= lastClosed) {
            return true; // the common case, once per event: no store read
        }
        Integer last = dayClose.get(LAST_CLOSED);
        if (last == null) {
            // First event this task ever saw: nothing before it was ever open here.
            markClosed(closable);
            return true;
        }
        if (closable <= last) {
            lastClosed = last;
            return true;
        }
        // A stretch without events longer than the demand history is closed from where history still
        // matters; the days skipped count as closed, so the aggregator can publish the cut-offs the first
        // day closed needs.
        int from = Math.max(last + 1, closable - settings.historyDays() + 1);
        if (from > last + 1) {
            markClosed(from - 1);
        }
        for (int day = from; day <= closable; day++) {
            if (!services.classifier().readyToClose(day)) {
                return false;
            }
            closeDay(day, closedAt(day));
            dayClose.put(LAST_CLOSED, day);
            lastClosed = day;
        }
        return true;
    }

    /** Records {@code day} as closed without closing it (nothing of this task was open on it). */
    private void markClosed(int day) {
        dayClose.put(LAST_CLOSED, day);
        lastClosed = day;
        services.classifier().dayClosed(day, closedAt(day));
    }

    /** When {@code day} became final: its end in the day zone plus the grace. */
    long closedAt(int day) {
        return LocalDate.ofEpochDay(day + 1L).atStartOfDay(settings.zone()).toInstant().toEpochMilli()
                + settings.dayCloseGrace().toMillis();
    }

    private void closeDay(int closable, long streamTime) {
        // One pass over this task's states: series due by this close are forecast in micro-batches, and
        // every state (after its forecast, if any) goes into the task's partial daily report.
        reporter.begin(closable);
        forecasts.begin(closable, streamTime);
        try (KeyValueIterator<String, SkuState> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<String, SkuState> entry = it.next();
                int dueDay = entry.value.getForecastDueDay();
                if (dueDay >= 0 && dueDay <= closable) {
                    forecasts.add(entry.key, SkuStates.mutable(entry.value));
                    continue;
                }
                SkuState state = SkuStates.mutable(entry.value);
                // Alerts are a day-close matter for every SKU; most closes change nothing and write nothing.
                if (services.alertsAtClose(state, closable, streamTime, false)) {
                    states.put(entry.key, state);
                }
                reporter.add(state);
            }
        }
        forecasts.finish();
        scorer.flush(closable);
        reporter.finish(streamTime);
        services.classifier().dayClosed(closable, streamTime);
    }
}
