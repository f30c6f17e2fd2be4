package io.stockpulse.state;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassServiceLevels;
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
    private final ClassServiceLevels classLevels;

    public PolicyResolver(Function<String, SkuPolicy> lookup, PolicyParameters defaults) {
        this(lookup, defaults, ClassServiceLevels.DEFAULT);
    }

    public PolicyResolver(Function<String, SkuPolicy> lookup, PolicyParameters defaults, ClassServiceLevels classLevels) {
        this.lookup = lookup;
        this.defaults = defaults;
        this.classLevels = classLevels;
    }

    public static String key(String sku, String locationId) {
        return locationId == null ? sku : sku + "@" + locationId;
    }

    public PolicyParameters resolve(String sku, String locationId) {
        return resolve(lookup.apply(key(sku, locationId)), lookup.apply(sku));
    }

    private PolicyParameters resolve(SkuPolicy perLocation, SkuPolicy perSku) {
        if (perLocation == null && perSku == null) {
            return defaults;
        }
        return merge(perLocation, merge(perSku, defaults));
    }

    /**
     * As {@link #resolve(String, String)}, with the ABC class's service level when neither the
     * location nor the SKU policy sets one. Runs once per event: each policy is looked up once.
     */
    public PolicyParameters resolve(String sku, String locationId, String abcClass) {
        SkuPolicy perLocation = lookup.apply(key(sku, locationId));
        SkuPolicy perSku = lookup.apply(sku);
        PolicyParameters merged = resolve(perLocation, perSku);
        boolean explicitServiceLevel = (perLocation != null && perLocation.getServiceLevel() != null)
                || (perSku != null && perSku.getServiceLevel() != null);
        if (abcClass == null || explicitServiceLevel) {
            return merged;
        }
        double level = classLevels.of(AbcXyzClassification.AbcClass.valueOf(abcClass));
        return new PolicyParameters(merged.leadTimeDays(), merged.leadTimeStdDays(), level, merged.unitCost(),
                merged.orderCost(), merged.holdingCostRate(), merged.moq(), merged.packSize(), merged.maxDaysOfCover(),
                merged.type(), merged.reviewDays(), merged.reviewOffsetDays(), merged.minUnits(), merged.maxUnits(),
                merged.minDemandDays());
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
