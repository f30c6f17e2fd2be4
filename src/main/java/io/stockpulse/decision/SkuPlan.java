package io.stockpulse.decision;

/**
 * The replenishment plan of one SKU at one location, made at a day close and used until the next:
 * every event compares the inventory position with it.
 *
 * @param day                  epoch day of the close it was made at
 * @param dailyDemand          expected regular units per day
 * @param leadTimeDemand       expected demand over the protection interval (L, or R + L)
 * @param safetyStock          reorder point − leadTimeDemand (may be negative on lumpy demand at a low target)
 * @param reorderPoint         s: order when the position is at or below it
 * @param orderUpTo            S: an order lifts the position to it
 * @param orderQuantity        Q the plan was sized for (S − s for continuous review)
 * @param cycleServiceLevel    α the reorder point gives: P(lead-time demand ≤ s)
 * @param fillRate             β the reorder point gives with this Q: 1 − E[(X − s)⁺]/Q
 * @param overstockLimit       positions above this are overstock: max(max days of cover × d, S)
 * @param specialLineThreshold order lines above this many units are special orders (+∞: none)
 * @param source               what set the level (model@version, or the history)
 * @param leadTime             the lead time L, σL the plan was made with, configured or observed
 */
public record SkuPlan(int day, double dailyDemand, double leadTimeDemand, double safetyStock, double reorderPoint,
                      double orderUpTo, double orderQuantity, double cycleServiceLevel, double fillRate,
                      double overstockLimit, double specialLineThreshold, String source, LeadTimeUsed leadTime) {

    /** A plan that does not say which lead time it used (the policy's configured one). */
    public SkuPlan(int day, double dailyDemand, double leadTimeDemand, double safetyStock, double reorderPoint,
                   double orderUpTo, double orderQuantity, double cycleServiceLevel, double fillRate,
                   double overstockLimit, double specialLineThreshold, String source) {
        this(day, dailyDemand, leadTimeDemand, safetyStock, reorderPoint, orderUpTo, orderQuantity, cycleServiceLevel,
                fillRate, overstockLimit, specialLineThreshold, source, LeadTimeUsed.UNKNOWN);
    }

    /** Before the first close: nothing known, nothing ordered, every line regular. */
    public static SkuPlan none(int day) {
        return new SkuPlan(day, 0, 0, 0, Double.NEGATIVE_INFINITY, 0, 0, 0, 0, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, "none");
    }

    public boolean known() {
        return reorderPoint != Double.NEGATIVE_INFINITY;
    }

    /**
     * Days of cover of {@code units} at the plan's demand rate; +∞ ("no demand expected") when less
     * than a unit a year is expected, rather than an absurd number of days.
     */
    public double daysOfCover(long units) {
        if (units <= 0) {
            return 0;
        }
        return dailyDemand * 365 >= 1 ? units / dailyDemand : Double.POSITIVE_INFINITY;
    }
}
