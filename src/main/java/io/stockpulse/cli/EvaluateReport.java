package io.stockpulse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockpulse.forecast.Backtest;
import io.stockpulse.forecast.BacktestMetrics;
import io.stockpulse.forecast.QuantileScores;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of {@code evaluate}'s JSON for one forecaster, and the ABC classes it breaks them down by. */
final class EvaluateReport {

    private EvaluateReport() {
    }

    /**
     * ABC class of every series from its sales value on the days before {@code cutoffDay}, at the
     * project's default Pareto shares (80 % A, 15 % B, the rest C; {@link ClassSettings#DEFAULT}).
     */
    static Map<String, String> abcClasses(Backtest.Series series, int cutoffDay) {
        Map<String, Double> values = series.revenueBefore(cutoffDay);
        AbcXyzClassification.Thresholds thresholds = AbcXyzClassification.paretoThresholds(
                values.values().stream().mapToDouble(Double::doubleValue).toArray(),
                ClassSettings.DEFAULT.aShare(), ClassSettings.DEFAULT.bShare());
        Map<String, String> classes = new TreeMap<>();
        values.forEach((key, value) -> classes.put(key, AbcXyzClassification.abcClass(value, thresholds).name()));
        return classes;
    }

    /** RMSSE, WAPE, bias, p90 coverage and pinball: the main figures, here and per ABC class. */
    static void putMain(ObjectNode node, BacktestMetrics m) {
        node.put("rmsse", m.rmsse());
        node.put("wape", m.wape());
        node.put("bias", m.bias());
        putNullable(node, "coverage_p90", m.coverageP90());
        node.put("pinball", m.pinball());
    }

    /**
     * Daily quantiles per level, lead-time (cumulative) quantiles per horizon; null where not given, and
     * how much was scored (a forecaster that gives a level for some series only, like auto when it picks
     * a baseline, is scored at that level on those series only).
     */
    static void putQuantiles(ObjectNode node, BacktestMetrics m) {
        QuantileScores q = m.quantiles();
        ObjectNode daily = node.putObject("quantiles");
        for (double level : q.levels()) {
            ObjectNode at = daily.putObject(String.format(Locale.ROOT, "p%d", Math.round(level * 100)));
            putNullable(at, "coverage", q.dailyCoverage(level));
            putNullable(at, "pinball", q.dailyPinball(level));
            at.put("days_scored", q.dailyScored(level));
        }
        ObjectNode lead = node.putObject("lead_time");
        for (int days : q.horizons()) {
            ObjectNode at = lead.putObject(Integer.toString(days));
            putNullable(at, "coverage_p90", q.leadTimeCoverage(days, 0.9));
            putNullable(at, "coverage_p95", q.leadTimeCoverage(days, 0.95));
            putNullable(at, "pinball_mean", q.leadTimePinballMean(days));
            at.put("series_origins_scored", q.leadTimeScored(days, 0.9));
        }
    }

    static void putByClass(ObjectNode node, String forecaster, Map<String, Map<String, BacktestMetrics>> byGroup) {
        ObjectNode classes = node.putObject("by_abc_class");
        byGroup.forEach((abc, metrics) -> {
            BacktestMetrics m = metrics.get(forecaster);
            if (m != null) {
                ObjectNode at = classes.putObject(abc);
                at.put("series_origins", m.series());
                putMain(at, m);
            }
        });
    }

    private static void putNullable(ObjectNode node, String name, Double value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
