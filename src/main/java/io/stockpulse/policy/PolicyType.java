package io.stockpulse.policy;

/** How a SKU is replenished. */
public enum PolicyType {
    /** Continuous review (s, Q): order when the position reaches the reorder point (the default). */
    CONTINUOUS,
    /** Periodic review (R, S): on review days only, order up to S. */
    PERIODIC,
    /** Min/max with hand-set levels. */
    MIN_MAX,
    /** Intermittent demand: TSB rate, and no order before enough demand has been seen. */
    INTERMITTENT
}
