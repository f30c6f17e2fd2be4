package io.stockpulse.policy;

/** Continuous review (s, Q) with order-up-to top-up: the default policy of every SKU. */
public final class ReplenishmentPolicy {

    private static final double DAYS_PER_YEAR = 365.0;

    private ReplenishmentPolicy() {
    }

    public static ReplenishmentPlan plan(StockPosition position, DemandOutlook outlook, PolicyParameters policy) {
        double leadTime = policy.leadTimeDays();
        double leadTimeDemand = InventoryMath.demandOver(outlook.dailyMean(), leadTime);
        // d in σ² = L·σd² + d²·σL² is the rate during the lead time, not the long-run average.
        double leadTimeRate = leadTime > 0 ? leadTimeDemand / leadTime : outlook.averageDailyDemand();
        double sigma = InventoryMath.leadTimeDemandSigma(leadTime, outlook.dailySigma(), leadTimeRate,
                policy.leadTimeStdDays());
        double safetyStock = InventoryMath.safetyStock(policy.serviceLevel(), sigma);
        double reorderPoint = InventoryMath.reorderPoint(leadTimeDemand, safetyStock);

        double dailyDemand = outlook.averageDailyDemand();
        double eoq = InventoryMath.economicOrderQuantity(dailyDemand * DAYS_PER_YEAR, policy.orderCost(),
                policy.holdingCostPerUnitYear());
        double orderUpTo = reorderPoint + eoq;
        long inventoryPosition = position.inventoryPosition();
        double wanted = Math.max(eoq, orderUpTo - inventoryPosition);
        long orderQuantity = InventoryMath.roundToMoqAndPack(wanted, policy.moq(), policy.packSize());

        double daysOfCover = InventoryMath.daysOfCover(position.onHand(), dailyDemand);
        int daysUntilStockout = InventoryMath.daysUntilStockout(position.onHand(), outlook.dailyMean());
        double excess = Math.max(0, position.onHand() - policy.maxDaysOfCover() * dailyDemand);
        if (dailyDemand <= 0) {
            excess = position.onHand(); // nothing sells: everything on hand is excess
        }
        // With no expected demand and no backorders, reordering would only buy dead stock.
        boolean reorderNeeded = inventoryPosition <= reorderPoint && (reorderPoint > 0 || inventoryPosition < 0)
                && orderQuantity > 0;
        return new ReplenishmentPlan(leadTimeDemand, sigma, safetyStock, reorderPoint, eoq, orderUpTo,
                orderQuantity, dailyDemand, daysOfCover, daysUntilStockout, excess, excess * policy.unitCost(),
                reorderNeeded);
    }
}
