package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuClassChange;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.AbcXyzClassification.AbcClass;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * At day close, for each SKU × location the close touches: sends its trailing sales value to the
 * ABC aggregator, classifies it against the global cut-offs (ABC) and its own recent demand (XYZ),
 * and publishes a change of class. See {@link AbcAggregator} for why the split is done this way.
 */
final class SkuClassifier {

    static final String SALES_VALUES_SINK = "sku-sales-values-sink";
    static final String CLASSES_SINK = "sku-classes-sink";

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, AbcThresholds> thresholds;
    private final ClassSettings settings;

    SkuClassifier(ProcessorContext<String, Object> context, ClassSettings settings) {
        this.context = context;
        this.thresholds = context.getStateStore(StoreNames.ABC_THRESHOLDS);
        this.settings = settings;
    }

    /**
     * Trailing sales value per day: units over the class window (up to its days of history) ÷ its
     * days × the last unit price seen (1 without one). Per day rather than a total, so a SKU whose
     * history is still filling up, compared with cut-offs computed a day earlier, is not ranked up.
     */
    static double salesValue(SkuState state, int windowDays) {
        long[] recent = DemandOutlooks.recentDemand(state, windowDays);
        long units = 0;
        for (long d : recent) {
            units += d;
        }
        Double price = state.getLastUnitPrice();
        return recent.length == 0 ? 0 : units * (price != null && price > 0 ? price : 1.0) / recent.length;
    }

    void classify(SkuState state, int closedDay, long streamTime) {
        long[] recent = DemandOutlooks.recentDemand(state, settings.windowDays());
        double value = salesValue(state, settings.windowDays());
        String key = StoreKeys.skuLocation(state.getSku(), state.getLocationId());
        context.forward(new Record<>(AbcAggregator.THRESHOLDS_KEY, SkuSalesValue.newBuilder().setSkuLocation(key)
                .setSalesValue(value).setDay(LocalDate.ofEpochDay(closedDay)).build(), streamTime), SALES_VALUES_SINK);
        AbcThresholds cut = thresholds.get(AbcAggregator.THRESHOLDS_KEY);
        AbcClass abc = AbcXyzClassification.abcClass(value, cut == null ? AbcXyzClassification.Thresholds.UNKNOWN
                : new AbcXyzClassification.Thresholds(cut.getAMinValue(), cut.getBMinValue()));
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

    static List<String> sinks() {
        return List.of(SALES_VALUES_SINK, CLASSES_SINK);
    }
}
