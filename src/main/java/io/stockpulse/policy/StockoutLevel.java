package io.stockpulse.policy;

/** How bad a stockout is; NONE when no alert is open. Ordered by severity. */
public enum StockoutLevel {
    NONE, PROJECTED, OUT_OF_STOCK
}
