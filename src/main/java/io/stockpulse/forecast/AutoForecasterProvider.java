package io.stockpulse.forecast;

/**
 * {@code forecast.model=auto}: one {@link AutoForecaster} per stream thread over that thread's own
 * LSTM predictor (DJL predictors are not thread-safe), the baselines beside it.
 */
public final class AutoForecasterProvider implements ForecasterProvider, AutoCloseable {

    private final LstmForecasterProvider lstm;
    private final int movingAverageWindow;
    private final int minHistoryDays;
    private final ThreadLocal<AutoForecaster> perThread = new ThreadLocal<>();

    public AutoForecasterProvider(LstmForecasterProvider lstm, int movingAverageWindow, int minHistoryDays) {
        this.lstm = lstm;
        this.movingAverageWindow = movingAverageWindow;
        this.minHistoryDays = minHistoryDays;
    }

    /** The model provider underneath, for hot reload and its version. */
    public LstmForecasterProvider lstm() {
        return lstm;
    }

    @Override
    public Forecaster forCurrentThread() {
        AutoForecaster forecaster = perThread.get();
        if (forecaster == null) {
            forecaster = Forecasters.auto(lstm.forCurrentThread(), movingAverageWindow, minHistoryDays);
            perThread.set(forecaster);
        }
        return forecaster;
    }

    @Override
    public void close() {
        lstm.close();
    }
}
