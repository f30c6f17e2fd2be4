package io.stockpulse.decision;

import io.stockpulse.policy.StockoutLevel;

/**
 * The alert state of one SKU kept between day closes.
 *
 * @param stockout        open stockout alert level (NONE when none)
 * @param overstockOpen   an overstock warning is open
 * @param overstockStreak consecutive closes the overstock condition held (confirmation before raising)
 * @param projectedStreak consecutive closes a stockout was projected within the lead time
 */
public record AlertFlags(StockoutLevel stockout, boolean overstockOpen, int overstockStreak, int projectedStreak) {
    public static final AlertFlags NONE = new AlertFlags(StockoutLevel.NONE, false, 0, 0);
}
