package io.stockpulse.forecast;

/**
 * Hands each stream thread its own forecaster: model-backed forecasters hold native predictors that
 * are not thread-safe, and Kafka Streams creates processors per task, not per thread.
 */
@FunctionalInterface
public interface ForecasterProvider {

    Forecaster forCurrentThread();

    /** For stateless, thread-safe forecasters (the baselines). */
    static ForecasterProvider shared(Forecaster forecaster) {
        return () -> forecaster;
    }
}
