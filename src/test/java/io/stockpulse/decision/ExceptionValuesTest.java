package io.stockpulse.decision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked example: d = 10 units/day, lead time L = 7 days, so lead-time demand d·L = 70; safety stock
 * 12 gives the reorder point s = 82; order-up-to S = 330; at most 90 days of cover, so the overstock
 * limit is max(90 · 10, S) = 900.
 */
class ExceptionValuesTest {

    private static final SkuPlan PLAN = new SkuPlan(15029, 10, 70, 12, 82, 330, 248, 0.97, 0.99, 900,
            Double.POSITIVE_INFINITY, "worked-example");

    @Test
    void outOfStockPutsTheWholeLeadTimeDemandAtStake() {
        // nothing on the shelf, 6 owed to customers, 100 on order: a new order still takes L to arrive
        assertThat(ExceptionValues.stockoutUnits(PLAN, -6, 100)).isEqualTo(70.0);
        assertThat(ExceptionValues.stockoutUnits(PLAN, 0, 0)).isEqualTo(70.0);
    }

    @Test
    void aProjectedStockoutIsTheLeadTimeDemandThePositionDoesNotCover() {
        // 20 on hand + 15 on order = 35 against 70 expected over L: 35 units short
        assertThat(ExceptionValues.stockoutUnits(PLAN, 20, 15)).isEqualTo(35.0);
        // a position above lead-time demand covers it all
        assertThat(ExceptionValues.stockoutUnits(PLAN, 60, 40)).isZero();
    }

    @Test
    void anOpenTriggerAsksForTheOrderUpToLevelMinusThePosition() {
        // position 40 + 20 = 60 ≤ s = 82: the order lifts it to S = 330, 270 units
        assertThat(ExceptionValues.reorderUnits(PLAN, 40, 20)).isEqualTo(270.0);
        // a fractional S rounds up to whole units; backorders count against the position
        SkuPlan fractional = new SkuPlan(1, 10, 70, 12, 82, 330.2, 248, 0.97, 0.99, 900, 1e9, "x");
        assertThat(ExceptionValues.reorderUnits(fractional, -10, 0)).isEqualTo(341.0);
    }

    @Test
    void overstockIsThePositionAboveTheLimit() {
        assertThat(ExceptionValues.overstockUnits(PLAN, 1000, 50)).isEqualTo(150.0);
        assertThat(ExceptionValues.overstockUnits(PLAN, 800, 100)).isZero();
    }

    @Test
    void beforeTheFirstPlanNothingIsValued() {
        SkuPlan none = SkuPlan.none(1);
        assertThat(ExceptionValues.stockoutUnits(none, 0, 0)).isZero();
        assertThat(ExceptionValues.reorderUnits(none, 0, 0)).isZero();
        assertThat(ExceptionValues.overstockUnits(none, 5000, 0)).isZero();
    }

    @Test
    void valueIsUnitsTimesUnitCost() {
        assertThat(ExceptionValues.value(35, 2.5)).isEqualTo(87.5);
        assertThat(ExceptionValues.value(35, 0)).isZero();
        assertThat(ExceptionValues.value(0, 2.5)).isZero();
        assertThat(ExceptionValues.value(35, Double.NaN)).isZero();
    }
}
