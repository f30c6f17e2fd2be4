package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.StockoutLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The day-close alert rules, each with the case it exists for. */
class CloseAlertsTest {

    private static final PolicyParameters POLICY = new PolicyParameters(7, 0, 0.95, 2.0, 2, 0.25, 1, 1, 90);
    private static final DecisionSettings SETTINGS = DecisionSettings.DEFAULT;
    /** 10 units a day, s = 80, S = 200, overstock above 900. */
    private static final SkuPlan PLAN = new SkuPlan(0, 10, 70, 10, 80, 200, 120, 0.95, 0.98, 900, 140, "test");

    private static CloseAlerts.Outcome close(AlertFlags flags, long net, List<OpenOrder> orders, SkuPlan plan, int age) {
        return CloseAlerts.evaluate(flags, net, orders, plan, POLICY, age, 100, POLICY.unitCost(), SETTINGS);
    }

    @Test
    void outOfStockWithCustomersExpectedRaisesOnceAndResolvesOnce() {
        CloseAlerts.Outcome out = close(AlertFlags.NONE, 0, List.of(), PLAN, 60);
        assertThat(out.flags().stockout()).isEqualTo(StockoutLevel.OUT_OF_STOCK);
        assertThat(out.transitions()).singleElement().satisfies(t -> assertThat(t.raised()).isTrue());
        assertThat(close(out.flags(), 0, List.of(), PLAN, 61).transitions()).isEmpty();
        CloseAlerts.Outcome back = close(out.flags(), 500, List.of(), PLAN, 62);
        assertThat(back.transitions()).singleElement().satisfies(t -> assertThat(t.raised()).isFalse());
    }

    @Test
    void noStockoutAlertWhenNobodyIsExpectedToAsk() {
        SkuPlan dead = new SkuPlan(0, 0, 0, 0, 0, 0, 0, 1, 1, 0, Double.POSITIVE_INFINITY, "test");
        assertThat(close(AlertFlags.NONE, 0, List.of(), dead, 60).transitions()).isEmpty();
        // 10 a day at 2.00 each, but the delivery comes tomorrow: no customer expected before it.
        assertThat(close(AlertFlags.NONE, 0, List.of(new OpenOrder("po", 100, 101)), PLAN, 60).transitions()).isEmpty();
    }

    @Test
    void projectedStockoutCountsOrdersDueInTimeAndNeedsTwoCloses() {
        // 30 on hand at 10 a day runs out in 3 days, within L = 7.
        CloseAlerts.Outcome first = close(AlertFlags.NONE, 30, List.of(), PLAN, 60);
        assertThat(first.transitions()).isEmpty();
        CloseAlerts.Outcome second = close(first.flags(), 30, List.of(), PLAN, 61);
        assertThat(second.flags().stockout()).isEqualTo(StockoutLevel.PROJECTED);
        // The same stock with 100 due in two days lasts beyond the lead time: nothing projected.
        List<OpenOrder> dueSoon = List.of(new OpenOrder("po", 100, 102));
        assertThat(close(first.flags(), 30, dueSoon, PLAN, 61).flags().stockout()).isEqualTo(StockoutLevel.NONE);
    }

    @Test
    void overstockNeedsHistoryValueAndTwoClosesCountingStockOnOrder() {
        List<OpenOrder> big = List.of(new OpenOrder("po", 600, 105));
        // 400 on hand + 600 on order = 1,000 > 900 by 100 units × 2.00 = 200 at risk.
        assertThat(close(AlertFlags.NONE, 400, big, PLAN, 20).flags().overstockStreak()).isZero(); // too young
        CloseAlerts.Outcome first = close(AlertFlags.NONE, 400, big, PLAN, 40);
        assertThat(first.transitions()).isEmpty();
        CloseAlerts.Outcome second = close(first.flags(), 400, big, PLAN, 41);
        assertThat(second.flags().overstockOpen()).isTrue();
        assertThat(second.transitions()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(AlertTransition.Kind.OVERSTOCK);
            assertThat(t.valueAtRisk()).isEqualTo(200.0);
        });
        // Back to 850: within the hysteresis band (> 810) it stays open; at 800 it resolves.
        assertThat(close(second.flags(), 250, big, PLAN, 42).flags().overstockOpen()).isTrue();
        assertThat(close(second.flags(), 200, big, PLAN, 42).flags().overstockOpen()).isFalse();
    }

    @Test
    void smallExcessIsNotWorthAWarning() {
        // 920 on hand: 20 units × 2.00 = 40 at risk, under the default minimum of 50.
        CloseAlerts.Outcome first = close(AlertFlags.NONE, 920, List.of(), PLAN, 40);
        assertThat(close(first.flags(), 920, List.of(), PLAN, 41).flags().overstockOpen()).isFalse();
    }

    @Test
    void daysUntilStockoutWalksTheDaysAddingReceiptsWhenDue() {
        // 10 on hand at 4 a day: 6 left after day 1, 2 after day 2, short on day 3 → 2 whole days.
        assertThat(CloseAlerts.daysUntilStockout(10, List.of(), 4, 100)).isEqualTo(2);
        // 20 arriving on day 102 (the second day): 10 − 4 − 4 + 20 = 22 → short on day 8 → 7.
        assertThat(CloseAlerts.daysUntilStockout(10, List.of(new OpenOrder("po", 20, 102)), 4, 100)).isEqualTo(7);
        assertThat(CloseAlerts.daysUntilStockout(0, List.of(), 4, 100)).isZero();
        assertThat(CloseAlerts.daysUntilStockout(10, List.of(), 0, 100)).isEqualTo(-1);
    }

    @Test
    void daysOfCoverSaysNoDemandExpectedRatherThanAnAbsurdNumber() {
        assertThat(PLAN.daysOfCover(100)).isEqualTo(10);
        SkuPlan nearlyDead = new SkuPlan(0, 0.001, 0, 0, 0, 0, 0, 1, 1, 0, Double.POSITIVE_INFINITY, "test");
        assertThat(nearlyDead.daysOfCover(100)).isInfinite(); // not 100,000 days
        assertThat(PLAN.daysOfCover(0)).isZero();
    }
}
