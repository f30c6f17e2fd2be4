package io.stockpulse.decision;

import io.stockpulse.policy.StockoutLevel;

/**
 * An alert that opened or closed at a day close.
 *
 * @param kind              stockout or overstock
 * @param raised            true when it opened, false when it resolved
 * @param level             for a stockout: the level raised, or the level that resolved
 * @param excessUnits       for an overstock: position above the overstock limit
 * @param valueAtRisk       excessUnits × unit cost
 * @param daysUntilStockout projected whole days until on hand runs out (−1: not within the horizon)
 */
public record AlertTransition(Kind kind, boolean raised, StockoutLevel level, double excessUnits, double valueAtRisk,
                              int daysUntilStockout) {

    public enum Kind { STOCKOUT, OVERSTOCK }
}
