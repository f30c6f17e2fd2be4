package io.stockpulse.forecast;

/** A model file that cannot be used: missing, unreadable, or not the shape its metadata promises. */
public final class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
