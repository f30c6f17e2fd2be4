package io.stockpulse.topology;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;

import java.util.function.Function;

/**
 * Merges policies field by field: the SKU@LOCATION policy, then the SKU-wide policy, then the
 * configured defaults. Null fields fall through to the next level.
 */
public final class PolicyResolver {

    private final Function<String, SkuPolicy> lookup;
    private final PolicyParameters defaults;

    public PolicyResolver(Function<String, SkuPolicy> lookup, PolicyParameters defaults) {
        this.lookup = lookup;
        this.defaults = defaults;
    }

    public static String key(String sku, String locationId) {
        return locationId == null ? sku : sku + "@" + locationId;
    }

    public PolicyParameters resolve(String sku, String locationId) {
        SkuPolicy perLocation = lookup.apply(key(sku, locationId));
        SkuPolicy perSku = lookup.apply(sku);
        if (perLocation == null && perSku == null) {
            return defaults;
        }
        return merge(perLocation, merge(perSku, defaults));
    }

    /** Fills the policy's null fields from {@code base}; validates the result. */
    public static PolicyParameters merge(SkuPolicy policy, PolicyParameters base) {
        if (policy == null) {
            return base;
        }
        return new PolicyParameters(
                or(policy.getLeadTimeDays(), base.leadTimeDays()),
                or(policy.getLeadTimeStdDays(), base.leadTimeStdDays()),
                or(policy.getServiceLevel(), base.serviceLevel()),
                or(policy.getUnitCost(), base.unitCost()),
                or(policy.getOrderCost(), base.orderCost()),
                or(policy.getHoldingCostRate(), base.holdingCostRate()),
                policy.getMoq() != null ? policy.getMoq() : base.moq(),
                policy.getPackSize() != null ? policy.getPackSize() : base.packSize(),
                or(policy.getMaxDaysOfCover(), base.maxDaysOfCover()),
                policy.getPolicyType() != null ? PolicyType.valueOf(policy.getPolicyType()) : base.type(),
                policy.getReviewPeriodDays() != null ? policy.getReviewPeriodDays() : base.reviewDays(),
                policy.getReviewOffsetDays() != null ? policy.getReviewOffsetDays() : base.reviewOffsetDays(),
                policy.getMinUnits() != null ? policy.getMinUnits() : base.minUnits(),
                policy.getMaxUnits() != null ? policy.getMaxUnits() : base.maxUnits(),
                policy.getMinDemandDays() != null ? policy.getMinDemandDays() : base.minDemandDays());
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
