package io.stockpulse.topology;

import io.stockpulse.state.PolicyResolver;
import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.ForecastAccuracy;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes days by stream time: once stream time is {@code dayCloseGrace} past a day's end, the day
 * is final. Series due for a forecast are scored against what happened, forecast in micro-batches,
 * and their alerts re-evaluated with the new forecast.
 */
final class DayCloser {

    static final String FORECASTS = "forecasts-sink";
    private static final String LAST_CLOSED = "last-closed-day";
    /** Weight of the newest day in the tracked squared error: about a 4-week memory. */
    private static final double ERROR_SMOOTHING = 2.0 / (28 + 1);
    /** Days of per-version accuracy kept; summaries use any window up to this. */
    static final int ACCURACY_KEEP_DAYS = 90;

    private final ProcessorContext<String, Object> context;
    private final InventorySettings settings;
    private final KeyValueStore<String, SkuState> states;
    private final KeyValueStore<String, Integer> dayClose;
    private final ForecasterProvider forecasters;
    private final PolicyResolver policies;
    private final AlertEmitter alerts;
    private final PipelineCounters counters;
    private final KeyValueStore<String, ForecastAccuracyDay> accuracyStore;
    private final ForecastAccuracy accuracy = new ForecastAccuracy();
    private final SkuClassifier classifier;
    private final DailyReporter reporter;
    /** The store's last closed day once read; the store stays the truth across restarts. */
    private Integer lastClosed;

