package io.stockpulse.policy;

import io.stockpulse.policy.IntermittentDemand.Estimate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Croston and TSB updating on a short intermittent series, computed by hand. */
class IntermittentDemandTest {

    // t:  0  1  2  3  4  5  6  7  8  9
    // d:  0  0  6  0  0  0  3  0  4  0
    private static final long[] SERIES = {0, 0, 6, 0, 0, 0, 3, 0, 4, 0};

    @Test
    void crostonUpdatesOnlyInPeriodsWithDemand() {
        // α = 0.2; start at t = 2: z = 6, p = 3.
        // t = 6 (q = 4): z = 6 + 0.2(3 − 6) = 5.4,    p = 3 + 0.2(4 − 3) = 3.2
        // t = 8 (q = 2): z = 5.4 + 0.2(4 − 5.4) = 5.12, p = 3.2 + 0.2(2 − 3.2) = 2.96
        // rate = 5.12 / 2.96 = 1.72973
        Estimate croston = IntermittentDemand.croston(SERIES, 0.2);
        assertThat(croston.size()).isCloseTo(5.12, within(1e-9));
        assertThat(croston.intervalOrProbability()).isCloseTo(2.96, within(1e-9));
        assertThat(croston.rate()).isCloseTo(1.72973, within(1e-5));
        assertThat(croston.periodsWithDemand()).isEqualTo(3);
    }

    @Test
    void tsbUpdatesTheProbabilityEveryPeriod() {
        // α = β = 0.2; start at t = 2: z = 6, p = 1/3.
        // t=3..5 zeros: p = 0.26667, 0.21333, 0.17067
        // t=6 (3): p = 0.17067 + 0.2(1 − 0.17067) = 0.33653, z = 5.4
        // t=7 zero: p = 0.26923;  t=8 (4): p = 0.41538, z = 5.12;  t=9 zero: p = 0.33231
        // rate = 0.33231 · 5.12 = 1.70140
        Estimate tsb = IntermittentDemand.tsb(SERIES, 0.2, 0.2);
        assertThat(tsb.size()).isCloseTo(5.12, within(1e-9));
        assertThat(tsb.intervalOrProbability()).isCloseTo(0.332305, within(1e-6));
        assertThat(tsb.rate()).isCloseTo(1.70140, within(1e-5));
        // σ = z·√(p(1 − p)) = 5.12 · √(0.33231 · 0.66769) = 2.4117
        assertThat(IntermittentDemand.tsbDailySigma(tsb)).isCloseTo(2.4117, within(1e-4));
    }

    @Test
    void tsbForgetsAnItemThatStoppedSellingCrostonDoesNot() {
        long[] stopped = new long[40];
        stopped[0] = 5;
        stopped[2] = 5;
        stopped[4] = 5; // then 35 days without a sale
        // Croston: z = 5, p = 1 → 1 + 0.2(2 − 1) = 1.2 → 1.2 + 0.2(2 − 1.2) = 1.36; the rate 5 / 1.36 = 3.676
        // stays there however long the item does not sell.
        assertThat(IntermittentDemand.croston(stopped, 0.2).rate()).isCloseTo(3.67647, within(1e-5));
        // TSB: p = 1, 0.8, 0.84, 0.672, 0.7376 at t = 4, then ×0.8 for 35 zero days: p ≈ 3.0e-4, rate ≈ 0.0015.
        assertThat(IntermittentDemand.tsb(stopped, 0.2, 0.2).rate()).isLessThan(0.01);
    }

    @Test
    void noDemandMeansNoRateAndNoEvidence() {
        assertThat(IntermittentDemand.croston(new long[5], 0.1)).isEqualTo(Estimate.NONE);
        assertThat(IntermittentDemand.tsb(new long[5], 0.1, 0.1)).isEqualTo(Estimate.NONE);
        assertThat(IntermittentDemand.enoughEvidence(new long[] {0, 9, 0, 0}, 2)).isFalse();
        assertThat(IntermittentDemand.enoughEvidence(new long[] {0, 9, 0, 1}, 2)).isTrue();
    }
}
