package io.stockpulse.policy;

/**
 * Service and turnover figures over the last {@code days} closed days, taken as the difference of two
 * cumulative snapshots (see {@link ReportFigures}): fill rate, stockout SKU-days and inventory turns.
 *
 * @param days             length of the window in days
 * @param unitsDemanded    units customers asked for in the window
 * @param unitsFilled      of those, units sold from stock on hand
 * @param stockoutSkuDays  SKU-days that ended with nothing on hand
 * @param accountedSkuDays SKU-days the KPIs covered
 * @param costOfGoodsSold  units filled × unit cost
 * @param onHandValueDays  Σ over SKU-days of the value on hand at day end
 */
public record ServiceWindow(int days, long unitsDemanded, long unitsFilled, long stockoutSkuDays, long accountedSkuDays,
                            double costOfGoodsSold, double onHandValueDays) {

    public static ServiceWindow empty(int days) {
        return new ServiceWindow(days, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The window between a cumulative snapshot {@code now} and one taken {@code days} earlier
     * ({@code before}; {@link ReportFigures#EMPTY} when there is none, so everything counts). Unit
     * costs can change between the two; a difference is never negative.
     */
    public static ServiceWindow between(ReportFigures now, ReportFigures before, int days) {
        return new ServiceWindow(days,
                Math.max(0, now.unitsDemanded() - before.unitsDemanded()),
                Math.max(0, now.unitsFilled() - before.unitsFilled()),
                Math.max(0, now.stockoutSkuDays() - before.stockoutSkuDays()),
                Math.max(0, now.accountedSkuDays() - before.accountedSkuDays()),
                Math.max(0, now.costOfGoodsSold() - before.costOfGoodsSold()),
                Math.max(0, now.onHandValueDays() - before.onHandValueDays()));
    }

    public ServiceWindow plus(ServiceWindow other) {
        return new ServiceWindow(days, unitsDemanded + other.unitsDemanded, unitsFilled + other.unitsFilled,
                stockoutSkuDays + other.stockoutSkuDays, accountedSkuDays + other.accountedSkuDays,
                costOfGoodsSold + other.costOfGoodsSold, onHandValueDays + other.onHandValueDays);
    }

    /** Fill rate (the β service level): units filled from stock / units demanded; 1 when nothing was asked. */
    public double fillRate() {
        return unitsDemanded == 0 ? 1 : (double) unitsFilled / unitsDemanded;
    }

    /** Share of SKU-days that ended out of stock. */
    public double stockoutShare() {
        return accountedSkuDays == 0 ? 0 : (double) stockoutSkuDays / accountedSkuDays;
    }

    /** Average value on hand per day of the window, summed over SKUs. */
    public double averageInventoryValue() {
        return onHandValueDays / days;
    }

    /**
     * Inventory turns per year: annualised cost of goods sold / average inventory value
     * = COGS × 365 / Σ(value on hand per day); 0 when nothing was held.
     */
    public double inventoryTurns() {
        return onHandValueDays <= 0 ? 0 : costOfGoodsSold * 365 / onHandValueDays;
    }
}
