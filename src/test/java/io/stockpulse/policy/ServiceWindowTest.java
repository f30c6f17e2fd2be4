package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServiceWindowTest {

    private static ReportFigures cumulative(long demanded, long filled, long stockoutDays, long accountedDays,
                                            double cogs, double valueDays) {
        return new ReportFigures(1, 0, 0, 0, 0, demanded, filled, stockoutDays, accountedDays, cogs, valueDays, 0,
                Map.of(), Map.of(), List.of(), Map.of());
    }

    @Test
    void aWindowIsTheDifferenceOfTwoCumulativeSnapshots() {
        ReportFigures weekAgo = cumulative(1_000, 950, 4, 700, 9_500, 140_000);
        ReportFigures now = cumulative(1_200, 1_130, 9, 770, 11_300, 154_000);
        ServiceWindow week = ServiceWindow.between(now, weekAgo, 7);
        assertThat(week.unitsDemanded()).isEqualTo(200);
        assertThat(week.unitsFilled()).isEqualTo(180);
        assertThat(week.fillRate()).isCloseTo(0.9, within(1e-12));
        assertThat(week.stockoutSkuDays()).isEqualTo(5);
        assertThat(week.stockoutShare()).isCloseTo(5.0 / 70, within(1e-12));
        assertThat(week.costOfGoodsSold()).isEqualTo(1_800.0);
        assertThat(week.averageInventoryValue()).isEqualTo(2_000.0);      // 14,000 value-days / 7 days
    }

    @Test
    void inventoryTurnsAreAnnualisedCostOfGoodsSoldOverAverageInventory() {
        // Textbook: cost of goods sold 1,200,000 a year on an average inventory of 200,000 → 6 turns
        // (Chopra & Meindl; Silver, Pyke & Peterson). The same pace over 28 days: COGS 1,200,000 × 28/365
        // with 200,000 held each day.
        ServiceWindow month = new ServiceWindow(28, 0, 0, 0, 0, 1_200_000.0 * 28 / 365, 200_000.0 * 28);
        assertThat(month.averageInventoryValue()).isCloseTo(200_000, within(1e-6));
        assertThat(month.inventoryTurns()).isCloseTo(6.0, within(1e-9));
        assertThat(ServiceWindow.empty(28).inventoryTurns()).isZero();
    }

    @Test
    void withNoEarlierSnapshotEverythingCountsAndNothingGoesNegative() {
        ReportFigures now = cumulative(10, 8, 1, 3, 16, 30);
        assertThat(ServiceWindow.between(now, ReportFigures.EMPTY, 28).unitsDemanded()).isEqualTo(10);
        // A unit cost that fell between the snapshots cannot make the cost of goods sold negative.
        assertThat(ServiceWindow.between(cumulative(10, 8, 1, 3, 5, 30), now, 28).costOfGoodsSold()).isZero();
        assertThat(ServiceWindow.empty(7).fillRate()).isEqualTo(1.0);
        assertThat(ServiceWindow.empty(7).plus(ServiceWindow.between(now, ReportFigures.EMPTY, 7)).unitsFilled()).isEqualTo(8);
    }
}
