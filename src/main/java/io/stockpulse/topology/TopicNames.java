package io.stockpulse.topology;

/** The topics StockPulse reads and writes; every name is configurable. */
public record TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                         String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                         String forecasts, String deadLetters, String skuClasses, String skuSalesValues,
                         String abcThresholds, String reports, String reportPartials) {

    /**
     * The nine original topics with the classification and report topics at their default names; the
     * ABC topics are internal, named after the default {@code application.id} ("stockpulse").
     */
    public TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                      String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                      String forecasts, String deadLetters) {
        this(sales, shipments, stockChanges, skuPolicies, reorderTriggers, stockoutAlerts, overstockWarnings,
                forecasts, deadLetters, "inventory.sku-classes", "stockpulse-sku-sales-values", "stockpulse-abc-thresholds",
                "inventory.reports", "inventory.report-partials");
    }

    public static TopicNames defaults() {
        return new TopicNames("inventory.sales", "inventory.shipments", "inventory.stock-changes",
                "inventory.sku-policies", "inventory.reorder-triggers", "inventory.stockout-alerts",
                "inventory.overstock-warnings", "inventory.forecasts", "inventory.dlq");
    }
}
