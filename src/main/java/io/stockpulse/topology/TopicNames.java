package io.stockpulse.topology;

import java.util.List;

/** The topics StockPulse reads and writes; every name is configurable. */
public record TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                         String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                         String forecasts, String deadLetters, String skuClasses, String skuSalesValues,
                         String abcThresholds, String reports, String reportPartials) {

    /** The nine original topics with the classification topics at their default names. */
    public TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                      String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                      String forecasts, String deadLetters) {
        this(sales, shipments, stockChanges, skuPolicies, reorderTriggers, stockoutAlerts, overstockWarnings,
                forecasts, deadLetters, "inventory.sku-classes", "inventory.sku-sales-values", "inventory.abc-thresholds",
                "inventory.reports", "inventory.report-partials");
    }

    /** Every name, in declaration order. */
    public List<String> all() {
        return List.of(sales, shipments, stockChanges, skuPolicies, reorderTriggers, stockoutAlerts, overstockWarnings,
                forecasts, deadLetters, skuClasses, skuSalesValues, abcThresholds, reports, reportPartials);
    }

    public static TopicNames defaults() {
        return new TopicNames("inventory.sales", "inventory.shipments", "inventory.stock-changes",
                "inventory.sku-policies", "inventory.reorder-triggers", "inventory.stockout-alerts",
                "inventory.overstock-warnings", "inventory.forecasts", "inventory.dlq");
    }
}
