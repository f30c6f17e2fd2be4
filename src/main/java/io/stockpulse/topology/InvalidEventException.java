package io.stockpulse.topology;

/**
 * A record that decoded but makes no sense (negative quantity, SKU with control characters, …).
 * Thrown before any state changes, so the dead-letter handler can park the record and move on.
 */
public final class InvalidEventException extends RuntimeException {

    private final String reason;

    public InvalidEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Short, stable code used as the DLQ reason header and the metric label. */
    public String reason() {
        return reason;
    }
}
