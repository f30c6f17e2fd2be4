package io.stockpulse.decision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked example: d = 10 units/day, lead time L = 7 days, so lead-time demand d·L = 70; safety stock
 * 12 gives the reorder point s = 82; order-up-to S = 330; at most 90 days of cover, so the overstock
 * limit is max(90 · 10, S) = 900.
 */
class ExceptionValuesTest {

    private static final SkuPlan PLAN = new SkuPlan(15029, 10, 70, 12, 82, 330, 248, 0.97, 0.99, 900,
            Double.POSITIVE_INFINITY, "worked-example");

    private static final int TODAY = 15029;

    @Test
    void outOfStockWithNothingDueWithinTheLeadTimePutsTheWholeLeadTimeDemandAtStake() {
        assertThat(ExceptionValues.stockoutUnits(0, List.of(), 10, 7, TODAY)).isEqualTo(70.0);
        // an order due after L does not help within L
        assertThat(ExceptionValues.stockoutUnits(0, List.of(new OpenOrder("PO-1", 100, TODAY + 9)), 10, 7, TODAY))
                .isEqualTo(70.0);
    }

    @Test
    void anOrderDueWithinTheLeadTimeEndsTheGapAfterFillingTheBackorders() {
        // 6 owed to customers; days 1 and 2 go unserved (20 units); on day 3 the 100 units arrive, fill the
        // 26 backordered units and serve days 3 to 7 (50 units) from the remaining 74
        assertThat(ExceptionValues.stockoutUnits(-6, List.of(new OpenOrder("PO-1", 100, TODAY + 3)), 10, 7, TODAY))
                .isEqualTo(20.0);
    }

    @Test
    void aProjectedStockoutCountsTheDemandAfterTheShelfEmpties() {
        // 25 on hand last 2.5 days; the other 4.5 days of L = 7 go unserved: 70 − 25 = 45 units
        assertThat(ExceptionValues.stockoutUnits(25, List.of(), 10, 7, TODAY)).isEqualTo(45.0);
        // a fractional lead time of 6.5 days: 65 units demanded, 25 served
        assertThat(ExceptionValues.stockoutUnits(25, List.of(), 10, 6.5, TODAY)).isEqualTo(40.0);
        // enough on hand for L: nothing at stake; no demand expected: nothing at stake
        assertThat(ExceptionValues.stockoutUnits(80, List.of(), 10, 7, TODAY)).isZero();
        assertThat(ExceptionValues.stockoutUnits(0, List.of(), 0, 7, TODAY)).isZero();
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
