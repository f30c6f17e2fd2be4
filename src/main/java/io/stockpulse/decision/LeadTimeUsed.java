package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;

/**
 * The lead time a plan was made with and where it came from.
 *
 * @param source       {@link #CONFIGURED} (the policy's L and σL) or {@link #OBSERVED} (measured on receipts)
 * @param days         mean lead time L, days
 * @param stdDays      its standard deviation σL, days
 * @param observations measured lead times behind an observed one (0 for configured)
 * @param supplierId   the supplier whose receipts alone gave an observed lead time, or null (all of the SKU's)
 */
public record LeadTimeUsed(String source, double days, double stdDays, int observations, String supplierId) {

    public static final String CONFIGURED = "configured";
    public static final String OBSERVED = "observed";
    /** A plan made without saying (before lead times were learned): the policy's configured L and σL. */
    public static final LeadTimeUsed UNKNOWN = new LeadTimeUsed(CONFIGURED, Double.NaN, Double.NaN, 0, null);

    public static LeadTimeUsed configured(PolicyParameters policy) {
        return new LeadTimeUsed(CONFIGURED, policy.leadTimeDays(), policy.leadTimeStdDays(), 0, null);
    }

    public boolean observed() {
        return OBSERVED.equals(source);
    }

    /** {@code policy} with this L and σL; the policy itself when they are its own. */
    public PolicyParameters applyTo(PolicyParameters p) {
        if (Double.isNaN(days) || p.leadTimeDays() == days && p.leadTimeStdDays() == stdDays) {
            return p;
        }
        return new PolicyParameters(days, stdDays, p.serviceLevel(), p.unitCost(), p.orderCost(),
                p.holdingCostRate(), p.moq(), p.packSize(), p.maxDaysOfCover(), p.type(), p.reviewDays(),
                p.reviewOffsetDays(), p.minUnits(), p.maxUnits(), p.minDemandDays());
    }
}
