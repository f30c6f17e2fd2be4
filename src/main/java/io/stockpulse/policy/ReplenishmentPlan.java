package io.stockpulse.policy;

/**
 * Everything the continuous-review (s, Q) policy derives for one SKU at one location.
 *
 * @param leadTimeDemand      expected demand over the lead time
 * @param leadTimeSigma       standard deviation of demand over the lead time
 * @param safetyStock         z · leadTimeSigma
 * @param reorderPoint        s = leadTimeDemand + safetyStock
 * @param economicOrderQuantity Q* (unrounded)
 * @param orderUpTo           S = s + Q*
 * @param orderQuantity       max(Q*, S − position), rounded up to MOQ and pack size
 * @param dailyDemand         average forecast demand per day
 * @param daysOfCover         on hand / daily demand (+∞ when no demand)
 * @param daysUntilStockout   whole days until the forecast uses up the stock on hand, −1 if never
 * @param excessQuantity      on hand above maxDaysOfCover × daily demand (0 when none)
 * @param valueAtRisk         excessQuantity × unit cost
 * @param reorderNeeded       inventory position at or below the reorder point
 */
public record ReplenishmentPlan(double leadTimeDemand, double leadTimeSigma, double safetyStock,
                                double reorderPoint, double economicOrderQuantity, double orderUpTo,
                                long orderQuantity, double dailyDemand, double daysOfCover,
                                int daysUntilStockout, double excessQuantity, double valueAtRisk,
                                boolean reorderNeeded) {
}
