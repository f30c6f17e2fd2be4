package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReplenishmentPolicyTest {

    private static double[] flat(double value, int days) {
        double[] out = new double[days];
        Arrays.fill(out, value);
        return out;
    }

    // L = 9 ± 2 days, 95 %, unit cost 1.5, K = 8, holding 15 %/yr (h = 0.225), MOQ 1, pack 1, max cover 60 days.
    private static final PolicyParameters POLICY = new PolicyParameters(9, 2, 0.95, 1.5, 8, 0.15, 1, 1, 60);

    @Test
    void continuousReviewPlanMatchesTheWorkedExample() {
        // d = 50/day, σd = 10/day: LTD = 450, σ = 104.40, SS = 171.73, s = 621.73 (see InventoryMathTest).
        DemandOutlook outlook = new DemandOutlook(flat(50, 28), 10, "test@1");
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(new StockPosition(600, 0), outlook, POLICY);
        assertThat(plan.leadTimeDemand()).isCloseTo(450, within(1e-9));
        assertThat(plan.safetyStock()).isCloseTo(171.73, within(0.01));
        assertThat(plan.reorderPoint()).isCloseTo(621.73, within(0.01));
        // EOQ with D = 50·365 = 18250/yr: √(2·18250·8/0.225) = 1139.20
        assertThat(plan.economicOrderQuantity()).isCloseTo(1139.20, within(0.01));
        // Position 600 ≤ s: order max(Q*, S − IP) = 621.73 + 1139.20 − 600 = 1160.93 → 1161.
        assertThat(plan.reorderNeeded()).isTrue();
        assertThat(plan.orderQuantity()).isEqualTo(1161);
        assertThat(plan.daysOfCover()).isCloseTo(12, within(1e-9));
        assertThat(plan.daysUntilStockout()).isEqualTo(12); // 600 units last days 0..11 at 50/day
    }

    @Test
    void positionCountsOnOrderAndBackorders() {
        StockPosition position = new StockPosition(-20, 500);
        assertThat(position.onHand()).isZero();
        assertThat(position.backorders()).isEqualTo(20);
        assertThat(position.inventoryPosition()).isEqualTo(480);
        DemandOutlook outlook = new DemandOutlook(flat(50, 28), 10, "test@1");
        // 480 ≤ 621.73: still below the reorder point even with the open order.
        assertThat(ReplenishmentPolicy.plan(position, outlook, POLICY).reorderNeeded()).isTrue();
        assertThat(ReplenishmentPolicy.plan(new StockPosition(200, 500), outlook, POLICY).reorderNeeded()).isFalse();
    }

    @Test
    void orderQuantityIsEoqWhenTheTopUpIsSmaller() {
        // Position just at s: S − IP = Q*, so the EOQ itself (rounded up to pack 100) is ordered.
        PolicyParameters packs = new PolicyParameters(9, 2, 0.95, 1.5, 8, 0.15, 1, 100, 60);
        DemandOutlook outlook = new DemandOutlook(flat(50, 28), 10, "test@1");
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(new StockPosition(621, 0), outlook, packs);
        assertThat(plan.orderQuantity()).isEqualTo(1200);
    }

    @Test
    void noDemandNoReorderButEverythingIsExcess() {
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(new StockPosition(0, 0), new DemandOutlook(flat(0, 28), 0, "x"),
                POLICY);
        assertThat(plan.reorderNeeded()).isFalse();
        ReplenishmentPlan stocked = ReplenishmentPolicy.plan(new StockPosition(40, 0),
                new DemandOutlook(flat(0, 28), 0, "x"), POLICY);
        assertThat(stocked.daysOfCover()).isInfinite();
        assertThat(stocked.excessQuantity()).isEqualTo(40);
        assertThat(stocked.valueAtRisk()).isCloseTo(60, within(1e-9));
    }

    @Test
    void backordersAloneTriggerAReorder() {
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(new StockPosition(-3, 0), DemandOutlook.none(), POLICY);
        assertThat(plan.reorderNeeded()).isTrue();
        assertThat(plan.orderQuantity()).isEqualTo(3);
    }

    @Test
    void overstockExcessAndValueAtRisk() {
        // 2/day, max 60 days → 120 units allowed; 500 on hand → 380 excess × 1.5 = 570 at risk.
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(new StockPosition(500, 0),
                new DemandOutlook(flat(2, 28), 1, "x"), POLICY);
        assertThat(plan.excessQuantity()).isCloseTo(380, within(1e-9));
        assertThat(plan.valueAtRisk()).isCloseTo(570, within(1e-9));
        assertThat(plan.daysOfCover()).isCloseTo(250, within(1e-9));
    }

    @Test
    void invalidParametersNameTheField() {
        assertThatThrownBy(() -> new PolicyParameters(9, 2, 1.0, 1.5, 8, 0.15, 1, 1, 60))
                .hasMessageContaining("serviceLevel");
        assertThatThrownBy(() -> new PolicyParameters(-1, 2, 0.9, 1.5, 8, 0.15, 1, 1, 60))
                .hasMessageContaining("leadTimeDays");
        assertThatThrownBy(() -> new PolicyParameters(9, 2, 0.9, 1.5, 8, 0.15, 0, 1, 60)).hasMessageContaining("moq");
    }
}
