package io.stockpulse.policy;

/**
 * Alert conditions with hysteresis: an alert opens when its condition is met and closes only when
 * the condition is cleared by a margin, so a SKU hovering around a threshold does not flap.
 */
public final class AlertRules {

    private AlertRules() {
    }

    /**
     * Next stockout level. OUT_OF_STOCK at on hand ≤ 0. PROJECTED when days of cover are below the
     * lead time with nothing on order; an open PROJECTED alert stays until cover reaches
     * lead time × (1 + hysteresis) or stock is ordered.
     */
    public static StockoutLevel stockout(StockoutLevel current, StockPosition position, ReplenishmentPlan plan,
                                         PolicyParameters policy, double hysteresis, boolean haveForecast) {
        if (position.onHand() <= 0) {
            return StockoutLevel.OUT_OF_STOCK;
        }
        if (!haveForecast || position.onOrder() > 0) {
            return StockoutLevel.NONE;
        }
        double threshold = policy.leadTimeDays();
        if (current != StockoutLevel.NONE) {
            threshold *= 1 + hysteresis;
        }
        return plan.daysOfCover() < threshold ? StockoutLevel.PROJECTED : StockoutLevel.NONE;
    }

    /**
     * Whether an overstock warning is open: days of cover above maxDaysOfCover opens it; it closes
     * when cover falls to maxDaysOfCover × (1 − hysteresis). Needs a forecast: without one nothing
     * is known about demand.
     */
    public static boolean overstock(boolean currentlyOpen, StockPosition position, ReplenishmentPlan plan,
                                    PolicyParameters policy, double hysteresis, boolean haveForecast) {
        if (!haveForecast || position.onHand() <= 0) {
            return false;
        }
        double threshold = policy.maxDaysOfCover();
        if (currentlyOpen) {
            threshold *= 1 - hysteresis;
        }
        return plan.daysOfCover() > threshold;
    }

    /**
     * Whether a reorder trigger is open: opens when the position falls to the reorder point; stays
     * open (no second trigger) until stock on order lifts the position above the reorder point, or the
     * need disappears by the hysteresis margin (position above s × (1 + hysteresis), e.g. after the
     * forecast dropped). A reorder point that merely wobbles never re-triggers.
     */
    public static boolean reorderOpen(boolean currentlyOpen, StockPosition position, ReplenishmentPlan plan,
                                      double hysteresis) {
        if (currentlyOpen) {
            long inventoryPosition = position.inventoryPosition();
            boolean coveredByOrder = position.onOrder() > 0 && inventoryPosition > plan.reorderPoint();
            boolean needGone = inventoryPosition > plan.reorderPoint() * (1 + hysteresis);
            return !(coveredByOrder || needGone);
        }
        return plan.reorderNeeded();
    }
}
