package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plan for each policy type, with the numbers worked out in the comments. */
class PlannerTest {

    private static int[] steady(int days, int perDay) {
        int[] history = new int[days];
        Arrays.fill(history, perDay);
        return history;
    }

    private static SkuPlan plan(PolicyParameters policy, int[] history, double[] forecast) {
        return Planner.plan(new Planner.Inputs(policy, history, history.length, forecast, "test@1", 100),
                DecisionSettings.DEFAULT);
    }

    @Test
    void continuousReviewOrdersEoqWithinTheOverstockLimit() {
        // 10 a day, K = 2, h = 0.25 × 1.00: EOQ = √(2·3650·2/0.25) = 241.7 units (24 days), above the
        // 7-day minimum and below the room under 90 days of cover. Constant demand, L = 7: 70 units per lead
        // time. A fill-rate target of 0.95 allows (1 − 0.95)·241.7 = 12.1 units short per cycle, so
        // s = 70 − 12.1 = 57.9 → 58 (β = 1 − 12/241.7 = 0.95); a cycle target of 0.95 needs s = 70.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90);
        SkuPlan plan = plan(policy, steady(120, 10), null);
        assertThat(plan.dailyDemand()).isCloseTo(10, within(1e-9));
        assertThat(plan.orderQuantity()).isCloseTo(241.7, within(0.1));
        assertThat(plan.reorderPoint()).isEqualTo(58);
        assertThat(plan.fillRate()).isCloseTo(0.95, within(0.001));
        assertThat(plan.orderUpTo()).isLessThanOrEqualTo(plan.overstockLimit());
        SkuPlan cycle = Planner.plan(new Planner.Inputs(policy, steady(120, 10), 120, null, null, 100),
                DecisionSettings.DEFAULT.withMeasure(ServiceMeasure.CYCLE));
        assertThat(cycle.reorderPoint()).isEqualTo(70);
    }

    @Test
    void theOrderNeverBuysItsOwnOverstock() {
        // K = 500 makes EOQ = √(2·3650·500/0.25) = 3,821 units (382 days): capped to 900 − s.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 500, 0.25, 1, 1, 90);
        SkuPlan plan = plan(policy, steady(120, 10), null);
        assertThat(plan.orderUpTo()).isCloseTo(900, within(1.0));
        assertThat(plan.overstockLimit()).isCloseTo(900, within(1.0));
    }

    @Test
    void theForecastSetsTheLevel() {
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90);
        double[] twenty = new double[28];
        Arrays.fill(twenty, 20);
        SkuPlan plan = plan(policy, steady(120, 10), twenty);
        assertThat(plan.dailyDemand()).isCloseTo(20, within(1e-9));
        assertThat(plan.leadTimeDemand()).isCloseTo(140, within(0.5));
        assertThat(plan.source()).isEqualTo("test@1");
    }

    @Test
    void periodicReviewProtectsReviewPlusLeadTime() {
        // R = 7, L = 7, 10 a day: 140 units over the protection interval; 70 demanded per review cycle, so a
        // fill rate of 0.95 allows 3.5 short: S = 136.5 → 137; the reported s is ⌈S⌉ − 1.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90, PolicyType.PERIODIC, 7, 0,
                0, 0, 3);
        SkuPlan plan = plan(policy, steady(120, 10), null);
        assertThat(plan.orderUpTo()).isEqualTo(137);
        assertThat(plan.reorderPoint()).isEqualTo(Math.ceil(plan.orderUpTo()) - 1);
    }

    @Test
    void minMaxUsesTheHandSetLevels() {
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90, PolicyType.MIN_MAX, 7, 0,
                40, 150, 3);
        SkuPlan plan = plan(policy, steady(120, 10), null);
        assertThat(plan.reorderPoint()).isEqualTo(40);
        assertThat(plan.orderUpTo()).isEqualTo(150);
    }

    @Test
    void intermittentItemsWaitForEvidence() {
        // Two demand days in the window, three required: nothing is stocked ahead of demand.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90, PolicyType.INTERMITTENT, 7,
                0, 0, 0, 3);
        int[] history = new int[90];
        history[10] = 5;
        history[60] = 5;
        assertThat(plan(policy, history, null).reorderPoint()).isEqualTo(-1); // orders only for backorders
        history[80] = 5;
        assertThat(plan(policy, history, null).reorderPoint()).isPositive();
    }

    @Test
    void linesFarAboveTheUsualAreSpecialOnceTheHistorySaysWhatIsUsual() {
        // 10 a day: lines above max(12, 14 days × 10) = 140 units are special orders.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90);
        assertThat(plan(policy, steady(120, 10), null).specialLineThreshold()).isCloseTo(140, within(1e-9));
        assertThat(Planner.plan(new Planner.Inputs(policy, steady(3, 10), 3, null, null, 100), DecisionSettings.DEFAULT)
                .specialLineThreshold()).isInfinite();
    }

    @Test
    void fillRateTargetsNeedLessStockThanTheSameCycleTarget() {
        PolicyParameters policy = new PolicyParameters(7, 2, 0.95, 1.0, 2, 0.25, 1, 1, 90);
        int[] lumpy = new int[150];
        for (int i = 0; i < lumpy.length; i += 3) {
            lumpy[i] = 10 + (i * 7) % 23;
        }
        Planner.Inputs in = new Planner.Inputs(policy, lumpy, 150, null, null, 100);
        SkuPlan beta = Planner.plan(in, DecisionSettings.DEFAULT);
        SkuPlan alpha = Planner.plan(in, DecisionSettings.DEFAULT.withMeasure(ServiceMeasure.CYCLE));
        assertThat(beta.fillRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(alpha.cycleServiceLevel()).isGreaterThanOrEqualTo(0.95);
        assertThat(beta.reorderPoint()).isLessThan(alpha.reorderPoint());
    }
}
