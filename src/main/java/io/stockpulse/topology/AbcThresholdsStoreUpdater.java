package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global abc-thresholds store equal to the compacted topic. */
final class AbcThresholdsStoreUpdater implements Processor<String, AbcThresholds, Void, Void> {

    private KeyValueStore<String, AbcThresholds> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.ABC_THRESHOLDS);
    }

    @Override
    public void process(Record<String, AbcThresholds> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
