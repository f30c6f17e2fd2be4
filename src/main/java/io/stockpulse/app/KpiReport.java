package io.stockpulse.app;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.metrics.PipelineCounters;
import io.stockpulse.state.ForecastAccuracy;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StockKpis;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Service KPIs over the SKUs this instance holds, read from the state stores by interactive query:
 * fill rate, stockout SKU-days, average stock (units and value at the last selling price), inventory
 * turns, alerts by kind and forecast error per model version; and the latest overall daily inventory
 * report ({@code dailyReport}, null when none was made or another instance holds the reports).
 */
public record KpiReport(long series, long unitsDemanded, long unitsFilled, long stockoutSkuDays, long skuDays,
                        double averageUnitsOnHand, double averageStockValue, int firstDay, double periodDays,
                        Map<String, Long> alerts, Map<String, Long> deadLetters, Map<String, Long> forecasts,
                        Map<String, ForecastAccuracy.Summary> accuracy, Map<String, Long> classes,
                        InventoryReport dailyReport) {

    /** {@code dailyReport}: the daily report to print (null for none), e.g. {@link #latestReport} taken earlier. */
    public static KpiReport collect(KafkaStreams streams, PipelineCounters counters, int reportDay, int accuracyDays,
                                    InventoryReport dailyReport) {
        ReadOnlyKeyValueStore<String, SkuState> states = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.SKU_STATE, QueryableStoreTypes.keyValueStore()));
        long series = 0;
        long demanded = 0;
        long filled = 0;
        long stockoutDays = 0;
        long skuDays = 0;
        double unitDays = 0;
        double valueDays = 0;
        long maxDays = 1;
        int firstDay = reportDay;
        Map<String, Long> classes = new java.util.TreeMap<>();
        try (KeyValueIterator<String, SkuState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, SkuState> entry = all.next();
                SkuState state = entry.value;
                series++;
                if (state.getAbcClass() != null) {
                    classes.merge(state.getAbcClass() + state.getXyzClass(), 1L, Long::sum);
                }
                demanded += state.getUnitsDemanded();
                filled += state.getUnitsFilled();
                long days = StockKpis.accountedDays(state, reportDay);
                if (state.getKpiFromDay() >= 0) {
                    firstDay = Math.min(firstDay, state.getKpiFromDay());
                }
                skuDays += days;
                maxDays = Math.max(maxDays, days);
                stockoutDays += StockKpis.stockoutDaysUpTo(state, reportDay);
                double held = StockKpis.onHandUnitDaysUpTo(state, reportDay);
                unitDays += held;
                valueDays += held * (state.getLastUnitPrice() == null ? 0 : state.getLastUnitPrice());
            }
        }
        ReadOnlyKeyValueStore<String, ForecastAccuracyDay> accuracy = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.FORECAST_ACCURACY, QueryableStoreTypes.keyValueStore()));
        return new KpiReport(series, demanded, filled, stockoutDays, skuDays, unitDays / maxDays, valueDays / maxDays,
                firstDay, maxDays, counters.snapshot(PipelineCounters.ALERTS), counters.snapshot(PipelineCounters.DEAD_LETTERS),
                counters.snapshot(PipelineCounters.FORECASTS),
                ForecastAccuracy.summarize(List.of(accuracy), reportDay - accuracyDays), classes, dailyReport);
    }

    /** The latest overall daily report, when this instance holds the report aggregator; else null. */
    public static InventoryReport latestReport(KafkaStreams streams) {
        try {
            ReadOnlyKeyValueStore<String, InventoryReport> reports = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.INVENTORY_REPORTS, QueryableStoreTypes.keyValueStore()));
            return InventoryReports.latest(reports, null).orElse(null);
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notHere) {
            return null;
        }
    }

    public double fillRate() {
        return unitsDemanded == 0 ? Double.NaN : (double) unitsFilled / unitsDemanded;
    }

    /** Units sold from stock per year over the average units on hand. */
    public double inventoryTurns() {
        return averageUnitsOnHand == 0 ? Double.NaN : unitsFilled / averageUnitsOnHand * 365.0 / periodDays;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SKU x locations           %,d%n", series));
        out.append(String.format(Locale.ROOT, "fill rate                 %.2f %% (%,d of %,d units from stock)%n",
                100 * fillRate(), unitsFilled, unitsDemanded));
        out.append(String.format(Locale.ROOT, "stockout SKU-days         %,d of %,d (%.2f %%)%n", stockoutSkuDays, skuDays,
                skuDays == 0 ? 0 : 100.0 * stockoutSkuDays / skuDays));
        out.append(String.format(Locale.ROOT, "average stock             %,.0f units, %,.0f at selling price%n",
                averageUnitsOnHand, averageStockValue));
        out.append(String.format(Locale.ROOT, "inventory turns           %.2f per year%n", inventoryTurns()));
        out.append("ABC/XYZ classes           ").append(ClassCounts.render(classes)).append('\n');
        out.append("alerts and triggers       ").append(alerts).append('\n');
        out.append("dead letters              ").append(deadLetters).append('\n');
        out.append("forecasts made            ").append(forecasts).append('\n');
        accuracy.forEach((source, s) -> out.append(String.format(Locale.ROOT,
                "forecast error %-22s MAE %.3f  WAPE %.3f  bias %+.3f  p90 coverage %s  (%,d series-days)%n", source,
                s.mae(), s.wape(), s.bias(), Double.isNaN(s.coverageP90()) ? "n/a" : String.format(Locale.ROOT, "%.3f",
                        s.coverageP90()), s.count())));
        out.append(dailyReport == null ? "daily report              none yet (made at the first day close)\n"
                : DailyReportLines.render(dailyReport));
        return out.toString();
    }
}
