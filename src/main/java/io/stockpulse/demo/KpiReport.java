package io.stockpulse.demo;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.internal.ForecastAccuracyDay;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.ForecastAccuracy;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StockKpis;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Service KPIs over the SKUs this instance holds, read from the state stores by interactive query:
 * fill rate from stock (regular lines), special-order lines and units, stockout SKU-days, average stock
 * (units, and value at each SKU's unit cost), the cost of the regular units demanded, alerts by kind
 * and forecast error per model version; and the latest overall daily inventory report
 * ({@code dailyReport}, null when none was made or another instance holds the reports). Averages are
 * over the days from the first SKU's first event to {@code reportDay} (exclusive).
 */
public record KpiReport(long series, long unitsDemanded, long unitsFilled, long specialLines, long specialUnits,
                        long stockoutSkuDays, long skuDays, double averageUnitsOnHand, double averageStockValue,
                        double costOfGoods, int firstDay, double periodDays,
                        Map<String, Long> alerts, Map<String, Long> deadLetters, Map<String, Long> forecasts,
                        Map<String, ForecastAccuracy.Summary> accuracy, Map<String, Long> classes,
                        InventoryReport dailyReport) {

    /**
     * @param unitCost    a SKU state's unit cost (the policy in force: its SkuPolicy, else the default)
     * @param dailyReport the daily report to print (null for none), e.g. {@link #latestReport} taken earlier
     */
    public static KpiReport collect(KafkaStreams streams, PipelineCounters counters, int reportDay, int accuracyDays,
                                    ToDoubleFunction<SkuState> unitCost, InventoryReport dailyReport) {
        ReadOnlyKeyValueStore<String, SkuState> states = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.SKU_STATE, QueryableStoreTypes.keyValueStore()));
        Totals t = new Totals(reportDay);
        try (KeyValueIterator<String, SkuState> all = states.all()) {
            while (all.hasNext()) {
                t.add(all.next().value, unitCost);
            }
        }
        ReadOnlyKeyValueStore<String, ForecastAccuracyDay> accuracy = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.FORECAST_ACCURACY, QueryableStoreTypes.keyValueStore()));
        return new KpiReport(t.series, t.demanded, t.filled, t.specialLines, t.specialUnits, t.stockoutDays, t.skuDays,
                t.unitDays / t.maxDays, t.valueDays / t.maxDays, t.costOfGoods, t.firstDay, t.maxDays,
                counters.snapshot(PipelineCounters.ALERTS), counters.snapshot(PipelineCounters.DEAD_LETTERS),
                counters.snapshot(PipelineCounters.FORECASTS),
                ForecastAccuracy.summarize(List.of(accuracy), reportDay - accuracyDays), t.classes, dailyReport);
    }

    /** Sums over the SKU states. */
    private static final class Totals {
        final int reportDay;
        long series;
        long demanded;
        long filled;
        long specialLines;
        long specialUnits;
        long stockoutDays;
        long skuDays;
        double unitDays;
        double valueDays;
        double costOfGoods;
        long maxDays = 1;
        int firstDay;
        final Map<String, Long> classes = new TreeMap<>();

        Totals(int reportDay) {
            this.reportDay = reportDay;
            this.firstDay = reportDay;
        }

        void add(SkuState state, ToDoubleFunction<SkuState> unitCost) {
            series++;
            if (state.getAbcClass() != null) {
                classes.merge(state.getAbcClass() + state.getXyzClass(), 1L, Long::sum);
            }
            double cost = unitCost.applyAsDouble(state);
            demanded += state.getUnitsDemanded();
            filled += state.getUnitsFilled();
            specialLines += state.getSpecialLines();
            specialUnits += state.getSpecialUnits();
            costOfGoods += state.getUnitsDemanded() * cost;
            long days = StockKpis.accountedDays(state, reportDay);
            if (state.getKpiFromDay() >= 0) {
                firstDay = Math.min(firstDay, state.getKpiFromDay());
            }
            skuDays += days;
            maxDays = Math.max(maxDays, days);
            stockoutDays += StockKpis.stockoutDaysUpTo(state, reportDay);
            double held = StockKpis.onHandUnitDaysUpTo(state, reportDay);
            unitDays += held;
            valueDays += held * cost;
        }
    }

    /** The latest overall daily report, when this instance holds the report aggregator; else null. */
    public static InventoryReport latestReport(KafkaStreams streams) {
        try {
            ReadOnlyKeyValueStore<String, InventoryReport> reports = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.INVENTORY_REPORTS, QueryableStoreTypes.keyValueStore()));
            return InventoryReports.latest(reports, null).orElse(null);
        } catch (InvalidStateStoreException notHere) {
            return null;
        }
    }

    public double fillRate() {
        return unitsDemanded == 0 ? Double.NaN : (double) unitsFilled / unitsDemanded;
    }

    /** Cost of the regular units demanded per year over the average stock value, as simulate's inventoryTurns. */
    public double inventoryTurns() {
        return averageStockValue == 0 ? Double.NaN : costOfGoods * 365.0 / periodDays / averageStockValue;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SKU x locations           %,d%n", series));
        out.append(String.format(Locale.ROOT, "fill rate                 %.2f %% (%,d of %,d regular units from stock)%n",
                100 * fillRate(), unitsFilled, unitsDemanded));
        out.append(String.format(Locale.ROOT, "special orders            %,d lines, %,d units (back to back, not from stock)%n",
                specialLines, specialUnits));
        out.append(String.format(Locale.ROOT, "stockout SKU-days         %,d of %,d (%.2f %%)%n", stockoutSkuDays, skuDays,
                skuDays == 0 ? 0 : 100.0 * stockoutSkuDays / skuDays));
        out.append(String.format(Locale.ROOT, "average stock             %,.0f units, %,.0f at unit cost%n",
                averageUnitsOnHand, averageStockValue));
        out.append(String.format(Locale.ROOT, "inventory turns           %.2f per year%n", inventoryTurns()));
        out.append("ABC/XYZ classes           ").append(ClassCounts.render(classes)).append('\n');
        out.append("alerts and triggers       ").append(counts(alerts)).append('\n');
        out.append("dead letters              ").append(counts(deadLetters)).append('\n');
        out.append("forecasts made            ").append(counts(forecasts)).append('\n');
        accuracy.forEach((source, s) -> out.append(String.format(Locale.ROOT,
                "forecast error %-22s MAE %.3f  WAPE %.3f  bias %+.3f  p90 coverage %s  (%,d series-days)%n", source,
                s.mae(), s.wape(), s.bias(), Double.isNaN(s.coverageP90()) ? "n/a" : String.format(Locale.ROOT, "%.3f",
                        s.coverageP90()), s.count())));
        out.append(dailyReport == null ? "daily report              none yet (made at the first day close)\n"
                : DailyReportLines.render(dailyReport));
        return out.toString();
    }

    /** "name 1,234, other 5" sorted by name; "none" when empty — never a Java map's toString. */
    static String counts(Map<String, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((name, n) -> out.append(out.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d", name, n)));
        return out.toString();
    }
}
