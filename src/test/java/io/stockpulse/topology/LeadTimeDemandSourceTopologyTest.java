package io.stockpulse.topology;

import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredCumulativeQuantiles;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.state.SkuDecisionState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code decision.lead-time-demand=forecast} in the stream, not only in {@code simulate}: the day close
 * keeps the forecaster's cumulative quantiles with the stored forecast and the plan reads its lead-time
 * demand off them; without them (a forecaster that gives none) it falls back to the history, as the
 * planner does in {@code simulate}.
 */
class LeadTimeDemandSourceTopologyTest {

    /** A lumpy SKU over five weeks: mostly single units, a large line now and then, zero days between. */
    private static SkuPlan planAfterFiveWeeks(String forecaster, boolean forecastQuantiles) {
        InventorySettings settings = InventorySettings.defaults();
        settings = settings.withDecisions(settings.decisions().withForecastQuantiles(forecastQuantiles));
        Forecaster model = Forecasters.baselineForecaster(forecaster, 28);
        try (TopologyFixture f = new TopologyFixture(settings, new Properties(), ForecasterProvider.shared(model))) {
            f.stockChange("L", StockChangeKind.COUNT, 500, "2011-03-01T07:00:00Z");
            for (int day = 1; day <= 35; day++) {
                String date = java.time.LocalDate.of(2011, 3, 1).plusDays(day - 1) + "T10:00:00Z";
                if (day % 3 != 0) {
                    f.sale("L", day % 7 == 0 ? 25 : 1 + day % 2, date);
                }
            }
            f.sale("L", 1, "2011-04-06T10:00:00Z"); // closes 5 April
            SkuState state = f.state("L");
            StoredCumulativeQuantiles stored = state.getForecast().getCumulative();
            if (forecastQuantiles && forecaster.equals("moving-average-eq")) {
                assertThat(stored).as("kept for the plan").isNotNull();
                assertMonotone(stored);
            } else {
                assertThat(stored).as("not kept when the plan does not read it or the model has none").isNull();
            }
            return SkuDecisionState.plan(state);
        }
    }

    private static void assertMonotone(StoredCumulativeQuantiles q) {
        int horizons = q.getHorizons().size();
        List<Float> v = q.getValues();
        for (int level = 0; level < q.getLevels().size(); level++) {
            for (int h = 0; h < horizons; h++) {
                float value = v.get(level * horizons + h);
                if (h > 0) {
                    assertThat(value).isGreaterThanOrEqualTo(v.get(level * horizons + h - 1));
                }
                if (level > 0) {
                    assertThat(value).isGreaterThanOrEqualTo(v.get((level - 1) * horizons + h));
                }
            }
        }
    }

    @Test
    void theForecastersCumulativeQuantilesSetTheLeadTimeDemand() {
        SkuPlan fromHistory = planAfterFiveWeeks("moving-average-eq", false);
        SkuPlan fromQuantiles = planAfterFiveWeeks("moving-average-eq", true);
        assertThat(fromQuantiles.day()).isEqualTo(fromHistory.day());
        assertThat(fromQuantiles.dailyDemand()).isEqualTo(fromHistory.dailyDemand());
        assertThat(fromQuantiles.reorderPoint()).as("the quantiles, not the resampled history, drive s")
                .isNotEqualTo(fromHistory.reorderPoint());
    }

    @Test
    void withoutCumulativeQuantilesThePlanFallsBackToTheHistory() {
        assertThat(planAfterFiveWeeks("moving-average", true)).isEqualTo(planAfterFiveWeeks("moving-average", false));
    }
}
