package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.PlanViews;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;

/**
 * The plan a stored SKU state carries — the one the decision core made at the last close and the
 * alerts use — with today's derived figures, for read-only views (the API, the daily report).
 */
public final class SkuPlans {

    private SkuPlans() {
    }

    public static ReplenishmentPlan plan(SkuState state, PolicyParameters policy, int today) {
        return PlanViews.replenishmentPlan(SkuDecisionState.plan(state), state.getNetStock(),
                SkuDecisionState.orders(state), today, policy.unitCost());
    }
}
