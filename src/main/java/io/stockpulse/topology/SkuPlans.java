package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;
import io.stockpulse.policy.ReplenishmentPolicy;
import io.stockpulse.policy.StockPosition;
import io.stockpulse.state.SkuStates;

/** The plan a stored SKU state implies, computed as the alert emitter does: for read-only views (the API). */
public final class SkuPlans {

    private SkuPlans() {
    }

    public static ReplenishmentPlan plan(SkuState state, PolicyParameters policy, int today) {
        StockPosition position = new StockPosition(state.getNetStock(), SkuStates.onOrder(state));
        return ReplenishmentPolicy.plan(position, DemandOutlooks.of(state, today, policy.leadTimeDays()), policy);
    }
}
