package io.stockpulse.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stockpulse.forecast.LstmForecasterProvider;
import io.stockpulse.signals.HealthSignals;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The instance's Prometheus registry: Kafka Streams' own client metrics and the JVM's and process's
 * (Micrometer's binders), the pipeline counters (bound, not counted twice), model loads, inference
 * histograms, and gauges over the state stores, consumer lag and forecast accuracy. Names follow
 * Prometheus' conventions: counters end in _total, units are base units in the name (_seconds,
 * _bytes, _records), fractions end in _ratio. Gauges that need a store scan or a broker round trip
 * are computed by {@link StateGauges} on a schedule, never inside a scrape.
 */
public final class StockPulseMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockPulseMetrics.class);
    /** Alert counter labels of {@code topology.AlertEmitter} → kind and state of stockpulse_alerts_total. */
    private static final List<String[]> ALERT_SERIES = List.of(
            new String[]{"reorder_trigger", "raised"}, new String[]{"stockout", "raised"},
            new String[]{"stockout", "resolved"}, new String[]{"overstock", "raised"},
            new String[]{"overstock", "resolved"});
    /** Counters with one label, bound per label as labels appear: pipeline counter → (metric, label name). */
    private static final Map<String, String[]> LABELLED = Map.of(
            PipelineCounters.EVENTS, new String[]{"stockpulse.events", "kind"},
            LstmForecasterProvider.MODEL_VERSIONS, new String[]{"stockpulse.model.loads", "outcome"},
            PipelineCounters.DEAD_LETTERS, new String[]{"stockpulse.dead.letters", "reason"},
            "forecast_fallbacks", new String[]{"stockpulse.forecast.fallbacks", "reason"},
            PipelineCounters.FORECASTS, new String[]{"stockpulse.forecasts", "model"});

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineCounters counters;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Set<String> boundLabels = ConcurrentHashMap.newKeySet();
    private final RestoreProgress restores = new RestoreProgress();
    /** Listens to GC notifications until closed. */
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private StateGauges stateGauges;
    private ScheduledExecutorService refresher;

    /** Binds what needs no broker round trip; {@link #refreshEvery} adds the scheduled gauges. */
    public StockPulseMetrics(KafkaStreams streams, PipelineCounters counters) {
        this.counters = counters;
        // Before any binder, so that every RocksDB meter is registered under the renamed tag.
        renameWindowStoreTags();
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setGlobalStateRestoreListener(restores);

        bindLabelledCounters();
        bindJvmAndProcess();
        bindPipelineCounters(counters);
        bindDistributions(counters);
        bindHealth(streams, counters);
        bindRestoreProgress();
    }

    private void renameWindowStoreTags() {
        // Kafka Streams tags RocksDB metrics of key-value stores rocksdb.state.id and of window stores
        // rocksdb.window.state.id under the same metric names; Prometheus needs one set of label names per
        // metric, so without this the window store's (event-ids) meters were refused with a warning.
        registry.config().meterFilter(MeterFilter.renameTag("kafka.stream.state", "rocksdb.window.state.id",
                "rocksdb.state.id"));
        registry.config().meterFilter(MeterFilter.renameTag("kafka.stream.state", "rocksdb.session.state.id",
                "rocksdb.state.id"));
    }

    /** The one-label counters, with the labels known up front bound at once. */
    private void bindLabelledCounters() {
        LABELLED.forEach((name, metric) -> bindLabels(name));
        for (String reason : List.of("no_model", "model_error", "short_history")) {
            bindLabel("forecast_fallbacks", reason);
        }
        // From the start, so that a rejected hot reload shows as an increase from 0, not as a new series.
        for (String outcome : List.of(LstmForecasterProvider.LOADED, LstmForecasterProvider.REJECTED)) {
            bindLabel(LstmForecasterProvider.MODEL_VERSIONS, outcome);
        }
    }

    /** Pipeline counters without a label: alerts, duplicates, late events and receipts, rejections. */
    private void bindPipelineCounters(PipelineCounters counters) {
        for (String[] series : ALERT_SERIES) {
            FunctionCounter.builder("stockpulse.alerts", counters, c -> alerts(c, series[0], series[1]))
                    .description("Alerts emitted, by kind and state (raised / resolved)")
                    .tags("kind", series[0], "state", series[1]).register(registry);
        }
        FunctionCounter.builder("stockpulse.duplicates", counters, c -> c.total(PipelineCounters.DUPLICATES))
                .description("Events ignored because their id was seen within the de-duplication retention")
                .register(registry);
        FunctionCounter.builder("stockpulse.late.events", counters, c -> c.total(PipelineCounters.LATE_EVENTS))
                .description("Events after their day's close or older than the kept history")
                .register(registry);
        FunctionCounter.builder("stockpulse.policies.rejected", counters, c -> c.total(PipelineCounters.POLICIES_REJECTED))
                .register(registry);
        FunctionCounter.builder("stockpulse.day.close.failures", counters, c -> c.total(PipelineCounters.DAY_CLOSE_FAILURES))
                .register(registry);
        FunctionCounter.builder("stockpulse.class.thresholds.missing", counters,
                        c -> c.total(PipelineCounters.CLASS_THRESHOLDS_MISSING))
                .description("SKUs that kept their ABC class because the previous day's cut-offs had not arrived")
                .register(registry);
        FunctionCounter.builder("stockpulse.late.receipts", counters, c -> c.total(PipelineCounters.LATE_RECEIPTS))
                .description("Purchase-order receipts that arrived on a day after the order's expectedAt day")
                .register(registry);
    }

    /** Inference durations and batch sizes, observed lead times. */
    private void bindDistributions(PipelineCounters counters) {
        Timer inference = Timer.builder("stockpulse.inference")
                .description("Duration of one forecast model call on a batch of series")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        DistributionSummary batchSize = DistributionSummary.builder("stockpulse.inference.batch.size")
                .description("Series per forecast model call")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096)
                .register(registry);
        counters.observeInference((nanos, size) -> {
            inference.record(nanos, TimeUnit.NANOSECONDS);
            batchSize.record(size);
        });
        DistributionSummary leadTimes = DistributionSummary.builder("stockpulse.lead.time.observed.days")
                .description("Lead times measured on fully received purchase orders (ORDERED -> RECEIVED, "
                        + "quantity-weighted over partial receipts), days")
                .serviceLevelObjectives(1, 2, 3, 5, 7, 10, 14, 21, 28, 42, 56, 90)
                .register(registry);
        counters.observeLeadTimes(leadTimes::record);
    }

    /** Readiness, the schema registry's state, stream thread replacements, dead-letter send failures. */
    private void bindHealth(KafkaStreams streams, PipelineCounters counters) {
        HealthSignals health = counters.health();
        Gauge.builder("stockpulse.ready", streams, s -> health.readiness(s.state()).ready() ? 1 : 0)
                .description("1 while the instance is ready (as /health/ready): Kafka Streams RUNNING, the schema"
                        + " registry reachable, no stream thread crash loop; else 0")
                .register(registry);
        Gauge.builder("stockpulse.schema.registry.up", health, h -> h.registryAvailable() ? 1 : 0)
                .description("0 while the schema registry is unreachable and processing is paused, else 1")
                .register(registry);
        FunctionCounter.builder("stockpulse.schema.registry.retries", health, HealthSignals::registryRetries)
                .description("Schema registry calls that failed for an infrastructure reason and were retried")
                .register(registry);
        FunctionCounter.builder("stockpulse.schema.registry.outages", health, HealthSignals::registryOutages)
                .description("Times the schema registry became unreachable").register(registry);
        FunctionCounter.builder("stockpulse.stream.thread.replacements", health, HealthSignals::threadReplacements)
                .description("Stream threads that died and were replaced").register(registry);
        FunctionCounter.builder("stockpulse.dead.letter.send.failures", counters,
                        c -> c.total(PipelineCounters.DEAD_LETTER_SEND_FAILURES))
                .description("Dead-letter copies the producer or broker refused").register(registry);
    }

    /** Per store, the changelog records still to restore. */
    private void bindRestoreProgress() {
        for (String store : List.of(StoreNames.SKU_STATE, StoreNames.EVENT_IDS,
                StoreNames.FORECAST_ACCURACY, StoreNames.DAY_CLOSE, StoreNames.POLICIES)) {
            Gauge.builder("stockpulse.state.restore.remaining.records", restores, r -> r.remaining(store))
                    .description("Changelog records still to restore into a store (0 once restored)")
                    .tag("store", store).register(registry);
        }
    }

    /**
     * Micrometer's JVM and process binders: heap and non-heap pools, GC pauses, threads, class loading,
     * CPU, uptime and file descriptors (jvm_*, process_*, system_*), for the dashboard's JVM row.
     */
    private void bindJvmAndProcess() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Starts the scheduled gauges (stores, state directory, lag, accuracy, model) every {@code period}. */
    public synchronized void refreshEvery(Duration period, StateGauges gauges) {
        this.stateGauges = gauges;
        gauges.register(registry);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                gauges.refresh();
            } catch (RuntimeException e) {
                LOG.debug("Metrics refresh failed; trying again next period", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Prometheus text exposition; binds pipeline counter labels that appeared since the last scrape. */
    public String scrape() {
        LABELLED.keySet().forEach(this::bindLabels);
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void bindLabels(String name) {
        counters.snapshot(name).keySet().forEach(label -> bindLabel(name, label));
    }

    private void bindLabel(String name, String label) {
        if (boundLabels.add(name + '\u0000' + label)) {
            String[] metric = LABELLED.get(name);
            FunctionCounter.builder(metric[0], counters, c -> c.get(name, label))
                    .tags(Tags.of(metric[1], label)).register(registry);
        }
    }

    /** Sums AlertEmitter's labels: reorder_trigger, stockout_{severity}_{state}, overstock_{state}. */
    static double alerts(PipelineCounters counters, String kind, String state) {
        double sum = 0;
        for (Map.Entry<String, Long> entry : counters.snapshot(PipelineCounters.ALERTS).entrySet()) {
            String label = entry.getKey();
            boolean matches = kind.equals("reorder_trigger") ? label.equals("reorder_trigger")
                    : label.startsWith(kind + "_") && label.endsWith("_" + state);
            if (matches) {
                sum += entry.getValue();
            }
        }
        return sum;
    }

    static <T> void multiGauge(MultiGauge gauge, Map<T, Double> values, Function<T, Tags> tags) {
        gauge.register(values.entrySet().stream()
                .map(e -> MultiGauge.Row.of(tags.apply(e.getKey()), e.getValue()))
                .toList(), true);
    }

    static <T> ToDoubleFunction<T> safe(ToDoubleFunction<T> f) {
        return t -> {
            try {
                return f.applyAsDouble(t);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (stateGauges != null) {
            stateGauges.close();
        }
        counters.observeInference((nanos, size) -> { });
        counters.observeLeadTimes(days -> { });
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
