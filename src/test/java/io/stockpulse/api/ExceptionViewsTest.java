package io.stockpulse.api;

import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.state.SkuDecisionState;
import io.stockpulse.state.SkuStates;
import io.stockpulse.topology.InventorySettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionViewsTest {

    private static final PolicyParameters DEFAULTS = InventorySettings.defaults().defaultPolicy();

    /** d = 10/day, L = 7 days (the policy's): lead-time demand 70, s = 82, S = 330, overstock above 900 units. */
    private static SkuState state(String sku, long netStock, long onOrder) {
        SkuState state = SkuStates.empty(sku, "WH1");
        state.setNetStock(netStock);
        if (onOrder > 0) {
            state.getOpenOrders().put("PO-1", onOrder);
        }
        state.setAbcClass("A");
        state.setXyzClass("X");
        SkuDecisionState.setPlan(state, new SkuPlan(15029, 10, 70, 12, 82, 330, 248, 0.97, 0.99, 900,
                Double.POSITIVE_INFINITY, "worked-example"));
        return state;
    }

    private static PolicyParameters costing(double unitCost) {
        PolicyParameters d = DEFAULTS;
        return new PolicyParameters(7, d.leadTimeStdDays(), d.serviceLevel(), unitCost, d.orderCost(),
                d.holdingCostRate(), d.moq(), d.packSize(), d.maxDaysOfCover(), d.type(), d.reviewDays(),
                d.reviewOffsetDays(), d.minUnits(), d.maxUnits(), d.minDemandDays());
    }

    @Test
    void everyOpenFlagIsOneRowValuedAtUnitCost() {
        SkuState state = state("A-1", 20, 15);
        state.setStockoutSeverity(StockoutSeverity.PROJECTED);
        state.setOpenTriggerId("A-1@WH1#3");
        List<Map<String, Object>> rows = ExceptionViews.of(state, costing(2.5), true);
        assertThat(rows).extracting(r -> r.get("kind")).containsExactly("stockout", "reorder_trigger");
        // projected: 20 on hand last 2 of the 7 days of L; the 15 on order have no known due day: 50 units
        // short, 125.00 at 2.50 a unit
        assertThat(rows.get(0)).containsEntry("severity", "PROJECTED").containsEntry("unitsAtStake", 50.0)
                .containsEntry("value", 125.0).containsEntry("unitCostSource", "policy").containsEntry("abcClass", "A");
        // the trigger asks for S − position = 330 − 35 = 295 units
        assertThat(rows.get(1)).containsEntry("triggerId", "A-1@WH1#3").containsEntry("unitsAtStake", 295.0)
                .containsEntry("value", 737.5).containsEntry("position", 35L);
    }

    @Test
    void overstockIsValuedAtTheUnitsAboveTheLimitAndTheDefaultCostIsNamed() {
        SkuState state = state("B-2", 1000, 50);
        state.setOverstockOpen(true);
        List<Map<String, Object>> rows = ExceptionViews.of(state, costing(4), false);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("kind", "overstock")
                .containsEntry("unitsAtStake", 150.0).containsEntry("value", 600.0)
                .containsEntry("unitCostSource", "default"));
        assertThat(ExceptionViews.hasOpen(state)).isTrue();
        assertThat(ExceptionViews.hasOpen(state("C-3", 10, 0))).isFalse();
        assertThat(ExceptionViews.of(state("C-3", 10, 0), costing(4), true)).isEmpty();
    }

    @Test
    void largestValueFirstWithTiesInAFixedOrder() {
        SkuState small = state("S-1", 20, 15);
        small.setStockoutSeverity(StockoutSeverity.PROJECTED);   // 50 units
        SkuState large = state("L-1", -4, 0);
        large.setStockoutSeverity(StockoutSeverity.OUT_OF_STOCK); // 70 units
        SkuState tie = state("K-1", -1, 0);
        tie.setStockoutSeverity(StockoutSeverity.OUT_OF_STOCK);   // 70 units, sorts before L-1 by SKU
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SkuState state : List.of(small, large, tie)) {
            rows.addAll(ExceptionViews.of(state, costing(1), true));
        }
        rows.sort(ExceptionViews.LARGEST_FIRST);
        assertThat(rows).extracting(r -> r.get("sku")).containsExactly("K-1", "L-1", "S-1");
    }
}
