package io.stockpulse.signals;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleConsumer;

/**
 * Counters the topology and its error handlers bump, by name and label (e.g. dead letters by
 * reason). One instance per application, handed to the handlers through the Streams config, so
 * several applications in one JVM (tests) never share counts.
 */
public final class PipelineCounters {

    /** Config key under which the instance travels to the exception handlers. */
    public static final String CONFIG_KEY = "stockpulse.pipeline.counters";

    public static final String EVENTS = "events";
    public static final String DUPLICATES = "duplicates";
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String ALERTS = "alerts";
    public static final String LATE_EVENTS = "late_events";
    public static final String FORECASTS = "forecasts";
    public static final String POLICIES_REJECTED = "policies_rejected";
    public static final String DAY_CLOSE_FAILURES = "day_close_failures";
    /** Dead-letter sends the broker or producer refused, by exception class. */
    public static final String DEAD_LETTER_SEND_FAILURES = "dead_letter_send_failures";
    /** SKUs that kept their ABC class at a day close because the previous day's cut-offs had not arrived. */
    public static final String CLASS_THRESHOLDS_MISSING = "class_thresholds_missing";
    /** Receipts that arrived on a day after their purchase order's expectedAt day. */
    public static final String LATE_RECEIPTS = "late_receipts";

    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
    private volatile InferenceObserver inferenceObserver = (nanos, batchSize) -> { };
    private volatile DoubleConsumer leadTimeObserver = days -> { };
    private final HealthSignals health = new HealthSignals();

    /** Told how long each model batch call took; the metrics registry turns it into histograms. */
    @FunctionalInterface
    public interface InferenceObserver {
        void observe(long nanos, int batchSize);
    }

    /** The application's fault signals (registry outage, thread replacements), shared like the counters. */
    public HealthSignals health() {
        return health;
    }

    public void observeInference(InferenceObserver observer) {
        this.inferenceObserver = observer;
    }

    /** One call of the forecast model on {@code batchSize} series took {@code nanos}. */
    public void recordInference(long nanos, int batchSize) {
        inferenceObserver.observe(nanos, batchSize);
    }

    /** Told each lead time measured on a fully received purchase order; the metrics registry keeps a histogram. */
    public void observeLeadTimes(DoubleConsumer observer) {
        this.leadTimeObserver = observer;
    }

    /** A purchase order's measured lead time, days. */
    public void recordLeadTime(double days) {
        leadTimeObserver.accept(days);
    }

    public void increment(String name, String label) {
        add(name, label, 1);
    }

    public void add(String name, String label, long amount) {
        counters.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> new LongAdder())
                .add(amount);
    }

    public long get(String name, String label) {
        LongAdder adder = counters.getOrDefault(name, Map.of()).get(label);
        return adder == null ? 0 : adder.sum();
    }

    public long total(String name) {
        return counters.getOrDefault(name, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** label → count for one counter, sorted, for reports and metric binders. */
    public Map<String, Long> snapshot(String name) {
        Map<String, Long> out = new TreeMap<>();
        counters.getOrDefault(name, Map.of()).forEach((label, adder) -> out.put(label, adder.sum()));
        return out;
    }
}
