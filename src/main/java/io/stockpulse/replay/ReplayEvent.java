package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * One event the replay publishes: a {@link SaleEvent} (topic {@code inventory.sales}) or a
 * {@link StockChangeEvent} (topic {@code inventory.stock-changes}), keyed by {@link #sku()}.
 *
 * @param line the CSV line it came from (for an opening COUNT: the line of the SKU's first event)
 */
public record ReplayEvent(Kind kind, String sku, Instant occurredAt, long line, SpecificRecord value) {

    /** What a CSV row became. */
    public enum Kind {
        /** A product sold on a normal invoice: {@link SaleEvent}. */
        SALE,
        /** A line of a {@code C} (cancellation) invoice: stock comes back, StockChangeEvent RETURN. */
        RETURN,
        /** A write-off whose description speaks of damage or loss: StockChangeEvent DAMAGE. */
        DAMAGE,
        /** Any other stock correction: StockChangeEvent ADJUSTMENT with the signed delta. */
        ADJUSTMENT,
        /** The opening physical count placed one second before a SKU's first event: StockChangeEvent COUNT. */
        COUNT;

        /** True for the kinds published on the sales topic. */
        public boolean isSale() {
            return this == SALE;
        }
    }

    public ReplayEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(value, "value");
        if (kind.isSale() != (value instanceof SaleEvent) || (!kind.isSale() && !(value instanceof StockChangeEvent))) {
            throw new IllegalArgumentException(kind + " cannot carry a " + value.getClass().getSimpleName());
        }
    }

    /** The event's quantity field (for ADJUSTMENT signed, for COUNT the absolute count). */
    public long quantity() {
        return value instanceof SaleEvent sale ? sale.getQuantity() : ((StockChangeEvent) value).getQuantity();
    }

    /** The event's id. */
    public String eventId() {
        return value instanceof SaleEvent sale ? sale.getEventId() : ((StockChangeEvent) value).getEventId();
    }
}