    DayCloser(ProcessorContext<String, Object> context, InventorySettings settings, KeyValueStore<String, SkuState> states,
              KeyValueStore<String, Integer> dayClose, ForecasterProvider forecasters,
              PolicyResolver policies, AlertEmitter alerts, PipelineCounters counters, SkuClassifier classifier) {
        this.classifier = classifier;
        this.reporter = new DailyReporter(context, policies);
        this.context = context;
        this.settings = settings;
        this.states = states;
        this.dayClose = dayClose;
        this.forecasters = forecasters;
        this.policies = policies;
        this.alerts = alerts;
        this.counters = counters;
        this.accuracyStore = context.getStateStore(StoreNames.FORECAST_ACCURACY);
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
            if (!classifier.readyToClose(day)) {
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
        classifier.dayClosed(day, closedAt(day));
    }

    /** When {@code day} became final: its end in the day zone plus the grace. */
    long closedAt(int day) {
        return java.time.LocalDate.ofEpochDay(day + 1L).atStartOfDay(settings.zone()).toInstant().toEpochMilli()
                + settings.dayCloseGrace().toMillis();
    }

    private void closeDay(int closable, long streamTime) {
        // One pass over this task's states: series due by this close are forecast in micro-batches, and
        // every state (after its forecast, if any) goes into the task's partial daily report.
        reporter.begin(closable);
        List<KeyValue<String, SkuState>> batch = new ArrayList<>(settings.forecastBatchSize());
        try (KeyValueIterator<String, SkuState> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<String, SkuState> entry = it.next();
                int dueDay = entry.value.getForecastDueDay();
                if (dueDay < 0 || dueDay > closable) {
                    SkuState state = SkuStates.mutable(entry.value);
                    // Alerts are a day-close matter for every SKU; most closes change nothing and write nothing.
                    if (alerts.atClose(state, policies.resolve(state.getSku(), state.getLocationId(), state.getAbcClass()),
                            closable, streamTime, false)) {
                        states.put(entry.key, state);
                    }
                    reporter.add(state);
                    continue;
                }
                batch.add(KeyValue.pair(entry.key, SkuStates.mutable(entry.value)));
                if (batch.size() == settings.forecastBatchSize()) {
                    forecastBatch(batch, closable, streamTime);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            forecastBatch(batch, closable, streamTime);
        }
        accuracy.flush(accuracyStore, closable - ACCURACY_KEEP_DAYS);
        reporter.finish(streamTime);
        classifier.dayClosed(closable, streamTime);
    }

    private void forecastBatch(List<KeyValue<String, SkuState>> batch, int closedDay, long streamTime) {
        List<DemandHistory> histories = new ArrayList<>(batch.size());
        for (KeyValue<String, SkuState> entry : batch) {
            SkuStates.extendTo(entry.value, closedDay, settings.historyDays());
            score(entry.value, closedDay);
            histories.add(SkuStates.historyUpTo(entry.value, entry.key, closedDay, settings.historyDays()));
        }
        List<Forecast> forecasts = forecasters.forCurrentThread().forecast(histories, settings.horizonDays());
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.get(i).key;
            SkuState state = batch.get(i).value;
            Forecast forecast = forecasts.get(i);
            state.setForecast(stored(forecast));
            // Sales already booked for a later, still open day need that day's close; otherwise refresh later.
            int nextDue = SkuStates.lastDay(state) > closedDay ? closedDay + 1 : closedDay + settings.forecastRefreshDays();
            state.setForecastDueDay(nextDue);
            // Classified before the policy is evaluated so a new class's service level applies at once,
            // and before the forecast is published so the update carries the class.
            classifier.classify(state, closedDay, streamTime);
            context.forward(new Record<>(state.getSku(), update(state, forecast, streamTime), streamTime), FORECASTS);
            counters.increment(PipelineCounters.FORECASTS, forecast.model());
            alerts.atClose(state, policies.resolve(state.getSku(), state.getLocationId(), state.getAbcClass()),
                    closedDay, streamTime, true);
            states.put(key, state);
            reporter.add(state);
        }
    }

    /** Scores the days since the last scoring against the forecast that was in force for them. */
    private void score(SkuState state, int closedDay) {
        StoredForecast forecast = state.getForecast();
        if (forecast != null) {
            int from = Math.max(state.getLastScoredDay() + 1, forecast.getFirstDay());
            for (int day = from; day <= closedDay; day++) {
                int index = day - forecast.getFirstDay();
                if (index >= forecast.getMean().size()) {
                    break;
                }
                int actual = SkuStates.demandOn(state, day);
                float mean = forecast.getMean().get(index);
                double p90 = forecast.getP90() == null ? Double.NaN : forecast.getP90().get(index);
                accuracy.record(forecast.getModel() + "@" + forecast.getVersion(), day, actual, mean, p90);
                reporter.scored(state, actual, mean);
                double error = actual - mean;
                double squared = error * error;
                state.setErrorMeanSquare(state.getErrorCount() == 0 ? squared
                        : state.getErrorMeanSquare() + ERROR_SMOOTHING * (squared - state.getErrorMeanSquare()));
                state.setErrorCount(state.getErrorCount() + 1);
            }
        }
        state.setLastScoredDay(closedDay);
    }

    private static StoredForecast stored(Forecast forecast) {
        return StoredForecast.newBuilder()
                .setModel(forecast.model())
                .setVersion(forecast.version())
                .setFirstDay(forecast.firstDay())
                .setMean(floats(forecast.mean()))
                .setP50(forecast.p50() == null ? null : floats(forecast.p50()))
                .setP90(forecast.p90() == null ? null : floats(forecast.p90()))
                .build();
    }

    private static ForecastUpdate update(SkuState state, Forecast forecast, long streamTime) {
        return ForecastUpdate.newBuilder()
                .setSku(state.getSku())
                .setLocationId(state.getLocationId())
                .setModel(forecast.model())
                .setModelVersion(forecast.version())
                .setFirstDay(LocalDate.ofEpochDay(forecast.firstDay()))
                .setMean(doubles(forecast.mean()))
                .setP50(forecast.p50() == null ? null : doubles(forecast.p50()))
                .setP90(forecast.p90() == null ? null : doubles(forecast.p90()))
                .setAt(java.time.Instant.ofEpochMilli(streamTime))
                .setAbcClass(state.getAbcClass())
                .setXyzClass(state.getXyzClass())
                .setReason(forecast.reason())
                .build();
    }

    private static List<Float> floats(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float value : values) {
            out.add(value);
        }
        return out;
    }

    private static List<Double> doubles(float[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (float value : values) {
            out.add((double) value);
        }
        return out;
    }
}
