package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.policy.PolicyParameters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The policy check: reads the raw policy topic beside the global store and dead-letters the records
 * the store ignores ({@link PolicyCheck}), by throwing an {@link InvalidEventException} that the
 * processing handler parks with its reason. It forwards nothing: the global store reads the policy
 * topic itself, so policies published before an instance starts are loaded before its first event.
 *
 * <p>Why not dead-letter in the global store's updater: Kafka Streams 4.3 drops dead-letter records
 * returned on the global thread, and every instance runs its own updater, so each would park its own
 * copy. Here one task owns the policy partition and writes its dead letters in its exactly-once
 * transaction: one copy per bad record. Kafka Streams lets a topic feed either a global store or a
 * task of one topology, not both, so this runs as a topology of its own
 * ({@link InventoryTopology#buildPolicyCheck}).
 */
final class PolicyValidator implements Processor<String, SkuPolicy, Void, Void> {

    static final String NAME = "sku-policies-validator";
    private final PolicyParameters defaults;

    PolicyValidator(PolicyParameters defaults) {
        this.defaults = defaults;
    }

    @Override
    public void process(Record<String, SkuPolicy> record) {
        PolicyCheck.Rejection rejection = PolicyCheck.check(record.key(), record.value(), defaults);
        if (rejection != null) {
            // Not counted under policies_rejected: the global store updater counts it on every instance.
            throw new InvalidEventException(rejection.reason(),
                    "policy " + record.key() + ": " + rejection.message() + "; the previous policy stays");
        }
    }
}
