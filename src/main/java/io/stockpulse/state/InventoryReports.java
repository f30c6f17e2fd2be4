package io.stockpulse.state;

import io.stockpulse.avro.ClassForecastError;
import io.stockpulse.avro.InventoryReport;
import io.stockpulse.policy.ErrorSums;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.policy.RiskItem;
import io.stockpulse.policy.ServiceWindow;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest daily inventory report, as the API reads it: from the {@link StoreNames#INVENTORY_REPORTS}
 * store (key = location, or {@link #ALL} for all locations together); and the mapping between the
 * report's Avro record and its plain figures.
 */
public final class InventoryReports {

    public static final String ALL = "ALL";

    private InventoryReports() {
    }

    /** A complete report is preferred over a newer incomplete one unless it is more than this many days older. */
    public static final int COMPLETE_PREFERRED_DAYS = 7;

    /** The store key of a location's latest complete report (beside its latest report, keyed by the location). */
    public static String completeKey(String location) {
        return location + StoreKeys.SEPARATOR + "complete";
    }

    /**
     * The report of {@code location} (null or blank = all locations) the API serves: the latest
     * complete one (every task has closed its day), unless a newer one exists and the complete one is
     * more than {@link #COMPLETE_PREFERRED_DAYS} older (a partition that stopped receiving events never
     * completes a day again); otherwise the latest, complete or not. Empty before the first report.
     */
    public static Optional<InventoryReport> latest(ReadOnlyKeyValueStore<String, InventoryReport> store, String location) {
        String key = location == null || location.isBlank() ? ALL : location;
        return Optional.ofNullable(choose(store.get(key), store.get(completeKey(key))));
    }

    /** See {@link #latest}. */
    public static InventoryReport choose(InventoryReport newest, InventoryReport complete) {
        if (newest == null || complete == null) {
            return newest == null ? complete : newest;
        }
        boolean recentEnough = !complete.getDay().plusDays(COMPLETE_PREFERRED_DAYS).isBefore(newest.getDay());
        return recentEnough ? complete : newest;
    }

    public static ReportFigures figures(InventoryReport r) {
        List<RiskItem> risks = r.getTopRisks().stream().map(i -> new RiskItem(i.getSku(), i.getLocationId(),
                i.getKind(), i.getValue(), i.getReason())).toList();
        Map<String, ErrorSums> errors = classErrors(r);
        return new ReportFigures(r.getSkus(), r.getStockValue(), r.getStockoutSkus(), r.getOpenTriggers(),
                r.getOverstockSkus(), r.getUnitsDemanded(), r.getUnitsFilled(), r.getStockoutSkuDays(),
                r.getAccountedSkuDays(), r.getCostOfGoodsSold(), r.getOnHandValueDays(), r.getExcessValue(),
                r.getCoverDays(), r.getClassCounts(), risks, errors);
    }

    /** The report's forecast error sums per ABC class. */
    public static Map<String, ErrorSums> classErrors(InventoryReport r) {
        Map<String, ErrorSums> errors = new TreeMap<>();
        r.getForecastErrorByClass().forEach((abcClass, e) -> errors.put(abcClass,
                new ErrorSums(e.getScoredDays(), e.getSumAbsError(), e.getSumError(), e.getSumActual())));
        return errors;
    }

    /** A window of a report, or null when it has none (a partial). */
    public static ServiceWindow window(io.stockpulse.avro.ServiceWindow w) {
        return w == null ? null : new ServiceWindow(w.getDays(), w.getUnitsDemanded(), w.getUnitsFilled(),
                w.getStockoutSkuDays(), w.getAccountedSkuDays(), w.getCostOfGoodsSold(),
                w.getAverageInventoryValue() * w.getDays());
    }

    public static InventoryReport toAvro(ReportFigures f, ServiceWindow week, ServiceWindow month, LocalDate day,
                                         String location, String reportedBy, int partitionsReported, String summary) {
        Map<String, ClassForecastError> errors = new HashMap<>();
        f.classErrors().forEach((abcClass, e) -> errors.put(abcClass, ClassForecastError.newBuilder()
                .setScoredDays(e.count()).setSumAbsError(e.sumAbsError()).setSumError(e.sumError())
                .setSumActual(e.sumActual()).setMae(e.mae()).setWape(finiteOrNull(e.wape()))
                .setBias(finiteOrNull(e.bias())).build()));
        return InventoryReport.newBuilder().setDay(day).setLocationId(location).setReportedBy(reportedBy)
                .setPartitionsReported(partitionsReported).setSkus(f.skus()).setStockValue(f.stockValue())
                .setStockoutSkus(f.stockoutSkus()).setOpenTriggers(f.openTriggers()).setOverstockSkus(f.overstockSkus())
                .setUnitsDemanded(f.unitsDemanded()).setUnitsFilled(f.unitsFilled())
                .setStockoutSkuDays(f.stockoutSkuDays()).setAccountedSkuDays(f.accountedSkuDays())
                .setCostOfGoodsSold(f.costOfGoodsSold()).setOnHandValueDays(f.onHandValueDays())
                .setExcessValue(f.excessValue())
                .setCoverDays(new HashMap<>(f.coverDays())).setClassCounts(new HashMap<>(f.classCounts()))
                .setLast7Days(toAvro(week)).setLast28Days(toAvro(month))
                .setTopRisks(f.topRisks().stream().map(r -> io.stockpulse.avro.RiskItem.newBuilder()
                        .setSku(r.sku()).setLocationId(r.locationId()).setKind(r.kind()).setValue(r.value())
                        .setReason(r.reason()).build()).toList())
                .setForecastErrorByClass(errors)
                .setSummary(summary).build();
    }

    private static io.stockpulse.avro.ServiceWindow toAvro(ServiceWindow w) {
        return w == null ? null : io.stockpulse.avro.ServiceWindow.newBuilder().setDays(w.days())
                .setUnitsDemanded(w.unitsDemanded()).setUnitsFilled(w.unitsFilled()).setFillRate(w.fillRate())
                .setStockoutSkuDays(w.stockoutSkuDays()).setAccountedSkuDays(w.accountedSkuDays())
                .setCostOfGoodsSold(w.costOfGoodsSold()).setAverageInventoryValue(w.averageInventoryValue())
                .setInventoryTurns(w.inventoryTurns()).build();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
