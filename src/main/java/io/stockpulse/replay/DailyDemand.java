package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.forecast.Backtest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Daily units sold per SKU from a retail CSV, through the same mapping the replay publishes (so the
 * backtest scores exactly the demand the running application would see), and their daily sales value
 * (units × unit price) for ABC classes.
 */
public final class DailyDemand {

    private DailyDemand() {
    }

    public static Backtest.Series fromCsv(Path file) throws IOException {
        return fromCsv(file, stats -> { });
    }

    /** The series, handing the mapping's counts (rows read, mapped, skipped by reason) to {@code report}. */
    public static Backtest.Series fromCsv(Path file, Consumer<ReplayStats> report) throws IOException {
        Map<String, Map<Integer, Integer>> byDay = new HashMap<>();
        Map<String, Map<Integer, Double>> valueByDay = new HashMap<>();
        int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        ReplayStats stats = RetailEventMapper.mapFile(file, RetailEventMapper.Settings.defaults(), 0, event -> {
            if (event.kind() == ReplayEvent.Kind.SALE) {
                SaleEvent sale = (SaleEvent) event.value();
                int day = (int) sale.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
                byDay.computeIfAbsent(sale.getSku(), k -> new HashMap<>()).merge(day, (int) sale.getQuantity(), Integer::sum);
                if (sale.getUnitPrice() != null) {
                    valueByDay.computeIfAbsent(sale.getSku(), k -> new HashMap<>())
                            .merge(day, sale.getQuantity() * sale.getUnitPrice(), Double::sum);
                }
                range[0] = Math.min(range[0], day);
                range[1] = Math.max(range[1], day);
            }
        });
        report.accept(stats);
        Map<String, int[]> daily = new HashMap<>();
        int length = Math.max(0, range[1] - range[0] + 1);
        byDay.forEach((sku, days) -> {
            int[] series = new int[length];
            days.forEach((day, units) -> series[day - range[0]] += units);
            daily.put(sku, series);
        });
        Map<String, double[]> revenue = new HashMap<>();
        valueByDay.forEach((sku, days) -> {
            double[] series = new double[length];
            days.forEach((day, value) -> series[day - range[0]] += value);
            revenue.put(sku, series);
        });
        return new Backtest.Series(range[0], daily, revenue);
    }
}
