package io.stockpulse.topics;

import java.util.List;

/**
 * The topics StockPulse reads and writes. Every name is configurable except the partial reports':
 * they are internal, {@code <application.id>-report-partials}, so that two applications on one
 * cluster never share them and the ACL Kafka Streams already needs (create on the prefix
 * {@code <application.id>}) covers them.
 */
public record TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                         String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                         String forecasts, String deadLetters, String skuClasses, String skuSalesValues,
                         String abcThresholds, String reports, String reportPartials) {

    /** Suffix of the partial-report topic after {@code application.id}. */
    public static final String REPORT_PARTIALS_SUFFIX = "-report-partials";
    /** The default {@code application.id}, which names the internal topics of {@link #defaults()}. */
    public static final String DEFAULT_APPLICATION_ID = "stockpulse";

    /**
     * The nine original topics with the classification and report topics at their default names; the
     * internal ones (ABC values and cut-offs, report partials) named after the default {@code application.id}.
     */
    public TopicNames(String sales, String shipments, String stockChanges, String skuPolicies,
                      String reorderTriggers, String stockoutAlerts, String overstockWarnings,
                      String forecasts, String deadLetters) {
        this(sales, shipments, stockChanges, skuPolicies, reorderTriggers, stockoutAlerts, overstockWarnings,
                forecasts, deadLetters, "inventory.sku-classes", DEFAULT_APPLICATION_ID + "-sku-sales-values",
                DEFAULT_APPLICATION_ID + "-abc-thresholds",
                "inventory.reports", reportPartials(DEFAULT_APPLICATION_ID));
    }

    public static String reportPartials(String applicationId) {
        return applicationId + REPORT_PARTIALS_SUFFIX;
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
