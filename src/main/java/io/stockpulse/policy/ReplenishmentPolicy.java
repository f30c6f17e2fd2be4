package io.stockpulse.policy;

/**
 * The replenishment decision of one SKU at one location. Continuous review (s, Q) with order-up-to
 * top-up is the default; periodic review (R, S), min/max and the intermittent-demand policy are
 * chosen per SKU ({@link PolicyParameters#type()}).
 */
public final class ReplenishmentPolicy {

    private static final double DAYS_PER_YEAR = 365.0;

    private ReplenishmentPolicy() {
    }

    /**
     * The plan for the SKU's policy type.
     *
     * @param today          epoch day the decision is for (periodic review orders only on review days)
     * @param demandDaysSeen days with demand in the recent window (the intermittent guard)
     */
    public static ReplenishmentPlan plan(StockPosition position, DemandOutlook outlook, PolicyParameters policy,
                                         long today, int demandDaysSeen) {
        ReplenishmentPlan continuous = plan(position, outlook, policy);
        return switch (policy.type()) {
            case CONTINUOUS -> continuous;
            case INTERMITTENT -> demandDaysSeen >= policy.minDemandDays() ? continuous
                    : withOrder(continuous, continuous.reorderPoint(), continuous.orderUpTo(), 0, false);
            case PERIODIC -> periodic(position, outlook, policy, today, continuous);
            case MIN_MAX -> {
                long quantity = MinMaxPolicy.orderQuantity(position.inventoryPosition(), policy.minUnits(),
                        policy.maxUnits(), policy.moq(), policy.packSize());
                yield withOrder(continuous, policy.minUnits(), policy.maxUnits(), quantity, quantity > 0);
            }
        };
    }

    /**
     * (R, S): S over the protection interval R + L; an order only on review days when IP &lt; S. The
     * reported reorder point is the highest whole position that still orders, ⌈S⌉ − 1, so the open
     * trigger closes once the order lifts the position to S.
     */
    private static ReplenishmentPlan periodic(StockPosition position, DemandOutlook outlook, PolicyParameters policy,
                                              long today, ReplenishmentPlan continuous) {
        double orderUpTo = PeriodicReviewPolicy.orderUpToLevel(outlook.averageDailyDemand(), outlook.dailySigma(),
                policy.reviewDays(), policy.leadTimeDays(), policy.leadTimeStdDays(), policy.serviceLevel());
        long quantity = PeriodicReviewPolicy.orderQuantity(orderUpTo, position.inventoryPosition(), policy.moq(),
                policy.packSize());
        boolean reviewDay = PeriodicReviewPolicy.isReviewDay(today, policy.reviewDays(), policy.reviewOffsetDays());
        boolean order = reviewDay && orderUpTo > 0 && quantity > 0;
        return withOrder(continuous, Math.ceil(orderUpTo) - 1, orderUpTo, quantity, order);
    }

    private static ReplenishmentPlan withOrder(ReplenishmentPlan p, double reorderPoint, double orderUpTo,
                                               long quantity, boolean needed) {
        return new ReplenishmentPlan(p.leadTimeDemand(), p.leadTimeSigma(), p.safetyStock(), reorderPoint,
                p.economicOrderQuantity(), orderUpTo, quantity, p.dailyDemand(), p.daysOfCover(),
                p.daysUntilStockout(), p.excessQuantity(), p.valueAtRisk(), needed);
    }

    /** Continuous review (s, Q) with order-up-to top-up. */
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
