package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeriodicReviewAndMinMaxTest {

    @Test
    void orderUpToLevelCoversReviewPeriodPlusLeadTime() {
        // S = D(R + L) + z·σd·√(R + L): d = 10/day, σd = 4, R = 7, L = 3, 95 % (z = 1.6449):
        // S = 10·10 + 1.6449·4·√10 = 100 + 20.806 = 120.81.
        double s = PeriodicReviewPolicy.orderUpToLevel(10, 4, 7, 3, 0, 0.95);
        assertThat(s).isCloseTo(120.806, within(1e-3));
        // At a review with IP = 45: order S − IP = 75.81 → 76 units; in packs of 12 → 84.
        assertThat(PeriodicReviewPolicy.orderQuantity(s, 45, 1, 1)).isEqualTo(76);
        assertThat(PeriodicReviewPolicy.orderQuantity(s, 45, 1, 12)).isEqualTo(84);
        // Above S nothing is ordered.
        assertThat(PeriodicReviewPolicy.orderQuantity(s, 130, 1, 1)).isZero();
    }

    @Test
    void leadTimeVariabilityWidensTheProtectionInterval() {
        // Silver, Pyke & Thomas style: d = 50/day, σd = 10, R = 5, L = 9 ± 2, 95 %:
        // σ² = 14·10² + 50²·2² = 1400 + 10000 = 11400 → σ = 106.77; S = 700 + 1.6449·106.77 = 875.63.
        assertThat(PeriodicReviewPolicy.orderUpToLevel(50, 10, 5, 9, 2, 0.95)).isCloseTo(875.63, within(0.01));
    }

    @Test
    void weeklyReviewFallsOnTheSameWeekday() {
        // Epoch day 0 (1970-01-01) was a Thursday; offset 4 → Mondays.
        long monday = LocalDate.of(2026, 11, 23).toEpochDay();
        assertThat(PeriodicReviewPolicy.isReviewDay(monday, 7, 4)).isTrue();
        for (int d = 1; d < 7; d++) {
            assertThat(PeriodicReviewPolicy.isReviewDay(monday + d, 7, 4)).isFalse();
        }
        assertThat(PeriodicReviewPolicy.isReviewDay(monday + 7, 7, 4)).isTrue();
    }

    @Test
    void minMaxOrdersUpToMaxOnlyAtOrBelowMin() {
        assertThat(MinMaxPolicy.orderQuantity(20, 20, 100, 1, 1)).isEqualTo(80);
        assertThat(MinMaxPolicy.orderQuantity(21, 20, 100, 1, 1)).isZero();
        assertThat(MinMaxPolicy.orderQuantity(-5, 20, 100, 1, 1)).isEqualTo(105); // backorders too
        assertThat(MinMaxPolicy.orderQuantity(20, 20, 100, 1, 12)).isEqualTo(84);  // 7 packs of 12
    }
}
