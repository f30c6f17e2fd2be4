package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuSalesValue;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ABC split, scale-out safe and deterministic by event time. The Pareto cut-offs depend on
 * every SKU's sales value, but a task sees only its own partition. So at each day close every task
 * sends the trailing sales value of the SKUs it closed, then a close marker (its partition and the
 * day), to a one-partition topic under a single key. This processor (one task, a changelogged
 * store) keeps each SKU × location's values by day and each partition's last closed day. Once
 * <em>every</em> input partition has closed day D, every value of day D and before is in, whatever
 * the scheduling: it computes the cut-offs of day D from each SKU's latest value of day ≤ D, and
 * publishes them under the key D to a compacted topic that every instance reads as a global store.
 * A task closing day D + 1 classifies against the cut-offs of day D (see {@link SkuClassifier}).
 * Everything runs inside the same exactly-once transactions as the rest of the topology.
 */
final class AbcAggregator implements Processor<String, SkuSalesValue, String, AbcThresholds> {

    static final String SINK = "abc-thresholds-sink";
    static final String THRESHOLDS_KEY = "all";
    /** A Pareto split of a handful of SKUs means nothing: until then every SKU counts as B. */
    static final int MIN_SKUS = 10;
    /** Cut-offs of this many days are kept on the topic and in the global store (older: tombstones). */
    static final int KEEP_DAYS = 7;
    private static final char SEP = '\u0000';
    private static final String VALUE = "v" + SEP;
    private static final String CLOSED = "p" + SEP;
    private static final String PUBLISHED = "published";

    private final double aShare;
    private final double bShare;
    private ProcessorContext<String, AbcThresholds> context;
    private KeyValueStore<String, Double> store;
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
        partitions = InventoryTopology.inputPartitions(context.appConfigs());
    }

    @Override
    public void process(Record<String, SkuSalesValue> record) {
        SkuSalesValue value = record.value();
        if (value == null) {
            return;
        }
        int day = (int) value.getDay().toEpochDay();
        if (value.getClosedByPartition() == null) {
            store.put(VALUE + value.getSkuLocation() + SEP + String.format("%07d", day), value.getSalesValue());
            return;
        }
        String closedKey = CLOSED + value.getClosedByPartition();
        Double before = store.get(closedKey);
        if (before != null && before >= day) {
            return;
        }
        store.put(closedKey, (double) day);
        Integer allClosed = dayClosedByAll();
        if (allClosed == null) {
            return;
        }
        Double published = store.get(PUBLISHED);
        // Every day up to the one all partitions have closed gets its own cut-offs: a task closing
        // D + 1 needs exactly D's. A long jump (an idle stretch) is capped at the days still kept.
        int from = published == null ? allClosed : Math.max(published.intValue() + 1, allClosed - KEEP_DAYS + 1);
        for (int d = from; d <= allClosed; d++) {
            publish(d, record.timestamp());
        }
        if (published == null || allClosed > published) {
            store.put(PUBLISHED, (double) allClosed);
        }
    }

    /** The last day every input partition has closed, or null while one has not reported yet. */
    private Integer dayClosedByAll() {
        int min = Integer.MAX_VALUE;
        for (int p = 0; p < partitions; p++) {
            Double closed = store.get(CLOSED + p);
            if (closed == null) {
                return null;
            }
            min = Math.min(min, closed.intValue());
        }
        return min;
    }

    /** Cut-offs of {@code day} from each SKU's latest value of that day or before; prunes what no later day needs. */
    private void publish(int day, long timestamp) {
        Map<String, Double> latest = new HashMap<>();
        Map<String, String> latestKey = new HashMap<>();
        List<String> superseded = new ArrayList<>();
        try (KeyValueIterator<String, Double> it = store.range(VALUE, VALUE + '\uffff')) {
            while (it.hasNext()) {
                var entry = it.next();
                int cut = entry.key.lastIndexOf(SEP);
                int valueDay = Integer.parseInt(entry.key.substring(cut + 1));
                if (valueDay > day) {
                    continue;
                }
                String skuLocation = entry.key.substring(VALUE.length(), cut);
                // keys of one SKU sort by day, so a later one replaces the earlier
                String previous = latestKey.put(skuLocation, entry.key);
                if (previous != null) {
                    superseded.add(previous);
                }
                latest.put(skuLocation, entry.value);
            }
        }
        superseded.forEach(store::delete);
        double[] values = latest.values().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray();
        AbcXyzClassification.Thresholds cut = values.length < MIN_SKUS ? AbcXyzClassification.Thresholds.UNKNOWN
                : AbcXyzClassification.paretoThresholds(values, aShare, bShare);
        AbcThresholds out = AbcThresholds.newBuilder().setAMinValue(cut.aMinValue()).setBMinValue(cut.bMinValue())
                .setSkus(values.length).setDay(LocalDate.ofEpochDay(day)).build();
        context.forward(new Record<>(thresholdsKey(day), out, timestamp), SINK);
        context.forward(new Record<String, AbcThresholds>(thresholdsKey(day - KEEP_DAYS), null, timestamp), SINK);
    }
}
