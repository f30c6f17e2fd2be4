package io.stockpulse.decision;

/**
 * One measured lead time: a purchase order's ORDERED → RECEIVED interval in days (for a partially
 * received order, the quantity-weighted mean over its receipts; see {@link LeadTimeEstimate#measure}).
 *
 * @param days       the interval, days (fractional)
 * @param supplierId the purchase order's supplier, or null when the shipments did not name one
 */
public record LeadTimeObservation(double days, String supplierId) {

    public LeadTimeObservation {
        if (!(days >= 0) || !Double.isFinite(days)) {
            throw new IllegalArgumentException("a lead time must be finite and >= 0 days, was " + days);
        }
    }
}
