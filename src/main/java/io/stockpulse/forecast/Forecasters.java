package io.stockpulse.forecast;

import io.stockpulse.signals.PipelineCounters;

import java.nio.file.Path;
import java.util.List;

/** Builds the configured forecaster by name. */
public final class Forecasters {

    public static final String LSTM = "lstm";
    public static final String AUTO = AutoForecaster.MODEL;
    /** Days behind the TSB rate and the bootstrap: the class window (ClassSettings.DEFAULT). */
    static final int BASELINE_HISTORY_DAYS = 91;
    /** Rolling origins {@code auto} compares over, and the days each scores: the last 4 weeks. */
    static final int AUTO_ORIGINS = 4;
    static final int AUTO_STEP_DAYS = 7;

    private Forecasters() {
    }

    public static Forecaster baselineForecaster(String name, int movingAverageWindow) {
        return switch (name) {
            case MovingAverageForecaster.MODEL -> new MovingAverageForecaster(movingAverageWindow);
            case SeasonalNaiveForecaster.MODEL -> new SeasonalNaiveForecaster(7);
            case EmpiricalQuantileForecaster.MODEL -> new EmpiricalQuantileForecaster(movingAverageWindow, BASELINE_HISTORY_DAYS);
            case TsbForecaster.MODEL -> tsb();
            case ZeroForecaster.MODEL -> new ZeroForecaster();
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

    /** TSB with the project's smoothing (α = β = 0.1, ClassSettings.DEFAULT) over the class window. */
    public static TsbForecaster tsb() {
        return new TsbForecaster(BASELINE_HISTORY_DAYS, 0.1, 0.1);
    }

    /**
     * Per series the best of {@code lstm}, the moving average with empirical quantiles and TSB on the
     * last 4 weekly origins; series too short to compare get the moving average with quantiles.
     */
    public static AutoForecaster auto(Forecaster lstm, int movingAverageWindow, int minHistoryDays) {
        EmpiricalQuantileForecaster movingAverage = new EmpiricalQuantileForecaster(movingAverageWindow, BASELINE_HISTORY_DAYS);
        TsbForecaster tsb = tsb();
        return new AutoForecaster(List.of(
                new AutoForecaster.Candidate(LSTM, lstm),
                new AutoForecaster.Candidate(EmpiricalQuantileForecaster.MODEL, movingAverage, movingAverage.dailyOnly()),
                new AutoForecaster.Candidate(TsbForecaster.MODEL, tsb, tsb.dailyOnly())), 1, AUTO_ORIGINS, AUTO_STEP_DAYS,
                minHistoryDays);
    }
}
