package io.stockpulse.policy;

import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.PlanViews;
import io.stockpulse.decision.SkuPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Risks of one SKU: lead time 10 days, unit cost 2.50, overstock above 60 days of cover. */
class RiskItemTest {

    private static final PolicyParameters POLICY = new PolicyParameters(10, 0, 0.95, 2.5, 50, 0.25, 1, 1, 60);

    /** A plan of {@code dailyDemand} a day: lead-time demand 10 days of it, overstock above 60 days. */
    private static Optional<RiskItem> assess(long netStock, long onOrder, double dailyDemand) {
        SkuPlan plan = new SkuPlan(0, dailyDemand, dailyDemand * 10, 0, dailyDemand * 10, dailyDemand * 10 + 1, 1, 1, 1,
                60 * dailyDemand, Double.POSITIVE_INFINITY, "t");
        List<OpenOrder> orders = onOrder > 0 ? List.of(new OpenOrder("po", onOrder, OpenOrder.UNKNOWN_DUE)) : List.of();
        ReplenishmentPlan view = PlanViews.replenishmentPlan(plan, netStock, orders, 0, POLICY.unitCost());
        return RiskItem.assess("S1", "WH1", new StockPosition(netStock, onOrder), view, POLICY, true);
    }

    @Test
    void outOfStockRisksTheWholeLeadTimeDemand() {
        RiskItem risk = assess(0, 200, 20).orElseThrow();
        assertThat(risk.kind()).isEqualTo(RiskItem.STOCKOUT);
        assertThat(risk.value()).isCloseTo(20 * 10 * 2.5, within(1e-9));   // 200 units unmet × 2.50
        assertThat(risk.reason()).contains("out of stock", "20.0 units/day", "200 on order", "lead time 10 days");
    }

    @Test
    void stockThatRunsOutWithinTheLeadTimeRisksTheShortfall() {
        // 50 on hand + 80 on order against 10 × 20 = 200 units of lead-time demand: 70 short.
        RiskItem risk = assess(50, 80, 20).orElseThrow();
        assertThat(risk.kind()).isEqualTo(RiskItem.STOCKOUT_RISK);
        assertThat(risk.value()).isCloseTo(70 * 2.5, within(1e-9));
        assertThat(risk.reason()).contains("runs out in 2 days", "about 70 units short");
        assertThat(assess(50, 200, 20)).isEmpty();   // the order covers the lead time
    }

    @Test
    void stockAboveTheOverstockCoverIsExcessAtUnitCost() {
        // 1,000 on hand at 5 a day = 200 days of cover; 60 days need 300: 700 units excess.
        RiskItem risk = assess(1_000, 0, 5).orElseThrow();
        assertThat(risk.kind()).isEqualTo(RiskItem.EXCESS);
        assertThat(risk.value()).isCloseTo(700 * 2.5, within(1e-9));
        assertThat(risk.reason()).isEqualTo("200 days of cover (max 60): 700 units above need");
        assertThat(assess(200, 0, 0).orElseThrow().reason()).isEqualTo("no demand expected: all 200 units on hand are excess");
    }

    @Test
    void healthyStockOrNoForecastIsNoRisk() {
        assertThat(assess(250, 0, 20)).isEmpty();   // 12.5 days of cover, lead time 10
        StockPosition empty = new StockPosition(0, 0);
        ReplenishmentPlan plan = PlanViews.replenishmentPlan(SkuPlan.none(0), 0, List.of(), 0, POLICY.unitCost());
        assertThat(RiskItem.assess("S1", "WH1", empty, plan, POLICY, false)).isEmpty();
    }
}
