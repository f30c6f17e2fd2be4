package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger lifecycle, including the three ways the old rule left a trigger stuck. */
class ReorderingTest {

    private static final PolicyParameters POLICY = new PolicyParameters(7, 0, 0.95, 1, 2, 0.25, 1, 1, 90);
    /** s = 30, S = 100, 5 units a day. */
    private static final SkuPlan PLAN = new SkuPlan(0, 5, 35, -5, 30, 100, 70, 0.9, 0.97, 450, 200, "test");

    @Test
    void firesAtTheReorderPointOrderingUpToS() {
        Reordering.Step above = Reordering.evaluate(Reordering.State.NONE, "A/WH", 31, List.of(), PLAN, POLICY, 10);
        assertThat(above.fired()).isNull();
        Reordering.Step at = Reordering.evaluate(Reordering.State.NONE, "A/WH", 30, List.of(), PLAN, POLICY, 10);
        assertThat(at.fired().quantity()).isEqualTo(70);
        assertThat(at.fired().id()).isEqualTo("A/WH/1");
        assertThat(at.state().openTriggerId()).isEqualTo("A/WH/1");
    }

    @Test
    void demandBeforeTheOrderDoesNotLeaveTheTriggerStuck() {
        // Fired at position 30 for 70 units; 75 units sold before the purchase order is booked: net −45,
        // plus 70 on order = 25 ≤ s. The old rule kept this trigger open (nothing lifted the position above
        // s) and never reordered. Now booking the order closes it and a new trigger tops up to S.
        Reordering.State open = Reordering.evaluate(Reordering.State.NONE, "A/WH", 30, List.of(), PLAN, POLICY, 10)
                .state();
        List<OpenOrder> booked = List.of(new OpenOrder("A/WH/1", 70, 17));
        Reordering.Step step = Reordering.evaluate(open, "A/WH", -45, booked, PLAN, POLICY, 11);
        assertThat(step.closed()).isTrue();
        assertThat(step.fired()).isNotNull();
        assertThat(step.fired().quantity()).isEqualTo(100 - 25);
    }

    @Test
    void aReorderPointThatRoseAtACloseFiresAgain() {
        // Position 60 with the first order on order: nothing to do at s = 30; the close raises s to 70.
        List<OpenOrder> onOrder = List.of(new OpenOrder("A/WH/1", 70, 17));
        Reordering.State closed = new Reordering.State(null, 1, 10);
        assertThat(Reordering.evaluate(closed, "A/WH", -10, onOrder, PLAN, POLICY, 11).fired()).isNull();
        SkuPlan higher = new SkuPlan(11, 10, 70, 0, 70, 140, 70, 0.9, 0.97, 900, 400, "test");
        Reordering.Step step = Reordering.evaluate(closed, "A/WH", -10, onOrder, higher, POLICY, 11);
        assertThat(step.fired().id()).isEqualTo("A/WH/2");
        assertThat(step.fired().quantity()).isEqualTo(80);
    }

    @Test
    void backordersWithAZeroReorderPointStillReorder() {
        SkuPlan slow = new SkuPlan(0, 0, 0, 0, 0, 0, 0, 1, 1, 0, Double.POSITIVE_INFINITY, "test");
        Reordering.Step step = Reordering.evaluate(Reordering.State.NONE, "A/WH", -3, List.of(), slow, POLICY, 10);
        assertThat(step.fired().quantity()).isEqualTo(3);
        // Without demand expected and without backorders, nothing is bought.
        assertThat(Reordering.evaluate(Reordering.State.NONE, "A/WH", 0, List.of(), slow, POLICY, 10).fired()).isNull();
    }

    @Test
    void anUnansweredTriggerStaysOpenWithoutDuplicatesUntilItsOrderIsBooked() {
        Reordering.State open = new Reordering.State("A/WH/1", 1, 10);
        // Nobody booked the order yet: the trigger waits for the planner, no second one fires.
        Reordering.Step step = Reordering.evaluate(open, "A/WH", 30, List.of(), PLAN, POLICY, 18);
        assertThat(step.fired()).isNull();
        assertThat(step.state().openTriggerId()).isEqualTo("A/WH/1");
        Reordering.Step answered = Reordering.evaluate(open, "A/WH", 30, List.of(new OpenOrder("A/WH/1", 5, 17)), PLAN,
                POLICY, 18);
        assertThat(answered.closed()).isTrue();
        assertThat(answered.fired()).isNull(); // 35 > 30 once the 5 on order count
    }

    @Test
    void periodicReviewOrdersOnReviewDaysOnlyAndOnce() {
        PolicyParameters periodic = new PolicyParameters(7, 0, 0.95, 1, 2, 0.25, 1, 1, 90, PolicyType.PERIODIC, 7, 0,
                0, 0, 3);
        SkuPlan plan = new SkuPlan(0, 5, 70, 5, 74, 75, 35, 0.9, 0.97, 450, 200, "test");
        assertThat(Reordering.evaluate(Reordering.State.NONE, "A/WH", 50, List.of(), plan, periodic, 15).fired()).isNull();
        Reordering.Step review = Reordering.evaluate(Reordering.State.NONE, "A/WH", 50, List.of(), plan, periodic, 14);
        assertThat(review.fired().quantity()).isEqualTo(25);
        Reordering.State closed = new Reordering.State(null, 1, 14);
        assertThat(Reordering.evaluate(closed, "A/WH", 40, List.of(), plan, periodic, 14).fired()).isNull();
    }

    @Test
    void minMaxAppliesFromTheFirstEventWithoutAPlan() {
        PolicyParameters minMax = new PolicyParameters(7, 0, 0.95, 1, 2, 0.25, 1, 1, 90, PolicyType.MIN_MAX, 7, 0,
                40, 200, 3);
        Reordering.Step step = Reordering.evaluate(Reordering.State.NONE, "M/WH", 30, List.of(),
                SkuPlan.none(Integer.MIN_VALUE), minMax, 10);
        assertThat(step.fired().quantity()).isEqualTo(170);
        assertThat(Reordering.evaluate(Reordering.State.NONE, "M/WH", 41, List.of(), SkuPlan.none(Integer.MIN_VALUE),
                minMax, 10).fired()).isNull();
    }
}
