package io.stockpulse.forecast;

/** A model that loaded but failed on a batch; callers fall back to the baseline for that batch. */
public final class ForecastFailedException extends RuntimeException {

    public ForecastFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
