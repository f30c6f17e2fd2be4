package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.SkuStates;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The series due for a forecast at one close, forecast in micro-batches of
 * {@code forecastBatchSize}: a model call per batch, not per series, is what keeps a close of many
 * SKUs affordable. Each forecast series is scored, re-forecast, rescheduled, classified, published
 * and its alerts re-planned, then written back and added to the close's report.
 */
final class ForecastBatch {

    static final String FORECASTS = "forecasts-sink";

    private final ProcessorContext<String, Object> context;
    private final InventorySettings settings;
    private final KeyValueStore<String, SkuState> states;
    private final CloseServices services;
    private final AccuracyScorer scorer;
    private final DailyReporter reporter;
    private final List<KeyValue<String, SkuState>> batch;
    private int closedDay;
    private long streamTime;

    ForecastBatch(ProcessorContext<String, Object> context, InventorySettings settings,
                  KeyValueStore<String, SkuState> states, CloseServices services, AccuracyScorer scorer,
                  DailyReporter reporter) {
        this.context = context;
        this.settings = settings;
        this.states = states;
        this.services = services;
        this.scorer = scorer;
        this.reporter = reporter;
        this.batch = new ArrayList<>(settings.forecastBatchSize());
    }

    /** Starts the forecasts of the close of {@code closedDay}; then {@link #add} each due series, then {@link #finish}. */
    void begin(int closedDay, long streamTime) {
        this.closedDay = closedDay;
        this.streamTime = streamTime;
        batch.clear();
    }

    /** Queues a due series (a mutable copy); forecasts the batch once it is full. */
    void add(String key, SkuState state) {
        batch.add(KeyValue.pair(key, state));
        if (batch.size() == settings.forecastBatchSize()) {
            forecast();
        }
    }

    /** Forecasts what is left of the close's due series. */
    void finish() {
        if (!batch.isEmpty()) {
            forecast();
        }
    }

    private void forecast() {
        List<DemandHistory> histories = new ArrayList<>(batch.size());
        for (KeyValue<String, SkuState> entry : batch) {
            SkuStates.extendTo(entry.value, closedDay, settings.historyDays());
            scorer.score(entry.value, closedDay);
            histories.add(new DemandHistory(entry.key, closedDay,
                    SkuStates.dailyUpTo(entry.value, closedDay, settings.historyDays())));
        }
        List<Forecast> forecasts = services.forecasters().forCurrentThread().forecast(histories, settings.horizonDays());
        for (int i = 0; i < batch.size(); i++) {
            apply(batch.get(i).key, batch.get(i).value, forecasts.get(i));
        }
        batch.clear();
    }

    private void apply(String key, SkuState state, Forecast forecast) {
        state.setForecast(ForecastRecords.stored(forecast, settings.decisions().forecastQuantiles()));
        // Sales already booked for a later, still open day need that day's close; otherwise refresh later.
        int nextDue = SkuStates.lastDay(state) > closedDay ? closedDay + 1 : closedDay + settings.forecastRefreshDays();
        state.setForecastDueDay(nextDue);
        // Classified before the policy is evaluated so a new class's service level applies at once,
        // and before the forecast is published so the update carries the class.
        services.classifier().classify(state, closedDay, streamTime);
        context.forward(new Record<>(state.getSku(), ForecastRecords.update(state, forecast, streamTime), streamTime),
                FORECASTS);
        services.counters().increment(PipelineCounters.FORECASTS, forecast.model());
        services.alertsAtClose(state, closedDay, streamTime, true);
        states.put(key, state);
        reporter.add(state);
    }
}
