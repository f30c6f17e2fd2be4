package io.stockpulse.api;

import io.stockpulse.avro.StockoutSeverity;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.state.SkuStates;
import io.stockpulse.topology.InventorySettings;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SkuViewsTest {

    private static final PolicyParameters POLICY = InventorySettings.defaults().defaultPolicy();

    private static SkuState state() {
        SkuState state = SkuStates.empty("A", "WH1");
        state.setNetStock(40);
        state.getOpenOrders().put("PO-1", 60L);
        SkuStates.setHistory(state, 15000, java.util.stream.IntStream.generate(() -> 10).limit(30).toArray());
        state.setAbcClass("A");
        state.setXyzClass("Y");
        List<Float> flat = Collections.nCopies(28, 10f);
        state.setForecast(StoredForecast.newBuilder().setModel("lstm").setVersion("v1").setFirstDay(15030)
                .setMean(flat).setP50(flat).setP90(Collections.nCopies(28, 14f)).build());
        // The plan the decision core made at the close of 2011-02-24: what the alerts use, and the API shows.
        io.stockpulse.state.SkuDecisionState.setPlan(state, new io.stockpulse.decision.SkuPlan(15029, 10, 70, 12, 82,
                330, 248, 0.97, 0.99, 900, 140, "lstm@v1"));
        return state;
    }

    @Test
    void locationShowsStockPositionPolicyFiguresAndTheForecastBand() {
        Map<String, Object> view = SkuViews.location(state(), POLICY);
        assertThat(view).containsEntry("onHand", 40L).containsEntry("onOrder", 60L).containsEntry("position", 100L)
                .containsEntry("asOf", "2011-02-24");
        assertThat(view).containsEntry("reorderPoint", 82.0).containsEntry("safetyStock", 12.0)
                .containsEntry("orderUpTo", 330.0).containsEntry("expectedFillRate", 0.99)
                .containsEntry("expectedCycleServiceLevel", 0.97).containsEntry("planSource", "lstm@v1")
                .containsEntry("specialOrderAbove", 140.0);
        assertThat((Double) view.get("daysOfCover")).isEqualTo(4.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> forecast = (Map<String, Object>) view.get("forecast");
        assertThat(forecast).containsEntry("model", "lstm").containsEntry("firstDay", "2011-02-25");
        assertThat((List<?>) forecast.get("p90")).hasSize(28).first().isEqualTo(14f);
        assertThat((List<?>) view.get("openAlerts")).isEmpty();
        assertThat(view).containsEntry("abcClass", "A").containsEntry("xyzClass", "Y")
                .containsEntry("serviceLevel", POLICY.serviceLevel());
    }

    @Test
    @SuppressWarnings("unchecked")
    void leadTimeShowsObservedAgainstConfigured() {
        SkuState state = state();
        long day = 86_400_000L;
        // Five orders from ACME that took 9, 10, 11, 12 and 13 days: mean 11, sample σ = √(10/4) = 1.581.
        for (int i = 0; i < 5; i++) {
            io.stockpulse.state.LeadTimeStates.ordered(state, "PO-" + i, i * 30 * day, "ACME");
            io.stockpulse.state.LeadTimeStates.received(state, "PO-" + i, (i * 30 + 9 + i) * day, 10, true);
        }
        Map<String, Object> before = (Map<String, Object>) SkuViews.location(state, POLICY).get("leadTime");
        assertThat((Map<String, Object>) before.get("configured")).containsEntry("days", 7.0).containsEntry("stdDays", 2.0);
        Map<String, Object> observed = (Map<String, Object>) before.get("observed");
        assertThat(observed).containsEntry("receipts", 5).containsEntry("meanDays", 11.0).containsEntry("p50Days", 11.0);
        assertThat((Double) observed.get("stdDays")).isCloseTo(Math.sqrt(2.5), org.assertj.core.api.Assertions.within(1e-9));
        assertThat((Map<String, Object>) before.get("bySupplier")).containsOnlyKeys("ACME");
        assertThat(before).containsEntry("nextPlanUses", "observed");
        // The stored plan predates learning: it used the configured lead time.
        assertThat(before.get("planUsed")).isNull();
        io.stockpulse.state.SkuDecisionState.setPlan(state, new io.stockpulse.decision.SkuPlan(15029, 10, 110, 12,
                122, 370, 248, 0.97, 0.99, 900, 140, "lstm@v1",
                new io.stockpulse.decision.LeadTimeUsed("observed", 11.0, Math.sqrt(2.5), 5, "ACME")));
        Map<String, Object> after = (Map<String, Object>) SkuViews.location(state, POLICY).get("leadTime");
        assertThat((Map<String, Object>) after.get("planUsed")).containsEntry("source", "observed")
                .containsEntry("days", 11.0).containsEntry("receipts", 5);
        Map<String, Object> off = (Map<String, Object>) SkuViews.location(state, POLICY,
                new io.stockpulse.decision.LeadTimeLearning(false, 5)).get("leadTime");
        assertThat(off).containsEntry("nextPlanUses", "configured").containsEntry("learn", false);
    }

    @Test
    void openAlertsListEveryOpenFlag() {
        SkuState state = state();
        state.setStockoutSeverity(StockoutSeverity.PROJECTED);
        state.setOverstockOpen(true);
        state.setOpenTriggerId("A/WH1/3");
        assertThat(SkuViews.openAlerts(state)).extracting(a -> a.get("kind"))
                .containsExactly("stockout", "overstock", "reorder_trigger");
        assertThat(SkuViews.openAlerts(state).get(2)).containsEntry("triggerId", "A/WH1/3");
        assertThat(SkuViews.openAlerts(state).get(0)).containsEntry("severity", "PROJECTED");
        // /api/alerts shows each open alert with its SKU's class
        assertThat(SkuViews.openAlerts(state)).allSatisfy(a -> assertThat(a).containsEntry("abcClass", "A")
                .containsEntry("xyzClass", "Y"));
    }

    @Test
    void aSkuWithoutSalesHasNoDateAndNoCoverFigure() {
        SkuState state = SkuStates.empty("B", "WH1");
        state.setNetStock(5);
        Map<String, Object> view = SkuViews.location(state, POLICY);
        assertThat(view.get("asOf")).isNull();
        assertThat(view.get("forecast")).isNull();
        assertThat(view).containsEntry("position", 5L).containsEntry("abcClass", null);
    }
}
