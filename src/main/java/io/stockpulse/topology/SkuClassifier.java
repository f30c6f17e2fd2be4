package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuClassChange;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.AbcXyzClassification.AbcClass;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.DemandOutlooks;
import io.stockpulse.state.PolicyResolver;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * At day close, for each SKU × location the close touches: collects its trailing sales value for the
 * ABC aggregator, classifies it against the global cut-offs of the day before (ABC) and its own
 * recent demand (XYZ), and publishes a change of class; then sends the day's values with the mark
 * that this partition closed the day. See {@link AbcAggregator} for why the split is done this way.
 *
 * <p>The values travel as one record per task and day close ({@link SkuSalesValues}), split only
 * when they exceed {@link #CHUNK_BYTES}: one record per SKU cost a serialization, a producer send,
 * a consumption and a changelogged store write per SKU and day, 6–7 % of the stream thread in
 * {@code stockpulse bench}.
 */
final class SkuClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(SkuClassifier.class);
    static final String SALES_VALUES_SINK = "sku-sales-values-sink";
    static final String CLASSES_SINK = "sku-classes-sink";
    /**
     * Estimated encoded bytes after which the collected values are sent as a record of their own:
     * far below Kafka's default 1 MB message limit even for the longest keys (2 × 128 characters).
     */
    static final int CHUNK_BYTES = 256 * 1024;

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, AbcThresholds> thresholds;
    private final ClassSettings settings;
    private final PipelineCounters counters;
    /** Values collected for the aggregator, all of {@link #pendingDay}. */
    private final List<SkuSalesValue> pending = new ArrayList<>();
    private int pendingDay;
    private int pendingBytes;
    /** How long (wall clock) a day close may wait for its cut-offs ({@link InventoryTopology#ABC_MAX_WAIT_CONFIG}). */
    private final long maxWaitMs;
    /** The bound while no cut-offs exist yet ({@link InventoryTopology#ABC_FIRST_WAIT_CONFIG}). */
    private final long firstWaitMs;
    /** Some cut-offs were in the store: every input partition has closed a day, so more will come. */
    private boolean cutoffsExist;
    /** When the current wait for cut-offs began (wall clock), or -1 when not waiting. */
    private long waitingSince = -1;
    /** A wait ran out: closes go ahead without missing cut-offs until a close finds its cut-offs again. */
    private boolean waitExpired;

    SkuClassifier(ProcessorContext<String, Object> context, ClassSettings settings, PipelineCounters counters) {
        this.context = context;
        this.thresholds = context.getStateStore(StoreNames.ABC_THRESHOLDS);
        this.settings = settings;
        this.counters = counters;
        this.maxWaitMs = millis(context.appConfigs().get(InventoryTopology.ABC_MAX_WAIT_CONFIG), 0);
        this.firstWaitMs = Math.min(maxWaitMs, millis(context.appConfigs().get(InventoryTopology.ABC_FIRST_WAIT_CONFIG),
                maxWaitMs));
    }

    private static long millis(Object setting, long absent) {
        return setting instanceof Number n ? n.longValue() : setting == null ? absent : Long.parseLong(setting.toString());
    }

    /**
     * Whether {@code day} may close now: its ABC rule needs the cut-offs of the day before, which the
     * aggregator publishes once every partition has closed that day. Without them the close waits
     * (the caller holds its events back) for up to {@code abc.cutoffs.max.wait.ms} (default 30 s, which
     * covers a restart's round trip on loaded cores), or {@code abc.cutoffs.first.wait.ms} (5 s) while
     * no cut-offs exist at all; with 0 it never waits.
     */
    boolean readyToClose(int day) {
        if (thresholds.get(AbcAggregator.thresholdsKey(day - 1)) != null) {
            cutoffsExist = true;
            waitingSince = -1;
            waitExpired = false;
            return true;
        }
        return maxWaitMs <= 0 || waitExpired;
    }

    /**
     * Whether any cut-offs are in the store. Cut-offs of a day exist once every input partition has
     * closed it, so from the first ones on, later ones come as soon as the slowest partition gets there,
     * and waiting the long bound for them is worth it. Before, a partition may never receive an event.
     */
    private boolean cutoffsExist() {
        if (!cutoffsExist) {
            try (KeyValueIterator<String, AbcThresholds> all = thresholds.all()) {
                cutoffsExist = all.hasNext();
            }
        }
        return cutoffsExist;
    }

    /** A close could not go ahead at wall-clock {@code now}: starts the wait unless one runs. */
    void waiting(long now) {
        if (waitingSince < 0) {
            waitingSince = now;
        }
    }

    /**
     * At wall-clock {@code now}: ends a wait that has lasted {@code abc.cutoffs.max.wait.ms} (true then). From
     * here the outputs may differ from another run's: the close keeps the SKUs' classes.
     */
    boolean giveUpIfExpired(long now) {
        if (waitingSince < 0 || now - waitingSince < firstWaitMs) {
            return false;
        }
        // Only past the short bound: a store scan, once per check while a wait runs.
        long bound = cutoffsExist() ? maxWaitMs : firstWaitMs;
        if (now - waitingSince < bound) {
            return false;
        }
        LOG.warn("Task {}: the ABC cut-offs did not come within {} ms ({}); closing days without them (classes kept)",
                context.taskId(), bound, cutoffsExist ? "abc.cutoffs.max.wait.ms"
                        : "abc.cutoffs.first.wait.ms: no cut-offs yet, e.g. an input partition without events");
        waitingSince = -1;
        waitExpired = true;
        counters.increment(PipelineCounters.CLASS_THRESHOLDS_MISSING, "wait_expired");
        return true;
    }

    /**
     * How often the caller should look whether awaited cut-offs have come (or the wait ran out): every day
     * close of a backlog waits for one aggregator round trip, so the look adds to each; it costs one store
     * read when something is held and nothing otherwise.
     */
    Duration waitCheckInterval() {
        return Duration.ofMillis(Math.max(10, Math.min(50, maxWaitMs / 40)));
    }

    boolean waits() {
        return maxWaitMs > 0;
    }

    /**
     * Trailing sales value per day: units over the class window (up to its days of history) ÷ its
     * days × the last unit price seen (1 without one). Per day rather than a total, so a SKU whose
     * history is still filling up, compared with cut-offs computed a day earlier, is not ranked up.
     */
    static double salesValue(SkuState state, long[] recent) {
        long units = 0;
        for (long d : recent) {
            units += d;
        }
        Double price = state.getLastUnitPrice();
        return recent.length == 0 ? 0 : units * (price != null && price > 0 ? price : 1.0) / recent.length;
    }

    void classify(SkuState state, int closedDay, long streamTime) {
        long[] recent = DemandOutlooks.recentDemand(state, settings.windowDays());
        double value = salesValue(state, recent);
        collect(StoreKeys.skuLocation(state.getSku(), state.getLocationId()), value, closedDay, streamTime);
        AbcClass abc = abcClass(value, state.getAbcClass(), closedDay);
        String xyz = AbcXyzClassification.xyzClass(recent, settings.xyz()).name();
        state.setSalesValue(value);
        String previousAbc = state.getAbcClass();
        String previousXyz = state.getXyzClass();
        if (abc.name().equals(previousAbc) && xyz.equals(previousXyz)) {
            return;
        }
        state.setAbcClass(abc.name());
        state.setXyzClass(xyz);
        SkuClassChange change = SkuClassChange.newBuilder().setSku(state.getSku()).setLocationId(state.getLocationId())
                .setAbcClass(abc.name()).setXyzClass(xyz).setPreviousAbcClass(previousAbc).setPreviousXyzClass(previousXyz)
                .setSalesValue(value).setServiceLevel(settings.serviceLevels().of(abc)).setAt(Instant.ofEpochMilli(streamTime))
                .build();
        context.forward(new Record<>(PolicyResolver.key(state.getSku(), state.getLocationId()), change, streamTime),
                CLASSES_SINK);
    }

    /**
     * The ABC rule, by event time: closing day D classifies against the cut-offs computed for day
     * D − 1, which exist once every partition has closed D − 1, whatever the scheduling; the close
     * waits for them ({@link #readyToClose}). Only when that wait ran out does the SKU keep its
     * class (counted: then, and only then, a replay could differ). Before any cut-offs a SKU is B.
     */
    private AbcClass abcClass(double value, String previous, int closedDay) {
        AbcThresholds cut = thresholds.get(AbcAggregator.thresholdsKey(closedDay - 1));
        if (cut == null) {
            counters.increment(PipelineCounters.CLASS_THRESHOLDS_MISSING, "abc");
            return previous != null ? AbcClass.valueOf(previous) : AbcClass.B;
        }
        return AbcXyzClassification.abcClass(value, new AbcXyzClassification.Thresholds(cut.getAMinValue(),
                cut.getBMinValue()));
    }

    private void collect(String skuLocation, double value, int closedDay, long streamTime) {
        if (!pending.isEmpty() && pendingDay != closedDay) {
            // Left over from a close that failed before it ended (it is retried with a later day):
            // those values belong to their own day.
            send(pendingDay, false, streamTime);
        }
        pendingDay = closedDay;
        pending.add(new SkuSalesValue(skuLocation, value));
        pendingBytes += 3 * skuLocation.length() + 12;
        if (pendingBytes >= CHUNK_BYTES) {
            send(closedDay, false, streamTime);
        }
    }

    /**
     * Tells the aggregator that this task has closed {@code closedDay}, in the same record as the
     * day's last values, so once every partition's mark for a day is in, so are all its values.
     */
    void dayClosed(int closedDay, long streamTime) {
        if (!pending.isEmpty() && pendingDay != closedDay) {
            send(pendingDay, false, streamTime);
        }
        send(closedDay, true, streamTime);
    }

    /**
     * Sends what a failed close collected, without the close mark: the close is retried with a later
     * event, possibly after a commit or on another instance, where these values would be missing.
     */
    void sendPending(long streamTime) {
        if (!pending.isEmpty()) {
            send(pendingDay, false, streamTime);
        }
    }

    private void send(int day, boolean closesDay, long streamTime) {
        SkuSalesValues values = SkuSalesValues.newBuilder().setDay(day)
                .setPartition(context.taskId().partition()).setValues(new ArrayList<>(pending)).setClosesDay(closesDay)
                .build();
        pending.clear();
        pendingBytes = 0;
        context.forward(new Record<>(AbcAggregator.THRESHOLDS_KEY, values, streamTime), SALES_VALUES_SINK);
    }

    static List<String> sinks() {
        return List.of(SALES_VALUES_SINK, CLASSES_SINK);
    }
}
