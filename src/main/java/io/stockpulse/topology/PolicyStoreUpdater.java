package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.metrics.PipelineCounters;
import io.stockpulse.policy.PolicyParameters;
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
 * values are out of range, is rejected (logged, counted) and the previous policy stays in force.
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
        if (key == null) {
            reject(null, "a policy needs a key (SKU or SKU@LOCATION)");
            return;
        }
        if (policy == null) {
            store.delete(key);
            return;
        }
        String expected = PolicyResolver.key(policy.getSku(), policy.getLocationId());
        if (!key.equals(expected)) {
            reject(key, "key must be '" + expected + "' for this policy");
            return;
        }
        try {
            PolicyResolver.merge(policy, defaults);
        } catch (IllegalArgumentException invalid) {
            reject(key, invalid.getMessage());
            return;
        }
        store.put(key, policy);
    }

    private void reject(String key, String why) {
        LOG.warn("Rejected policy {}: {}; the previous policy stays in force", key, why);
        if (counters != null) {
            counters.increment(PipelineCounters.POLICIES_REJECTED, "invalid");
        }
    }
}
