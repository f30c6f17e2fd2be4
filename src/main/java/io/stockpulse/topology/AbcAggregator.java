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

import java.util.ArrayList;
import java.util.List;

/**
 * The ABC split, scale-out safe. The Pareto cut-offs depend on every SKU's sales value, but a task
 * sees only its own partitions. So each task sends the trailing sales value of the SKUs it closes
 * at day close to a one-partition topic under a single key; this processor (one task, a
 * changelogged store) keeps the latest value per SKU × location and, once per new day, recomputes
 * the cut-offs and publishes them to a compacted topic that every instance reads as a global store.
 * Each task then classifies its own SKUs against the cut-offs. Everything runs inside the same
 * exactly-once transactions as the rest of the topology; the one scan of the store happens once a
 * day in one task, never per event.
 */
final class AbcAggregator implements Processor<String, SkuSalesValue, String, AbcThresholds> {

    static final String SINK = "abc-thresholds-sink";
    static final String THRESHOLDS_KEY = "all";
    /** A Pareto split of a handful of SKUs means nothing: until then every SKU counts as B. */
    static final int MIN_SKUS = 10;
    private static final String LAST_DAY = "\u0000last-day";

    private final double aShare;
    private final double bShare;
    private ProcessorContext<String, AbcThresholds> context;
    private KeyValueStore<String, Double> values;

    AbcAggregator(ClassSettings classes) {
        this.aShare = classes.aShare();
        this.bShare = classes.bShare();
    }

    @Override
    public void init(ProcessorContext<String, AbcThresholds> context) {
        this.context = context;
        values = context.getStateStore(StoreNames.ABC_SALES_VALUES);
    }

    @Override
    public void process(Record<String, SkuSalesValue> record) {
        SkuSalesValue value = record.value();
        if (value == null) {
            return;
        }
        int day = (int) value.getDay().toEpochDay();
        Double last = values.get(LAST_DAY);
        if (last == null || day > last) {
            // The first value of a new day: everything of the days before is in, publish the split.
            if (last != null) {
                publish(last.intValue(), record.timestamp());
            }
            values.put(LAST_DAY, (double) day);
        }
        if (value.getSalesValue() > 0) {
            values.put(value.getSkuLocation(), value.getSalesValue());
        } else {
            values.delete(value.getSkuLocation());
        }
    }

    private void publish(int day, long timestamp) {
        List<Double> all = new ArrayList<>();
        try (KeyValueIterator<String, Double> it = values.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                if (!entry.key.equals(LAST_DAY)) {
                    all.add(entry.value);
                }
            }
        }
        AbcXyzClassification.Thresholds cut = all.size() < MIN_SKUS ? AbcXyzClassification.Thresholds.UNKNOWN
                : AbcXyzClassification.paretoThresholds(all.stream().mapToDouble(Double::doubleValue).toArray(),
                aShare, bShare);
        AbcThresholds out = AbcThresholds.newBuilder().setAMinValue(cut.aMinValue()).setBMinValue(cut.bMinValue())
                .setSkus(all.size()).setDay(java.time.LocalDate.ofEpochDay(day)).build();
        context.forward(new Record<>(THRESHOLDS_KEY, out, timestamp), SINK);
    }
}
