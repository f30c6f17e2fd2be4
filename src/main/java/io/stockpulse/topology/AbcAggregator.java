package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ABC split, scale-out safe and deterministic by event time. The Pareto cut-offs depend on
 * every SKU's sales value, but a task sees only its own partition. So at each day close every task
 * sends the trailing sales values of the SKUs it closed, in one record per day close whose last (or
 * only) record marks the day closed by its partition, to a one-partition topic under a single key.
 * This processor (one task, a changelogged store) keeps the values as received, keyed by day, and
 * each partition's last closed day. Once <em>every</em> input partition has closed day D, every
 * value of day D and before is in, whatever the scheduling: it computes the cut-offs of day D from
 * each SKU's latest value of day ≤ D, and publishes them under the key D to a compacted topic that
 * every instance reads as a global store. A task closing day D + 1 classifies against the cut-offs
 * of day D (see {@link SkuClassifier}). Everything runs inside the same exactly-once transactions as
 * the rest of the topology.
 *
 * <p>Store layout: the values of days up to the last published one are merged into one snapshot
 * (each SKU's latest value, zeros dropped), rewritten at each publication in records of at most
 * {@link #SNAPSHOT_CHUNK} values; values of later days (a fast partition may be days ahead) stay as
 * received until a publication covers their day. Publishing day D reads the snapshot of the day
 * before and the received values of days ≤ D in day order, so a later value replaces an earlier
 * one exactly as when every value had its own key.
 */
final class AbcAggregator implements Processor<String, SkuSalesValues, String, AbcThresholds> {

    static final String SINK = "abc-thresholds-sink";
    static final String THRESHOLDS_KEY = "all";
    /** A Pareto split of a handful of SKUs means nothing: until then every SKU counts as B. */
    static final int MIN_SKUS = 10;
    /** Cut-offs of this many days are kept on the topic and in the global store (older: tombstones). */
    static final int KEEP_DAYS = 7;
    /** Values per snapshot record: ~30 bytes each for typical keys, far below a megabyte for the longest. */
    static final int SNAPSHOT_CHUNK = 2_000;
    private static final char SEP = '\u0000';
    /** Received values: day, partition, first key of the record (unique: a SKU is closed once per day). */
    private static final String RECEIVED = "v" + SEP;
    /** The merged snapshot: day, chunk number. */
    private static final String SNAPSHOT = "s" + SEP;
    /** A partition's last closed day (a record with no values). */
    private static final String CLOSED = "p" + SEP;
    private static final String PUBLISHED = "published";

    private final double aShare;
    private final double bShare;
    private ProcessorContext<String, AbcThresholds> context;
    private KeyValueStore<String, SkuSalesValues> store;
    private int partitions;

    AbcAggregator(ClassSettings classes) {
        this.aShare = classes.aShare();
        this.bShare = classes.bShare();
    }

    /** The key of day D's cut-offs on the topic and in the global store: the ISO date. */
    static String thresholdsKey(int day) {
        return LocalDate.ofEpochDay(day).toString();
    }

    @Override
    public void init(ProcessorContext<String, AbcThresholds> context) {
        this.context = context;
        store = context.getStateStore(StoreNames.ABC_SALES_VALUES);
        partitions = TaskCount.inventoryTasks(context.appConfigs());
    }

    @Override
    public void process(Record<String, SkuSalesValues> record) {
        SkuSalesValues in = record.value();
        if (in == null) {
            return;
        }
        int day = in.getDay();
        if (!in.getValues().isEmpty()) {
            store.put(RECEIVED + paddedDay(day) + SEP + in.getPartition() + SEP + in.getValues().get(0).getSkuLocation(),
                    in);
        }
        if (!in.getClosesDay()) {
            return;
        }
        String closedKey = CLOSED + in.getPartition();
        Integer before = dayOf(store.get(closedKey));
        if (before != null && before >= day) {
            return;
        }
        store.put(closedKey, marker(day));
        Integer allClosed = dayClosedByAll();
        if (allClosed == null) {
            return;
        }
        Integer published = dayOf(store.get(PUBLISHED));
        // Every day up to the one all partitions have closed gets its own cut-offs: a task closing
        // D + 1 needs exactly D's. A long jump (an idle stretch) is capped at the days still kept.
        int from = published == null ? allClosed : Math.max(published + 1, allClosed - KEEP_DAYS + 1);
        for (int d = from; d <= allClosed; d++) {
            publish(d, record.timestamp());
        }
        if (published == null || allClosed > published) {
            store.put(PUBLISHED, marker(allClosed));
        }
    }

    /** The last day every input partition has closed, or null while one has not reported yet. */
    private Integer dayClosedByAll() {
        int min = Integer.MAX_VALUE;
        for (int p = 0; p < partitions; p++) {
            Integer closed = dayOf(store.get(CLOSED + p));
            if (closed == null) {
                return null;
            }
            min = Math.min(min, closed);
        }
        return min;
    }

    /** Cut-offs of {@code day} from each SKU's latest value of that day or before; folds those into the snapshot. */
    private void publish(int day, long timestamp) {
        Map<String, Double> latest = new TreeMap<>();
        List<String> merged = new ArrayList<>();
        // The snapshot is of an earlier day than every received value still kept, so it goes first.
        // Both ranges end before the next day's first key, so they hold exactly the days ≤ day.
        for (String prefix : List.of(SNAPSHOT, RECEIVED)) {
            try (KeyValueIterator<String, SkuSalesValues> it = store.range(prefix, prefix + paddedDay(day + 1))) {
                while (it.hasNext()) {
                    var entry = it.next();
                    merged.add(entry.key);
                    for (SkuSalesValue value : entry.value.getValues()) {
                        latest.put(value.getSkuLocation(), value.getSalesValue());
                    }
                }
            }
        }
        merged.forEach(store::delete);
        latest.values().removeIf(v -> !(v > 0));
        writeSnapshot(day, latest);
        double[] values = latest.values().stream().mapToDouble(Double::doubleValue).toArray();
        AbcXyzClassification.Thresholds cut = values.length < MIN_SKUS ? AbcXyzClassification.Thresholds.UNKNOWN
                : AbcXyzClassification.paretoThresholds(values, aShare, bShare);
        AbcThresholds out = AbcThresholds.newBuilder().setAMinValue(cut.aMinValue()).setBMinValue(cut.bMinValue())
                .setSkus(values.length).setDay(LocalDate.ofEpochDay(day)).build();
        context.forward(new Record<>(thresholdsKey(day), out, timestamp), SINK);
        context.forward(new Record<String, AbcThresholds>(thresholdsKey(day - KEEP_DAYS), null, timestamp), SINK);
    }

    private void writeSnapshot(int day, Map<String, Double> latest) {
        List<SkuSalesValue> chunk = new ArrayList<>(Math.min(SNAPSHOT_CHUNK, latest.size()));
        int chunks = 0;
        for (Map.Entry<String, Double> entry : latest.entrySet()) {
            chunk.add(new SkuSalesValue(entry.getKey(), entry.getValue()));
            if (chunk.size() == SNAPSHOT_CHUNK) {
                putSnapshotChunk(day, chunks++, chunk);
                chunk = new ArrayList<>(SNAPSHOT_CHUNK);
            }
        }
        if (!chunk.isEmpty()) {
            putSnapshotChunk(day, chunks, chunk);
        }
    }

    private void putSnapshotChunk(int day, int number, List<SkuSalesValue> values) {
        store.put(SNAPSHOT + paddedDay(day) + SEP + paddedDay(number), SkuSalesValues.newBuilder()
                .setDay(day).setPartition(-1).setValues(values).setClosesDay(false).build());
    }

    private static SkuSalesValues marker(int day) {
        return SkuSalesValues.newBuilder().setDay(day).setPartition(-1).setValues(List.of())
                .setClosesDay(true).build();
    }

    private static Integer dayOf(SkuSalesValues marker) {
        return marker == null ? null : marker.getDay();
    }

    /** Eight zero-padded digits, so keys sort by day (epoch days are positive for any real date). */
    static String paddedDay(int day) {
        String digits = Integer.toString(day);
        return "00000000".substring(Math.min(8, digits.length())) + digits;
    }
}
