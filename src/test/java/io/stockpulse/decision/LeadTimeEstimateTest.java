package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Measured lead times: the worked examples are in the comments. */
class LeadTimeEstimateTest {

    private static final long DAY = 86_400_000L;
    private static final PolicyParameters POLICY = new PolicyParameters(7, 2, 0.95, 1.0, 2, 0.25, 1, 1, 90);

    private static List<LeadTimeObservation> days(String supplier, double... values) {
        List<LeadTimeObservation> out = new ArrayList<>();
        for (double v : values) {
            out.add(new LeadTimeObservation(v, supplier));
        }
        return out;
    }

    @Test
    void meanSampleSigmaAndQuantilesOfFiveReceipts() {
        // 5, 7, 6, 9, 8 days: mean 35/5 = 7; squared deviations 4 + 0 + 1 + 4 + 1 = 10, sample variance
        // 10/4 = 2.5, σ = √2.5 = 1.581. Type-7 quantiles on 5 ≤ 6 ≤ 7 ≤ 8 ≤ 9: p50 at h = 4·0.5 + 1 = 3
        // → 7; p90 at h = 4·0.9 + 1 = 4.6 → 8 + 0.6·(9 − 8) = 8.6; p0 = min, p100 = max.
        LeadTimeEstimate e = LeadTimeEstimate.of(days(null, 5, 7, 6, 9, 8));
        assertThat(e.count()).isEqualTo(5);
        assertThat(e.mean()).isCloseTo(7.0, within(1e-12));
        assertThat(e.std()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(e.quantile(0.5)).isCloseTo(7.0, within(1e-12));
        assertThat(e.quantile(0.9)).isCloseTo(8.6, within(1e-12));
        assertThat(e.quantile(0.0)).isEqualTo(5.0);
        assertThat(e.quantile(1.0)).isEqualTo(9.0);
    }

    @Test
    void oneObservationHasNoSpreadAndNoneHasNoFigures() {
        assertThat(LeadTimeEstimate.of(days(null, 4)).std()).isZero();
        LeadTimeEstimate none = LeadTimeEstimate.of(List.of());
        assertThat(none.count()).isZero();
        assertThat(none.mean()).isNaN();
        assertThat(none.quantile(0.9)).isNaN();
    }

    @Test
    void aPartiallyReceivedOrderIsOneQuantityWeightedLeadTime() {
        // Ordered at day 0; 60 units after 5 days, 40 after 10: (60·5 + 40·10)/100 = 7.0 days — not 5
        // (first receipt) nor 10 (last).
        LeadTimeEstimate.Receipts placed = LeadTimeEstimate.Receipts.ordered(1_000 * DAY, "ACME");
        assertThat(placed.measure()).isNull();
        LeadTimeEstimate.Receipts first = placed.receive(1_005 * DAY, 60);
        assertThat(first.measure().days()).isCloseTo(5.0, within(1e-12));
        LeadTimeObservation measured = first.receive(1_010 * DAY, 40).measure();
        assertThat(measured.days()).isCloseTo(7.0, within(1e-12));
        assertThat(measured.supplierId()).isEqualTo("ACME");
        // Half a day is half a day: 12 hours after ordering.
        assertThat(placed.receive(1_000 * DAY + DAY / 2, 10).measure().days()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theWindowKeepsTheLastTwenty() {
        List<LeadTimeObservation> kept = List.of();
        for (int i = 1; i <= 25; i++) {
            kept = LeadTimeEstimate.append(kept, new LeadTimeObservation(i, null));
        }
        assertThat(kept).hasSize(LeadTimeEstimate.KEPT);
        assertThat(kept.get(0).days()).isEqualTo(6.0);
        assertThat(kept.get(kept.size() - 1).days()).isEqualTo(25.0);
    }

    @Test
    void configuredUntilMinReceiptsThenObserved() {
        LeadTimeLearning five = new LeadTimeLearning(true, 5);
        LeadTimeUsed four = LeadTimeEstimate.choose(POLICY, days(null, 10, 11, 12, 13), five);
        assertThat(four.source()).isEqualTo(LeadTimeUsed.CONFIGURED);
        assertThat(four.days()).isEqualTo(7.0);
        assertThat(four.stdDays()).isEqualTo(2.0);
        // 10..14: mean 12, sample σ = √(10/4) = 1.581.
        LeadTimeUsed observed = LeadTimeEstimate.choose(POLICY, days(null, 10, 11, 12, 13, 14), five);
        assertThat(observed.source()).isEqualTo(LeadTimeUsed.OBSERVED);
        assertThat(observed.days()).isCloseTo(12.0, within(1e-12));
        assertThat(observed.stdDays()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(observed.observations()).isEqualTo(5);
        assertThat(LeadTimeEstimate.choose(POLICY, days(null, 10, 11, 12, 13, 14), new LeadTimeLearning(false, 5)))
                .isEqualTo(LeadTimeUsed.configured(POLICY));
        assertThat(observed.applyTo(POLICY).leadTimeDays()).isCloseTo(12.0, within(1e-12));
        assertThat(observed.applyTo(POLICY).serviceLevel()).isEqualTo(POLICY.serviceLevel());
    }

    @Test
    void theLatestOrdersSupplierWhenItAloneHasEnough() {
        LeadTimeLearning three = new LeadTimeLearning(true, 3);
        List<LeadTimeObservation> mixed = new ArrayList<>(days("SLOW", 20, 22, 24));
        mixed.addAll(days("FAST", 3, 5));
        // FAST (the latest) has 2 < 3: all five, mean (20 + 22 + 24 + 3 + 5)/5 = 14.8.
        LeadTimeUsed all = LeadTimeEstimate.choose(POLICY, mixed, three);
        assertThat(all.days()).isCloseTo(14.8, within(1e-12));
        assertThat(all.supplierId()).isNull();
        mixed.add(new LeadTimeObservation(4, "FAST"));
        // Now FAST has 3, 5, 4: mean 4, σ = √((1 + 1 + 0)/2) = 1.
        LeadTimeUsed fast = LeadTimeEstimate.choose(POLICY, mixed, three);
        assertThat(fast.supplierId()).isEqualTo("FAST");
        assertThat(fast.days()).isCloseTo(4.0, within(1e-12));
        assertThat(fast.stdDays()).isCloseTo(1.0, within(1e-12));
        assertThat(fast.observations()).isEqualTo(3);
    }

    @Test
    void thePlannerUsesTheObservedLeadTimeOnceThereAreEnough() {
        // 10 a day, steady; configured L = 7, σL = 0; the supplier takes 12 days every time. For a cycle
        // target the reorder point is the lead-time demand: 7·10 = 70 configured, 12·10 = 120 observed.
        PolicyParameters policy = new PolicyParameters(7, 0, 0.95, 1.0, 2, 0.25, 1, 1, 90);
        int[] history = new int[120];
        java.util.Arrays.fill(history, 10);
        DecisionSettings cycle = DecisionSettings.DEFAULT.withMeasure(ServiceMeasure.CYCLE);
        SkuPlan four = Planner.plan(new Planner.Inputs(policy, history, 120, null, null, 100,
                days(null, 12, 12, 12, 12)), cycle);
        assertThat(four.reorderPoint()).isEqualTo(70);
        assertThat(four.leadTime().source()).isEqualTo(LeadTimeUsed.CONFIGURED);
        SkuPlan five = Planner.plan(new Planner.Inputs(policy, history, 120, null, null, 100,
                days(null, 12, 12, 12, 12, 12)), cycle);
        assertThat(five.reorderPoint()).isEqualTo(120);
        assertThat(five.leadTimeDemand()).isCloseTo(120, within(1e-9));
        assertThat(five.leadTime().source()).isEqualTo(LeadTimeUsed.OBSERVED);
        assertThat(five.leadTime().days()).isEqualTo(12.0);
        SkuPlan off = Planner.plan(new Planner.Inputs(policy, history, 120, null, null, 100,
                days(null, 12, 12, 12, 12, 12)), cycle.withLeadTime(new LeadTimeLearning(false, 5)));
        assertThat(off.reorderPoint()).isEqualTo(70);
        // A spread in the observed lead times raises the reorder point above the mean's demand: 10, 14
        // alternating (mean 12, σ = 2.05) covers the 14-day orders' 140 units at a 95 % cycle target.
        SkuPlan spread = Planner.plan(new Planner.Inputs(policy, history, 120, null, null, 100,
                days(null, 10, 14, 10, 14, 10, 14)), cycle);
        assertThat(spread.leadTime().stdDays()).isCloseTo(Math.sqrt(24.0 / 5), within(1e-9));
        assertThat(spread.reorderPoint()).isGreaterThan(120);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new LeadTimeLearning(true, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeadTimeLearning(true, LeadTimeEstimate.KEPT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeadTimeObservation(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
