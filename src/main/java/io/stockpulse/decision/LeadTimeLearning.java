package io.stockpulse.decision;

/**
 * Whether and when the planner replaces the configured lead time (L, σL) by the one measured on the
 * stream's own purchase orders.
 *
 * @param learn       false: always the configured L and σL (the observations are still kept and shown)
 * @param minReceipts fully received purchase orders needed before the observed lead time is used
 */
public record LeadTimeLearning(boolean learn, int minReceipts) {

    public static final LeadTimeLearning DEFAULT = new LeadTimeLearning(true, 5);

    public LeadTimeLearning {
        if (minReceipts < 2 || minReceipts > LeadTimeEstimate.KEPT) {
            // One receipt has no spread; more than are kept could never be reached.
            throw new IllegalArgumentException("minReceipts must be in [2, " + LeadTimeEstimate.KEPT + "], was "
                    + minReceipts);
        }
    }
}
