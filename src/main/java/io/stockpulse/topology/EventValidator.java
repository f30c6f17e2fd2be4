package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;

import java.time.Duration;
import java.time.Instant;

/** Checks a decoded event before it may touch any state; throws {@link InvalidEventException}. */
public final class EventValidator {

    static final int MAX_ID_LENGTH = 128;
    static final long MAX_QUANTITY = 1_000_000_000L;
    /** Nothing in an inventory feed predates 2000; earlier timestamps are unset or corrupt clocks. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final Duration maxFutureSkew;

    public EventValidator(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    public void validate(String key, Object event, long wallClockMs) {
        if (event == null) {
            throw new InvalidEventException("empty-value", "the record has no value (a tombstone); events are never deleted");
        }
        if (event instanceof SaleEvent sale) {
            common(key, sale.getEventId(), sale.getSku(), sale.getLocationId(), sale.getOccurredAt(), wallClockMs);
            positive(sale.getQuantity());
            Double price = sale.getUnitPrice();
            if (price != null && !(Double.isFinite(price) && price >= 0)) {
                throw new InvalidEventException("invalid-price", "unitPrice must be a finite number >= 0, was " + price);
            }
        } else if (event instanceof ShipmentEvent shipment) {
            common(key, shipment.getEventId(), shipment.getSku(), shipment.getLocationId(), shipment.getOccurredAt(),
                    wallClockMs);
            positive(shipment.getQuantity());
            identifier("purchaseOrderId", shipment.getPurchaseOrderId());
        } else if (event instanceof StockChangeEvent change) {
            common(key, change.getEventId(), change.getSku(), change.getLocationId(), change.getOccurredAt(),
                    wallClockMs);
            long quantity = change.getQuantity();
            if (change.getKind() == StockChangeKind.COUNT) {
                if (quantity < 0 || quantity > MAX_QUANTITY) {
                    throw new InvalidEventException("invalid-quantity",
                            "a COUNT must be between 0 and " + MAX_QUANTITY + ", was " + quantity);
                }
            } else if (change.getKind() == StockChangeKind.ADJUSTMENT) {
                if (quantity == 0 || Math.abs(quantity) > MAX_QUANTITY) {
                    throw new InvalidEventException("invalid-quantity",
                            "an ADJUSTMENT must be a non-zero delta of at most " + MAX_QUANTITY + " units, was " + quantity);
                }
            } else {
                positive(quantity);
            }
        } else {
            throw new InvalidEventException("unexpected-type",
                    "no handling for " + event.getClass().getSimpleName());
        }
    }

    private void common(String key, String eventId, String sku, String locationId, Instant occurredAt, long now) {
        identifier("eventId", eventId);
        identifier("sku", sku);
        identifier("locationId", locationId);
        if (key == null) {
            throw new InvalidEventException("missing-key", "record key must be the SKU, was null");
        }
        if (!key.equals(sku)) {
            // Partitioning is by key: a key other than the SKU would split one SKU's state across tasks.
            throw new InvalidEventException("key-mismatch", "record key must equal the SKU '" + sku + "', was '" + key + "'");
        }
        if (occurredAt.isBefore(EARLIEST)) {
            throw new InvalidEventException("timestamp-too-old", "occurredAt " + occurredAt + " is before " + EARLIEST);
        }
        if (occurredAt.toEpochMilli() > now + maxFutureSkew.toMillis()) {
            throw new InvalidEventException("timestamp-in-future",
                    "occurredAt " + occurredAt + " is more than " + maxFutureSkew + " ahead of the clock");
        }
    }

    private static void identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing-" + field, field + " is empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidEventException(field + "-too-long",
                    field + " has " + value.length() + " characters, at most " + MAX_ID_LENGTH + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidEventException(field + "-control-character",
                        field + " contains control character U+" + String.format("%04X", (int) value.charAt(i)));
            }
        }
    }

    private static void positive(long quantity) {
        if (quantity <= 0 || quantity > MAX_QUANTITY) {
            throw new InvalidEventException("invalid-quantity",
                    "quantity must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
        }
    }
}
