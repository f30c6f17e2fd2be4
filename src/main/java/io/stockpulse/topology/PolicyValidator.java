package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.metrics.PipelineCounters;
import io.stockpulse.policy.PolicyParameters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Checks policies before they reach the global policy store: a valid policy (or a tombstone) is
 * forwarded to the validated-policy topic the global store reads; an invalid one is thrown as an
 * {@link InvalidEventException} and so dead-lettered like any other bad record.
 *
 * <p>Why a regular sub-topology and not the global-store processor: Kafka Streams 4.3 drops
 * dead-letter records returned for global-store processors, and every instance runs its own global
 * processor, so each would write its own copy. Here one task owns each policy partition and writes
 * its dead letters and forwarded policies in its exactly-once transaction: one copy per bad record.
 */
final class PolicyValidator implements Processor<String, SkuPolicy, String, SkuPolicy> {

    static final String NAME = "sku-policies-validator";
    static final String SINK = "sku-policies-validated-sink";
    private final PolicyParameters defaults;
    private final PipelineCounters counters;
    private ProcessorContext<String, SkuPolicy> context;

    PolicyValidator(PolicyParameters defaults, PipelineCounters counters) {
        this.defaults = defaults;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, SkuPolicy> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, SkuPolicy> record) {
        String key = record.key();
        SkuPolicy policy = record.value();
        if (key == null) {
            reject("missing-key", "a policy needs a key (SKU or SKU@LOCATION)");
        }
        if (policy != null) {
            String expected = PolicyResolver.key(policy.getSku(), policy.getLocationId());
            if (!key.equals(expected)) {
                reject("key-mismatch", "policy key '" + key + "' must be '" + expected + "'; the previous policy stays");
            }
            try {
                PolicyResolver.merge(policy, defaults);
            } catch (IllegalArgumentException invalid) {
                reject("invalid-policy", "policy " + key + ": " + invalid.getMessage() + "; the previous policy stays");
            }
        }
        context.forward(record);
    }

    private void reject(String reason, String why) {
        if (counters != null) {
            counters.increment(PipelineCounters.POLICIES_REJECTED, "invalid");
        }
        throw new InvalidEventException(reason, why);
    }
}
