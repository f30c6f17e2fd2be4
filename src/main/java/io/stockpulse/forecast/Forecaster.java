package io.stockpulse.forecast;

import java.util.List;

/**
 * Turns daily demand histories into forecasts. Implementations are called from one stream thread
 * at a time and are handed whole micro-batches so model-backed ones can run them in one call.
 */
public interface Forecaster extends AutoCloseable {

    String model();

    String version();

    /** One forecast per history, in the same order, each {@code horizonDays} long. */
    List<Forecast> forecast(List<DemandHistory> batch, int horizonDays);

    @Override
    default void close() {
    }
}
