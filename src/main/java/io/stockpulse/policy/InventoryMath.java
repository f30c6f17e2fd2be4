package io.stockpulse.policy;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The textbook formulas, as pure functions (Silver, Pyke &amp; Thomas, "Inventory and Production
 * Management in Supply Chains", ch. 4–6; Nahmias, "Production and Operations Analysis", ch. 4–5).
 * No Kafka types, no state: every caller and every test sees the same numbers.
 */
public final class InventoryMath {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private InventoryMath() {
    }

    /** Safety factor z for a cycle service level (probability of no stockout per cycle). */
    public static double safetyFactor(double serviceLevel) {
        if (!(serviceLevel > 0 && serviceLevel < 1)) {
            throw new IllegalArgumentException("serviceLevel must be in (0, 1), was " + serviceLevel);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(serviceLevel);
    }

    /**
     * Standard deviation of demand over a random lead time: σ² = L·σd² + d²·σL²
     * (demand per day independent of the lead time).
     */
    public static double leadTimeDemandSigma(double leadTimeDays, double dailySigma,
                                             double dailyDemand, double leadTimeStdDays) {
        double variance = leadTimeDays * dailySigma * dailySigma
                + dailyDemand * dailyDemand * leadTimeStdDays * leadTimeStdDays;
        return Math.sqrt(Math.max(0, variance));
    }

    /** Safety stock = z(serviceLevel) · σ over the lead time. */
    public static double safetyStock(double serviceLevel, double leadTimeSigma) {
        return Math.max(0, safetyFactor(serviceLevel) * leadTimeSigma);
    }

    /** Reorder point s = expected lead-time demand + safety stock. */
    public static double reorderPoint(double leadTimeDemand, double safetyStock) {
        return leadTimeDemand + safetyStock;
    }

    /**
     * Economic order quantity (Harris–Wilson): Q* = √(2·D·K / h), with D the annual demand,
     * K the fixed cost per order and h the holding cost per unit per year.
     */
    public static double economicOrderQuantity(double annualDemand, double orderCost, double holdingCostPerUnitYear) {
        if (annualDemand <= 0 || orderCost <= 0) {
            return 0;
        }
        if (holdingCostPerUnitYear <= 0) {
            throw new IllegalArgumentException("holding cost per unit and year must be > 0, was " + holdingCostPerUnitYear);
        }
        return Math.sqrt(2 * annualDemand * orderCost / holdingCostPerUnitYear);
    }

    /**
     * Rounds an order quantity up so it is at least the minimum order quantity and a whole number
     * of packs. A quantity of zero or less orders nothing.
     */
    public static long roundToMoqAndPack(double quantity, long moq, long packSize) {
        if (moq < 1 || packSize < 1) {
            throw new IllegalArgumentException("moq and packSize must be >= 1, were " + moq + " and " + packSize);
        }
        if (!(quantity > 0)) {
            return 0;
        }
        double atLeastMoq = Math.max(quantity, moq);
        long packs = (long) Math.ceil(atLeastMoq / packSize - 1e-9);
        return Math.max(packs, 1) * packSize;
    }

    /**
     * Demand expected over the next {@code days} (fractional) days from a daily forecast, continuing
     * at the forecast's average rate beyond its horizon.
     */
    public static double demandOver(double[] dailyMean, double days) {
        if (days <= 0) {
            return 0;
        }
        double total = 0;
        int whole = (int) Math.floor(days);
        for (int i = 0; i < whole; i++) {
            total += i < dailyMean.length ? dailyMean[i] : averageRate(dailyMean);
        }
        double fraction = days - whole;
        if (fraction > 0) {
            total += fraction * (whole < dailyMean.length ? dailyMean[whole] : averageRate(dailyMean));
        }
        return total;
    }

    /** Mean of a daily forecast (0 when empty). */
    public static double averageRate(double[] dailyMean) {
        if (dailyMean.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double value : dailyMean) {
            sum += value;
        }
        return sum / dailyMean.length;
    }

}
