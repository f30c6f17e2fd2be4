package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.state.PolicyResolver;

/**
 * What makes a record on the policy topic unusable, in one place: the global store updater
 * ({@link PolicyStoreUpdater}) ignores such a record, the policy check ({@link PolicyValidator})
 * dead-letters it. Both read the same raw topic, so both must agree on every record.
 */
final class PolicyCheck {

    /** Why a policy record is not applied: {@code reason} is the dead-letter reason. */
    record Rejection(String reason, String message) {
    }

    private PolicyCheck() {
    }

    /** Null when the record may be applied: a valid policy under its own key, or a tombstone with a key. */
    static Rejection check(String key, SkuPolicy policy, PolicyParameters defaults) {
        if (key == null) {
            return new Rejection("missing-key", "a policy needs a key (SKU or SKU@LOCATION)");
        }
        if (policy == null) {
            return null;
        }
        String expected = PolicyResolver.key(policy.getSku(), policy.getLocationId());
        if (!key.equals(expected)) {
            return new Rejection("key-mismatch", "key must be '" + expected + "' for this policy");
        }
        try {
            PolicyResolver.merge(policy, defaults);
        } catch (IllegalArgumentException invalid) {
            return new Rejection("invalid-policy", invalid.getMessage());
        }
        return null;
    }
}
