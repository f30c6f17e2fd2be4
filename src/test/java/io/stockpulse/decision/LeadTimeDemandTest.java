package io.stockpulse.decision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Worked examples for the lead-time demand distribution and the two service measures read off it. */
class LeadTimeDemandTest {

    @Test
    void normalSampleReproducesTheTextbookQuantile() {
        // Mean 100, σ 20: the 0.95 quantile is 100 + 1.645·20 = 132.9 (64-point sample: within a few units).
        LeadTimeDemand demand = LeadTimeDemand.normal(100, 20);
        assertThat(demand.mean()).isCloseTo(100, within(0.5));
        assertThat(demand.quantile(0.95)).isCloseTo(132.9, within(4.0));
        assertThat(demand.probabilityAtMost(100)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void fillRateLevelMatchesTheLossFunctionMethod() {
        // Silver, Pyke & Thomas §6.7.3: normal lead-time demand, mean 100, σ 20, Q = 200, β = 0.99.
        // Allowed shortage per cycle = (1 − β)·Q = 2 units → G(k) = 2/20 = 0.10 → k ≈ 0.90 → s ≈ 118.
        LeadTimeDemand demand = LeadTimeDemand.normal(100, 20);
        double s = demand.levelForFillRate(0.99, 200);
        assertThat(s).isBetween(114.0, 122.0);
        assertThat(demand.fillRate(s, 200)).isGreaterThanOrEqualTo(0.99);
        assertThat(demand.fillRate(s - 6, 200)).isLessThan(0.99);
    }

    @Test
    void expectedShortageIsTheLossFunction() {
        // E[(X − 0)⁺] = E[X] for X ≥ 0; nothing is short above the largest value; convex and decreasing.
        LeadTimeDemand demand = LeadTimeDemand.normal(100, 20);
        assertThat(demand.expectedShortage(0)).isCloseTo(demand.mean(), within(1e-9));
        assertThat(demand.expectedShortage(demand.quantile(1.0))).isZero();
        double a = demand.expectedShortage(90);
        double b = demand.expectedShortage(100);
        double c = demand.expectedShortage(110);
        assertThat(a).isGreaterThan(b).isGreaterThan(c);
        assertThat(a - b).isGreaterThan(b - c);
        // Standard normal loss G(0) = 0.3989: at the mean, E[(X − μ)⁺] = 0.3989·σ = 7.98.
        assertThat(b).isCloseTo(7.98, within(0.3));
    }

    @Test
    void steadySellerGetsTheTextbookReorderPointNotSeventyOne() {
        // The example: 3–4 units every day (1,300 a year), L = 7, σL = 0, cycle service 0.95.
        // Textbook (Nahmias): d·L = 3.56·7 = 24.9, σL small → s ≈ 27 with ≈ 2 of safety stock. The old
        // p90-spread rule gave s = 71 with 28 of safety stock.
        int[] history = new int[120];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % 9 < 5 ? 4 : 3;
        }
        double rate = 1300 / 365.0;
        LeadTimeDemand demand = LeadTimeDemand.fromHistory(history, 7, 0, rate * 7);
        double s = Math.ceil(demand.quantile(0.95));
        assertThat(demand.mean()).isCloseTo(24.9, within(0.1));
        assertThat(s).isBetween(25.0, 28.0);
        assertThat(s - demand.mean()).isBetween(0.0, 3.0);
    }

    @Test
    void lumpyHistoryKeepsItsLumps() {
        // One order of 100 every 10 days, nothing in between: over 7 days the demand is 0 or 100 (or 200),
        // never the 70 a normal approximation centres on.
        int[] history = new int[100];
        for (int i = 0; i < history.length; i += 10) {
            history[i] = 100;
        }
        LeadTimeDemand demand = LeadTimeDemand.fromHistory(history, 7, 0, -1);
        assertThat(demand.quantile(0.5) % 100).isZero();
        assertThat(demand.quantile(0.99)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void shortHistoryFallsBackToANormalWithAtLeastTheNewSeriesSpread() {
        LeadTimeDemand demand = LeadTimeDemand.fromHistory(new int[] {5, 5, 5}, 7, 0, 35);
        assertThat(demand.mean()).isCloseTo(35, within(2.0));
        // σ ≥ 2.0 (CV) × 5/day × √7 ≈ 26: the 0.95 quantile is well above the mean.
        assertThat(demand.quantile(0.95)).isGreaterThan(70);
    }
}
