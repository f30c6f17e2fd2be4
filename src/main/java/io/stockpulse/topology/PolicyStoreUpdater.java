package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global policy store: every instance sees every policy, so a policy never has to be
 * co-partitioned with the events. A policy whose key does not match its SKU/location, or whose
 * values are out of range ({@link PolicyCheck}), is rejected (logged, counted) and the previous
 * policy stays in force. It is not dead-lettered here: Kafka Streams sends no dead letters from the
 * global thread, and every instance runs this updater; {@link PolicyValidator} parks it once.
 */
final class PolicyStoreUpdater implements Processor<String, SkuPolicy, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStoreUpdater.class);
    private final PolicyParameters defaults;
    private final PipelineCounters counters;
    private KeyValueStore<String, SkuPolicy> store;

    PolicyStoreUpdater(PolicyParameters defaults, PipelineCounters counters) {
        this.defaults = defaults;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.POLICIES);
    }

    @Override
    public void process(Record<String, SkuPolicy> record) {
        String key = record.key();
        SkuPolicy policy = record.value();
        PolicyCheck.Rejection rejection = PolicyCheck.check(key, policy, defaults);
        if (rejection != null) {
            LOG.warn("Rejected policy {}: {}; the previous policy stays in force", key, rejection.message());
            if (counters != null) {
                counters.increment(PipelineCounters.POLICIES_REJECTED, "invalid");
            }
        } else if (policy == null) {
            store.delete(key);
        } else {
            store.put(key, policy);
        }
    }
}
