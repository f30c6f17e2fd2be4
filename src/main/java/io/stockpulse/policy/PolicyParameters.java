package io.stockpulse.policy;

/**
 * Replenishment parameters of one SKU at one location, already merged from the per-location policy,
 * the SKU-wide policy and the configured defaults.
 *
 * @param leadTimeDays    mean supplier lead time L in days
 * @param leadTimeStdDays standard deviation of the lead time σL in days
 * @param serviceLevel    cycle service level in (0, 1)
 * @param unitCost        cost of one unit (for holding cost and value at risk)
 * @param orderCost       fixed cost K per order
 * @param holdingCostRate holding cost per year as a fraction of the unit cost
 * @param moq             minimum order quantity (≥ 1)
 * @param packSize        order in multiples of this (≥ 1)
 * @param maxDaysOfCover  above this many days of cover the stock is overstock
 * @param type            how the SKU is replenished
 * @param reviewDays      R of periodic review (days between reviews, ≥ 1)
 * @param reviewOffsetDays review days are epoch days ≡ offset (mod R)
 * @param minUnits        min of min/max
 * @param maxUnits        max of min/max (≥ min)
 * @param minDemandDays   intermittent items: days with demand needed in the window before any order
 */
public record PolicyParameters(double leadTimeDays, double leadTimeStdDays, double serviceLevel,
                               double unitCost, double orderCost, double holdingCostRate,
                               long moq, long packSize, double maxDaysOfCover,
                               PolicyType type, int reviewDays, int reviewOffsetDays,
                               long minUnits, long maxUnits, int minDemandDays) {

    /** Continuous review (s, Q), the default policy type. */
    public PolicyParameters(double leadTimeDays, double leadTimeStdDays, double serviceLevel,
                            double unitCost, double orderCost, double holdingCostRate,
                            long moq, long packSize, double maxDaysOfCover) {
        this(leadTimeDays, leadTimeStdDays, serviceLevel, unitCost, orderCost, holdingCostRate, moq, packSize,
                maxDaysOfCover, PolicyType.CONTINUOUS, 7, 0, 0, 0, 3);
    }

    public PolicyParameters {
        require(type != null, "type", Double.NaN, "set");
        require(reviewDays >= 1, "reviewDays", reviewDays, ">= 1");
        require(minUnits >= 0 && maxUnits >= minUnits, "maxUnits", maxUnits, ">= minUnits >= 0");
        require(minDemandDays >= 0, "minDemandDays", minDemandDays, ">= 0");
        require(leadTimeDays >= 0 && Double.isFinite(leadTimeDays), "leadTimeDays", leadTimeDays, ">= 0");
        require(leadTimeStdDays >= 0 && Double.isFinite(leadTimeStdDays), "leadTimeStdDays", leadTimeStdDays, ">= 0");
        require(serviceLevel > 0 && serviceLevel < 1, "serviceLevel", serviceLevel, "in (0, 1)");
        require(unitCost >= 0 && Double.isFinite(unitCost), "unitCost", unitCost, ">= 0");
        require(orderCost >= 0 && Double.isFinite(orderCost), "orderCost", orderCost, ">= 0");
        require(holdingCostRate > 0 && Double.isFinite(holdingCostRate), "holdingCostRate", holdingCostRate, "> 0");
        require(moq >= 1, "moq", moq, ">= 1");
        require(packSize >= 1, "packSize", packSize, ">= 1");
        require(maxDaysOfCover > 0, "maxDaysOfCover", maxDaysOfCover, "> 0");
    }

    /** h = holding cost rate × unit cost, per unit and year; a free item still costs a little to store. */
    public double holdingCostPerUnitYear() {
        return holdingCostRate * Math.max(unitCost, 0.01);
    }

    private static void require(boolean ok, String name, double value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + range + ", was " + value);
        }
    }
}
