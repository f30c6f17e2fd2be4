package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.SkuSalesValue;
import io.stockpulse.avro.SkuSalesValues;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sales values travel to the ABC aggregator as one record per task and day close (split only
 * when large), and the aggregator folds them into a snapshot: the cut-offs must still come from each
 * SKU's latest value of the day or before, including SKUs that were not closed for days.
 */
class SkuSalesValuesTest {

    private static final int DAY = (int) LocalDate.of(2011, 3, 1).toEpochDay();

    private static List<SkuSalesValues> sent(MockProcessorContext<String, Object> context) {
        List<SkuSalesValues> out = new ArrayList<>();
        for (var forwarded : context.forwarded()) {
            if (SkuClassifier.SALES_VALUES_SINK.equals(forwarded.childName().orElse(null))) {
                out.add((SkuSalesValues) forwarded.record().value());
            }
        }
        return out;
    }

    private static SkuClassifier classifier(MockProcessorContext<String, Object> context) {
        KeyValueStore<String, AbcThresholds> thresholds = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.ABC_THRESHOLDS), Serdes.String(),
                new io.stockpulse.serde.AvroBinarySerde<>(AbcThresholds.class)).withLoggingDisabled().build();
        thresholds.init(context.getStateStoreContext(), thresholds);
        context.addStateStore(thresholds);
        return new SkuClassifier(context, ClassSettings.DEFAULT, new PipelineCounters());
    }

    private static SkuState selling(String sku, int units) {
        SkuState state = SkuStates.empty(sku, "WH1");
        SkuStates.addDemand(state, DAY, units, 730);
        state.setLastUnitPrice(2.0);
        return state;
    }

    @Test
    void aDayCloseSendsOneRecordThatAlsoMarksTheDayClosed() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        SkuClassifier classifier = classifier(context);
        for (int i = 0; i < 50; i++) {
            classifier.classify(selling("SKU-" + i, i + 1), DAY, 0L);
        }
        assertThat(sent(context)).isEmpty();
        classifier.dayClosed(DAY, 0L);

        List<SkuSalesValues> sent = sent(context);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getClosesDay()).isTrue();
        assertThat(sent.get(0).getDay()).isEqualTo(DAY);
        assertThat(sent.get(0).getPartition()).isEqualTo(context.taskId().partition());
        assertThat(sent.get(0).getValues()).hasSize(50);
    }

    @Test
    void aLargeCloseIsSplitBelowTheMessageSizeAndTheLastRecordMarksTheClose() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        SkuClassifier classifier = classifier(context);
        String longSku = "S".repeat(100);
        int skus = 4_000; // ~640 KB of keys: more than one record's budget
        for (int i = 0; i < skus; i++) {
            classifier.classify(selling(longSku + i, 1), DAY, 0L);
        }
        classifier.dayClosed(DAY, 0L);

        List<SkuSalesValues> sent = sent(context);
        assertThat(sent).hasSizeGreaterThan(1);
        assertThat(sent.subList(0, sent.size() - 1)).extracting(SkuSalesValues::getClosesDay).containsOnly(false);
        assertThat(sent.get(sent.size() - 1).getClosesDay()).isTrue();
        Set<String> keys = new HashSet<>();
        var serde = new io.stockpulse.serde.AvroBinarySerde<>(SkuSalesValues.class);
        for (SkuSalesValues record : sent) {
            assertThat(serde.serializer().serialize("t", record).length).isLessThan(SkuClassifier.CHUNK_BYTES + 4_096);
            record.getValues().forEach(v -> keys.add(v.getSkuLocation()));
        }
        assertThat(keys).hasSize(skus);
    }

    @Test
    void valuesOfAFailedCloseAreSentForTheirOwnDay() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        SkuClassifier classifier = classifier(context);
        classifier.classify(selling("A", 1), DAY, 0L);
        classifier.sendPending(0L); // the close failed after classifying A
        classifier.classify(selling("B", 1), DAY + 1, 0L);
        classifier.dayClosed(DAY + 1, 0L);

        List<SkuSalesValues> sent = sent(context);
        assertThat(sent).extracting(SkuSalesValues::getDay, SkuSalesValues::getClosesDay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DAY, false),
                        org.assertj.core.groups.Tuple.tuple(DAY + 1, true));
        assertThat(sent.get(0).getValues()).extracting(SkuSalesValue::getSkuLocation).containsExactly(
                io.stockpulse.state.StoreKeys.skuLocation("A", "WH1"));
    }

    private static SkuSalesValues record(int partition, int day, boolean closes, Map<String, Double> values) {
        List<SkuSalesValue> list = new ArrayList<>();
        values.forEach((sku, value) -> list.add(new SkuSalesValue(sku, value)));
        return SkuSalesValues.newBuilder().setDay(day).setPartition(partition).setValues(list)
                .setClosesDay(closes).build();
    }

    private static Map<String, Double> values(String prefix, double... values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(prefix + i, values[i]);
        }
        return out;
    }

    @Test
    void cutOffsUseEachSkusLatestValueAcrossDaysRecordsAndSnapshots() {
        try (TopologyFixture f = TopologyFixture.withInputPartitions(2)) {
            TestInputTopic<String, SkuSalesValues> in = f.input(f.topics.skuSalesValues());
            TestOutputTopic<String, AbcThresholds> out = f.output(f.topics.abcThresholds());
            Instant at = Instant.parse("2011-03-05T01:00:00Z");
            // Day 1: partition 0's values in two records; partition 1 sends day 2 before day 1 closes everywhere.
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(0, DAY, false, values("a", 100, 50, 20)), at);
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(0, DAY, true, values("c", 10, 5, 1)), at);
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(1, DAY, true, values("b", 300, 200, 40, 30, 3, 2)), at);
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(1, DAY + 1, true, values("b", 0, 900)), at);
            // Day 2: only a0 changes on partition 0 (a0 → 0 drops out); day 3: nothing sold anywhere.
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(0, DAY + 1, true, values("a", 0)), at);
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(0, DAY + 2, true, Map.of()), at);
            in.pipeInput(AbcAggregator.THRESHOLDS_KEY, record(1, DAY + 2, true, Map.of()), at);

            Map<String, AbcThresholds> published = new LinkedHashMap<>();
            for (TestRecord<String, AbcThresholds> r : out.readRecordsToList()) {
                if (r.value() != null) {
                    published.put(r.key(), r.value());
                }
            }
            double[] day1 = {100, 50, 20, 10, 5, 1, 300, 200, 40, 30, 3, 2};
            double[] day2 = {50, 20, 10, 5, 1, 900, 40, 30, 3, 2}; // a0 and b0 went to 0, b1 to 900
            assertThat(published).containsOnlyKeys(AbcAggregator.thresholdsKey(DAY), AbcAggregator.thresholdsKey(DAY + 1),
                    AbcAggregator.thresholdsKey(DAY + 2));
            assertCutOffs(published.get(AbcAggregator.thresholdsKey(DAY)), day1);
            assertCutOffs(published.get(AbcAggregator.thresholdsKey(DAY + 1)), day2);
            assertCutOffs(published.get(AbcAggregator.thresholdsKey(DAY + 2)), day2);
        }
    }

    private static void assertCutOffs(AbcThresholds published, double[] values) {
        AbcXyzClassification.Thresholds expected = AbcXyzClassification.paretoThresholds(values,
                ClassSettings.DEFAULT.aShare(), ClassSettings.DEFAULT.bShare());
        assertThat(published.getSkus()).isEqualTo(values.length);
        assertThat(published.getAMinValue()).isEqualTo(expected.aMinValue());
        assertThat(published.getBMinValue()).isEqualTo(expected.bMinValue());
    }
}
