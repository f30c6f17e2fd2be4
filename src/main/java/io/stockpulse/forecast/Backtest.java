package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin backtest: from the cutoff, every {@code stepDays} an origin; at each origin every
 * forecaster sees each series' history up to the day before and forecasts {@code horizon} days, which
 * are scored against what happened. Series are scored at an origin when they sold in the
 * {@code activeWindow} days before it and their history varies (a finite RMSSE scale).
 */
public final class Backtest {

    /** Daily units of every series on a common calendar starting at {@code firstDay}. */
    public record Series(int firstDay, Map<String, int[]> daily) {
    }

    public record Result(int origins, long scoredSeries, long distinctSeries, Map<String, BacktestMetrics> metrics) {
    }

    private final int horizon;
    private final int stepDays;
    private final int activeWindow;
    private final int historyDays;
    private final int batchSize;

    public Backtest(int horizon, int stepDays, int activeWindow, int historyDays, int batchSize) {
        this.horizon = horizon;
        this.stepDays = stepDays;
        this.activeWindow = activeWindow;
        this.historyDays = historyDays;
        this.batchSize = batchSize;
    }

    public Result run(Series series, int cutoffDay, Map<String, Forecaster> forecasters) {
        int length = series.daily().values().stream().mapToInt(a -> a.length).max().orElse(0);
        int lastDay = series.firstDay() + length - 1;
        Map<String, BacktestMetrics> metrics = new LinkedHashMap<>();
        forecasters.keySet().forEach(name -> metrics.put(name, new BacktestMetrics()));
        int origins = 0;
        long scored = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int origin = cutoffDay; origin + horizon - 1 <= lastDay; origin += stepDays) {
            origins++;
            List<DemandHistory> histories = new ArrayList<>();
            List<int[]> actuals = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            int end = origin - series.firstDay(); // index of the origin day
            for (Map.Entry<String, int[]> entry : series.daily().entrySet()) {
                int[] all = entry.getValue();
                int from = Math.max(0, end - historyDays);
                if (end <= 0 || end + horizon > all.length) {
                    continue;
                }
                int[] history = java.util.Arrays.copyOfRange(all, from, end);
                if (!soldRecently(history)) {
                    continue;
                }
                double scale = BacktestMetrics.naiveScale(history);
                if (scale <= 0) {
                    continue;
                }
                histories.add(new DemandHistory(entry.getKey(), origin - 1, history));
                distinct.add(entry.getKey());
                actuals.add(java.util.Arrays.copyOfRange(all, end, end + horizon));
                scales.add(scale);
            }
            scored += histories.size();
            for (Map.Entry<String, Forecaster> forecaster : forecasters.entrySet()) {
                BacktestMetrics m = metrics.get(forecaster.getKey());
                for (int from = 0; from < histories.size(); from += batchSize) {
                    List<DemandHistory> chunk = histories.subList(from, Math.min(histories.size(), from + batchSize));
                    List<Forecast> forecasts = forecaster.getValue().forecast(chunk, horizon);
                    for (int i = 0; i < chunk.size(); i++) {
                        Forecast f = forecasts.get(i);
                        m.add(actuals.get(from + i), f.mean(), f.p50(), f.p90(), scales.get(from + i));
                    }
                }
            }
        }
        return new Result(origins, scored, distinct.size(), metrics);
    }

    private boolean soldRecently(int[] history) {
        for (int i = Math.max(0, history.length - activeWindow); i < history.length; i++) {
            if (history[i] > 0) {
                return true;
            }
        }
        return false;
    }
}
