package io.stockpulse.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.state.ForecastAccuracy;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Gauges that cost a store scan, a directory walk or a broker round trip, recomputed on a schedule:
 * SKUs tracked, state directory size, consumer lag per input partition of the active tasks, forecast accuracy per model
 * version over a rolling window, and the model in force.
 */
public final class StateGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);
    /** Days of forecast accuracy summarised, ending at the newest scored day. */
    public static final int ACCURACY_WINDOW_DAYS = 28;
    private static final List<String> KEY_VALUE_STORES = List.of(StoreNames.SKU_STATE,
            StoreNames.FORECAST_ACCURACY, StoreNames.DAY_CLOSE, StoreNames.POLICIES);

    /** The model in force: name and version, for stockpulse_model_info. */
    public record ModelInfo(String model, String version) {
    }

    private final KafkaStreams streams;
    private final Path stateDir;
    private final Admin admin;
    private final String groupId;
    private final List<String> inputTopics;
    private final Supplier<ModelInfo> model;
    private final AtomicLong skus = new AtomicLong();
    private final AtomicLong stateBytes = new AtomicLong();
    private MultiGauge lag;
    private MultiGauge mae;
    private MultiGauge wape;
    private MultiGauge bias;
    private MultiGauge coverage;
    private MultiGauge modelInfo;

    /** {@code admin} may be null: no lag gauges (unit tests without a broker). */
    public StateGauges(KafkaStreams streams, Path stateDir, Admin admin, String groupId, List<String> inputTopics,
                       Supplier<ModelInfo> model) {
        this.streams = streams;
        this.stateDir = stateDir;
        this.admin = admin;
        this.groupId = groupId;
        this.inputTopics = inputTopics;
        this.model = model;
    }

    void register(MeterRegistry registry) {
        Gauge.builder("stockpulse.skus.tracked", skus, AtomicLong::get)
                .description("Distinct SKUs in this instance's sku-state store").register(registry);
        Gauge.builder("stockpulse.state.dir.bytes", stateBytes, AtomicLong::get)
                .description("Bytes under this instance's Kafka Streams state directory").register(registry);
        for (String store : KEY_VALUE_STORES) {
            Gauge.builder("stockpulse.state.store.entries", streams,
                            StockPulseMetrics.safe(s -> store(s, store).approximateNumEntries()))
                    .description("Approximate entries of a local state store (RocksDB's estimate)")
                    .tag("store", store).register(registry);
        }
        lag = MultiGauge.builder("stockpulse.consumer.lag.records")
                .description("Records behind the log end, per input partition this instance processes (its active"
                        + " tasks), so that summing over instances counts each partition once")
                .register(registry);
        mae = accuracyGauge(registry, "stockpulse.forecast.mae", "Mean absolute error of daily forecasts (units)");
        wape = accuracyGauge(registry, "stockpulse.forecast.wape.ratio", "Weighted absolute percentage error (fraction)");
        bias = accuracyGauge(registry, "stockpulse.forecast.bias.ratio", "Summed error over summed demand (fraction)");
        coverage = accuracyGauge(registry, "stockpulse.forecast.p90.coverage.ratio", "Share of days with demand ≤ the p90");
        modelInfo = MultiGauge.builder("stockpulse.model.info").description("1 for the forecast model in force")
                .register(registry);
    }

    private static MultiGauge accuracyGauge(MeterRegistry registry, String name, String doc) {
        return MultiGauge.builder(name).description(doc + " over the last " + ACCURACY_WINDOW_DAYS + " scored days")
                .register(registry);
    }

    /**
     * Each part on its own: one failing part (a store not queryable while a stream thread is being
     * replaced) must not leave the others, above all the lag, frozen at their last values.
     */
    void refresh() {
        part("model", () -> {
            ModelInfo info = model.get();
            StockPulseMetrics.multiGauge(modelInfo, Map.of(info, 1.0), m -> Tags.of("model", m.model(), "version", m.version()));
        });
        part("state directory", () -> stateBytes.set(directorySize(stateDir)));
        if (streams.state() == KafkaStreams.State.RUNNING) {
            part("stores", this::refreshStores);
        }
        if (admin != null) {
            refreshLag();
        }
    }

    private void refreshLag() {
        try {
            Map<TopicPartition, Double> byPartition = new HashMap<>();
            Set<TopicPartition> assigned = activeInputPartitions();
            ConsumerLag.of(admin, groupId, inputTopics).forEach((tp, records) -> {
                if (assigned.contains(tp)) {
                    byPartition.put(tp, records.doubleValue());
                }
            });
            StockPulseMetrics.multiGauge(lag, byPartition,
                    tp -> Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // A stale lag is worse than none: it reads as "caught up" while the group is stuck. The series
            // disappear until the lag can be read again, which alerting sees as absent, not as 0.
            StockPulseMetrics.multiGauge(lag, Map.<TopicPartition, Double>of(), tp -> Tags.empty());
            LOG.warn("Consumer lag not available now; lag gauges cleared until it is ({})", e.toString());
        }
    }

    /**
     * The input partitions of this instance's active tasks. The group's lag is one figure per partition;
     * every instance reporting all of them made {@code sum by (topic)} count each partition once per instance.
     */
    private Set<TopicPartition> activeInputPartitions() {
        Set<TopicPartition> assigned = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                assigned.addAll(task.topicPartitions())));
        return assigned;
    }

    private static void part(String what, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            LOG.debug("Refreshing the {} gauges failed; trying again next period", what, e);
        }
    }

    private void refreshStores() {
        Set<String> distinct = new HashSet<>();
        try (KeyValueIterator<String, ?> all = store(streams, StoreNames.SKU_STATE).all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                int separator = key.indexOf(StoreKeys.SEPARATOR);
                distinct.add(separator < 0 ? key : key.substring(0, separator));
            }
        }
        skus.set(distinct.size());
        ReadOnlyKeyValueStore<String, ForecastAccuracyDay> accuracy = store(streams, StoreNames.FORECAST_ACCURACY);
        int newest = Integer.MIN_VALUE;
        try (KeyValueIterator<String, ForecastAccuracyDay> all = accuracy.all()) {
            while (all.hasNext()) {
                KeyValue<String, ForecastAccuracyDay> entry = all.next();
                newest = Math.max(newest, Integer.parseInt(entry.key.substring(entry.key.lastIndexOf('|') + 1)));
            }
        }
        Map<String, ForecastAccuracy.Summary> summaries = newest == Integer.MIN_VALUE ? Map.of()
                : ForecastAccuracy.summarize(List.of(accuracy), newest - ACCURACY_WINDOW_DAYS + 1);
        StockPulseMetrics.multiGauge(mae, figure(summaries, ForecastAccuracy.Summary::mae), v -> Tags.of("model_version", v));
        StockPulseMetrics.multiGauge(wape, figure(summaries, ForecastAccuracy.Summary::wape), v -> Tags.of("model_version", v));
        StockPulseMetrics.multiGauge(bias, figure(summaries, ForecastAccuracy.Summary::bias), v -> Tags.of("model_version", v));
        StockPulseMetrics.multiGauge(coverage, figure(summaries, ForecastAccuracy.Summary::coverageP90),
                v -> Tags.of("model_version", v));
    }

    private static Map<String, Double> figure(Map<String, ForecastAccuracy.Summary> summaries,
                                              ToDoubleFunction<ForecastAccuracy.Summary> f) {
        Map<String, Double> out = new HashMap<>();
        summaries.forEach((version, summary) -> {
            double value = f.applyAsDouble(summary);
            if (Double.isFinite(value)) {
                out.put(version, value);
            }
        });
        return out;
    }

    static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private static long directorySize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // RocksDB deleted it during compaction
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
