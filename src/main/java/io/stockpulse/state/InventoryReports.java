package io.stockpulse.state;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.policy.ReportFigures;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Optional;

/**
 * The latest daily inventory report, as the API reads it: from the {@link StoreNames#INVENTORY_REPORTS}
 * store (key = location, or {@link #ALL} for all locations together).
 */
public final class InventoryReports {

    public static final String ALL = "ALL";

    private InventoryReports() {
    }

    /** The latest report of {@code location} (null or blank = all locations), if one was made. */
    public static Optional<InventoryReport> latest(ReadOnlyKeyValueStore<String, InventoryReport> store, String location) {
        return Optional.ofNullable(store.get(location == null || location.isBlank() ? ALL : location));
    }

    public static ReportFigures figures(InventoryReport r) {
        return new ReportFigures(r.getSkus(), r.getStockValue(), r.getStockoutSkus(), r.getOpenTriggers(),
                r.getOverstockSkus(), r.getUnitsDemanded(), r.getUnitsFilled(), r.getStockoutSkuDays(),
                r.getAccountedSkuDays(), r.getCoverDays(), r.getClassCounts());
    }

    public static InventoryReport toAvro(ReportFigures f, LocalDate day, String location, String reportedBy,
                                         int partitionsReported, String summary) {
        return InventoryReport.newBuilder().setDay(day).setLocationId(location).setReportedBy(reportedBy)
                .setPartitionsReported(partitionsReported).setSkus(f.skus()).setStockValue(f.stockValue())
                .setStockoutSkus(f.stockoutSkus()).setOpenTriggers(f.openTriggers()).setOverstockSkus(f.overstockSkus())
                .setUnitsDemanded(f.unitsDemanded()).setUnitsFilled(f.unitsFilled())
                .setStockoutSkuDays(f.stockoutSkuDays()).setAccountedSkuDays(f.accountedSkuDays())
                .setCoverDays(new HashMap<>(f.coverDays())).setClassCounts(new HashMap<>(f.classCounts()))
                .setSummary(summary).build();
    }
}
