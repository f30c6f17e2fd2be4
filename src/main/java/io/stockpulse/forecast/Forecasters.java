package io.stockpulse.forecast;

import io.stockpulse.metrics.PipelineCounters;

import java.nio.file.Path;

/** Builds the configured forecaster by name. */
public final class Forecasters {

    public static final String LSTM = "lstm";

    private Forecasters() {
    }

    public static Forecaster baselineForecaster(String name, int movingAverageWindow) {
        return switch (name) {
            case MovingAverageForecaster.MODEL -> new MovingAverageForecaster(movingAverageWindow);
            case SeasonalNaiveForecaster.MODEL -> new SeasonalNaiveForecaster(7);
            default -> throw new IllegalArgumentException("unknown forecaster '" + name + "'");
        };
    }

    public static ForecasterProvider baseline(String name, int movingAverageWindow) {
        return ForecasterProvider.shared(baselineForecaster(name, movingAverageWindow));
    }

    /**
     * The LSTM over {@code modelDirectory} (or the bundled model, extracted under {@code workDir}, when
     * none is given), with the moving average as its fallback.
     */
    public static LstmForecasterProvider lstm(Path modelDirectory, Path workDir, int movingAverageWindow,
                                              int minHistoryDays, int maxBatch, PipelineCounters counters) {
        Path dir = modelDirectory != null ? modelDirectory : BundledModel.extract(workDir);
        return new LstmForecasterProvider(dir, new MovingAverageForecaster(movingAverageWindow), minHistoryDays, maxBatch,
                counters);
    }
}
