package io.stockpulse.policy;

/**
 * Physical and pipeline stock of one SKU at one location.
 *
 * @param netStock units on hand minus backorders (negative when sales ran ahead of stock)
 * @param onOrder  units on open purchase orders
 */
public record StockPosition(long netStock, long onOrder) {

    public long onHand() {
        return Math.max(netStock, 0);
    }

    public long backorders() {
        return Math.max(-netStock, 0);
    }

    /** Inventory position = on hand + on order − backorders. */
    public long inventoryPosition() {
        return onHand() + onOrder - backorders();
    }
}
