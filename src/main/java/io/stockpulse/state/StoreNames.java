package io.stockpulse.state;

/** Names of the state stores; their changelog topics are {@code <application.id>-<name>-changelog}. */
public final class StoreNames {

    /** SKU × location → {@link io.stockpulse.avro.internal.SkuState}. */
    public static final String SKU_STATE = "sku-state";
    /** kind:eventId → event time, windowed: the ids SKU states pushed out of their recent-id sets ({@link RecentEventIds}). */
    public static final String EVENT_IDS = "event-ids";
    /** model@version|day → that day's summed forecast errors (rolling window per model version). */
    public static final String FORECAST_ACCURACY = "forecast-accuracy";
    /** Per-task bookkeeping: the last closed day. */
    public static final String DAY_CLOSE = "day-close";
    /** Global: SKU or SKU@LOCATION → {@link io.stockpulse.avro.SkuPolicy}. */
    public static final String POLICIES = "sku-policies";
    /** ABC aggregator (one task): received trailing sales values by day, their merged snapshot, close marks; changelogged. */
    public static final String ABC_SALES_VALUES = "abc-sales-values";
    /** Global store of the Pareto cut-offs (key the ISO day they are for), from the abc-thresholds topic. */
    public static final String ABC_THRESHOLDS = "abc-thresholds";
    /** Inventory task: events held back, in arrival order, while a day close waits for its ABC cut-offs (changelogged). */
    public static final String HELD_EVENTS = "held-events";
    /** Report aggregator: partial reports by day|location|task (changelogged). */
    public static final String REPORT_PARTIALS = "report-partials";
    /** Report aggregator: each task's partials as sent, by location|task|day, for 7- and 28-day windows (changelogged). */
    public static final String REPORT_HISTORY = "report-history";
    /** Latest combined daily report per location and ALL (changelogged); read by {@code InventoryReports}. */
    public static final String INVENTORY_REPORTS = "inventory-reports";

    private StoreNames() {
    }
}
