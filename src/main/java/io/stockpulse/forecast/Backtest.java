package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rolling-origin backtest: from the cutoff, every {@code stepDays} an origin; at each origin every
 * forecaster sees each series' history up to the day before and forecasts {@code horizon} days, which
 * are scored against what happened. Series are scored at an origin when they sold in the
 * {@code activeWindow} days before it and their history varies (a finite RMSSE scale).
 */
public final class Backtest {

    /**
     * Daily units of every series on a common calendar starting at {@code firstDay}, and the daily
     * sales value of those that have one (for ABC classes; may be empty).
     */
    public record Series(int firstDay, Map<String, int[]> daily, Map<String, double[]> revenue) {
        public Series(int firstDay, Map<String, int[]> daily) {
            this(firstDay, daily, Map.of());
        }

        /** Each series' sales value on the days before {@code day} (0 without prices). */
        public Map<String, Double> revenueBefore(int day) {
            Map<String, Double> out = new TreeMap<>();
            daily.keySet().forEach(key -> {
                double[] values = revenue.get(key);
                double sum = 0;
                for (int i = 0; values != null && i < Math.min(values.length, day - firstDay); i++) {
                    sum += values[i];
                }
                out.put(key, sum);
            });
            return out;
        }
    }

    /**
     * @param metrics by forecaster
     * @param byGroup by group (e.g. ABC class), then forecaster; empty when no grouping was asked for
     */
    public record Result(int origins, long scoredSeries, long distinctSeries, Map<String, BacktestMetrics> metrics,
                         Map<String, Map<String, BacktestMetrics>> byGroup) {
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
        return run(series, cutoffDay, forecasters, key -> null);
    }

    /** As {@link #run(Series, int, Map)}, also scoring each forecaster per group ({@code groupOf} null: none). */
    public Result run(Series series, int cutoffDay, Map<String, Forecaster> forecasters,
                      Function<String, String> groupOf) {
        Map<String, Map<String, BacktestMetrics>> byGroup = new TreeMap<>();
        int length = series.daily().values().stream().mapToInt(a -> a.length).max().orElse(0);
        int lastDay = series.firstDay() + length - 1;
        Map<String, BacktestMetrics> metrics = new LinkedHashMap<>();
        forecasters.keySet().forEach(name -> metrics.put(name, new BacktestMetrics()));
        int origins = 0;
        long scored = 0;
        Set<String> distinct = new HashSet<>();
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
                int[] history = Arrays.copyOfRange(all, from, end);
                if (!soldRecently(history)) {
                    continue;
                }
                double scale = BacktestMetrics.naiveScale(history);
                if (scale <= 0) {
                    continue;
                }
                histories.add(new DemandHistory(entry.getKey(), origin - 1, history));
                distinct.add(entry.getKey());
                actuals.add(Arrays.copyOfRange(all, end, end + horizon));
                scales.add(scale);
            }
            scored += histories.size();
            for (Map.Entry<String, Forecaster> forecaster : forecasters.entrySet()) {
                BacktestMetrics m = metrics.get(forecaster.getKey());
                for (int from = 0; from < histories.size(); from += batchSize) {
                    List<DemandHistory> chunk = histories.subList(from, Math.min(histories.size(), from + batchSize));
                    long started = System.nanoTime();
                    List<Forecast> forecasts = forecaster.getValue().forecast(chunk, horizon);
                    m.addForecastTime(System.nanoTime() - started, chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        int[] actual = actuals.get(from + i);
                        m.add(actual, forecasts.get(i), scales.get(from + i));
                        String group = groupOf.apply(chunk.get(i).seriesKey());
                        if (group != null) {
                            byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>())
                                    .computeIfAbsent(forecaster.getKey(), f -> new BacktestMetrics())
                                    .add(actual, forecasts.get(i), scales.get(from + i));
                        }
                    }
                }
            }
        }
        return new Result(origins, scored, distinct.size(), metrics, byGroup);
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
