package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

    private static final PolicyParameters POLICY = new PolicyParameters(10, 0, 0.95, 2, 50, 0.25, 1, 1, 30);
    private static final double HYSTERESIS = 0.1;

    private static ReplenishmentPlan plan(long net, long onOrder, double daily) {
        double[] mean = new double[28];
        Arrays.fill(mean, daily);
        return ReplenishmentPolicy.plan(new StockPosition(net, onOrder), new DemandOutlook(mean, 0, "t"), POLICY);
    }

    private static StockoutLevel stockout(StockoutLevel current, long net, long onOrder, double daily) {
        return AlertRules.stockout(current, new StockPosition(net, onOrder), plan(net, onOrder, daily), POLICY,
                HYSTERESIS, true);
    }

    @Test
    void outOfStockAtZeroOnHand() {
        assertThat(stockout(StockoutLevel.NONE, 0, 0, 1)).isEqualTo(StockoutLevel.OUT_OF_STOCK);
        assertThat(stockout(StockoutLevel.NONE, -4, 100, 1)).isEqualTo(StockoutLevel.OUT_OF_STOCK);
    }

    @Test
    void projectedWhenCoverBelowLeadTimeWithNothingOnOrder() {
        assertThat(stockout(StockoutLevel.NONE, 9, 0, 1)).isEqualTo(StockoutLevel.PROJECTED);   // 9 days < 10
        assertThat(stockout(StockoutLevel.NONE, 9, 5, 1)).isEqualTo(StockoutLevel.NONE);        // something on order
        assertThat(stockout(StockoutLevel.NONE, 10, 0, 1)).isEqualTo(StockoutLevel.NONE);       // exactly L
    }

    @Test
    void projectedAlertNeedsTheMarginToResolve() {
        // Open at 9 days; 10.5 days is above L but below L·1.1 = 11: stays open, no flapping.
        assertThat(stockout(StockoutLevel.PROJECTED, 10, 0, 1)).isEqualTo(StockoutLevel.PROJECTED);
        assertThat(stockout(StockoutLevel.PROJECTED, 11, 0, 1)).isEqualTo(StockoutLevel.NONE);
        // Received stock after running out: straight to NONE when cover is ample.
        assertThat(stockout(StockoutLevel.OUT_OF_STOCK, 50, 0, 1)).isEqualTo(StockoutLevel.NONE);
    }

    @Test
    void noForecastNoProjection() {
        StockPosition position = new StockPosition(1, 0);
        assertThat(AlertRules.stockout(StockoutLevel.NONE, position, plan(1, 0, 1), POLICY, HYSTERESIS, false))
                .isEqualTo(StockoutLevel.NONE);
    }

    @Test
    void overstockWithHysteresis() {
        StockPosition position31 = new StockPosition(31, 0);
        assertThat(AlertRules.overstock(false, position31, plan(31, 0, 1), POLICY, HYSTERESIS, true)).isTrue();
        // Open: stays while cover > 30·0.9 = 27.
        StockPosition position28 = new StockPosition(28, 0);
        assertThat(AlertRules.overstock(true, position28, plan(28, 0, 1), POLICY, HYSTERESIS, true)).isTrue();
        assertThat(AlertRules.overstock(false, position28, plan(28, 0, 1), POLICY, HYSTERESIS, true)).isFalse();
        StockPosition position27 = new StockPosition(27, 0);
        assertThat(AlertRules.overstock(true, position27, plan(27, 0, 1), POLICY, HYSTERESIS, true)).isFalse();
    }

    @Test
    void reorderTriggerStaysOpenUntilAnOrderCoversIt() {
        // L = 10, 5/day, σ = 0 → s = 50.
        ReplenishmentPlan low = plan(40, 0, 5);
        assertThat(low.reorderPoint()).isEqualTo(50);
        assertThat(AlertRules.reorderOpen(false, new StockPosition(40, 0), low, HYSTERESIS)).isTrue();
        assertThat(AlertRules.reorderOpen(true, new StockPosition(35, 0), plan(35, 0, 5), HYSTERESIS)).isTrue();
        // An order lifting the position above s closes it.
        assertThat(AlertRules.reorderOpen(true, new StockPosition(35, 100), plan(35, 100, 5), HYSTERESIS)).isFalse();
        // No order, but the position drifted just above s (s fell with the forecast): still open.
        assertThat(AlertRules.reorderOpen(true, new StockPosition(52, 0), plan(52, 0, 5), HYSTERESIS)).isTrue();
        // Above s × 1.1 the need is gone.
        assertThat(AlertRules.reorderOpen(true, new StockPosition(56, 0), plan(56, 0, 5), HYSTERESIS)).isFalse();
    }
}
