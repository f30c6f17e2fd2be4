package io.stockpulse.decision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuantileLeadTimeDemandTest {

    private static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95, 0.99};

    /** Exponential demand per day-interval: q_p = −μ·ln(1 − p), with μ = rate × days. */
    private static double exponential(double rate, double level, double days) {
        return -rate * days * Math.log(1 - level);
    }

    @Test
    void reproducesTheForecastersQuantilesAtItsLevels() {
        // L = 6 days fixed: the interval is L + 1 = 7 days of 10 units a day on average, exponential.
        LeadTimeDemand d = QuantileLeadTimeDemand.of(LEVELS, (p, days) -> exponential(10, p, days), 6, 0);
        // Within 3 %: the sample holds bin means, so a level reads the mean of the bin it falls in.
        for (double p : LEVELS) {
            assertThat(d.quantile(p)).as("p%.2f", p).isCloseTo(exponential(10, p, 7), within(0.03 * exponential(10, p, 7)));
        }
    }

    @Test
    void exponentialTailGivesTheTextbookLossFunction() {
        // Exponential lead-time demand, mean μ = 70: E[(X − s)⁺] = μ·e^(−s/μ). β = 0.98 with Q = 200 allows
        // a shortage of 4 per cycle: s = μ·ln(μ / 4) = 70·ln(17.5) = 200.4 (Silver, Pyke & Thomas' loss method).
        LeadTimeDemand d = QuantileLeadTimeDemand.of(LEVELS, (p, days) -> exponential(10, p, days), 6, 0);
        assertThat(d.mean()).isCloseTo(70, within(1.0));
        assertThat(d.expectedShortage(200.4)).isCloseTo(4.0, within(0.1));
        assertThat(d.levelForFillRate(0.98, 200)).isCloseTo(201, within(1.0));
    }

    @Test
    void intermittentDemandKeepsItsMassAtZero() {
        // Zero up to the median, 3 units at p80, 12 at p99: a lumpy SKU.
        double[] q = {0, 3, 5, 8, 12};
        LeadTimeDemand d = QuantileLeadTimeDemand.of(LEVELS, (p, days) -> q[indexOf(p)], 6, 0);
        assertThat(d.probabilityAtMost(0)).isCloseTo(0.5, within(0.01));
        assertThat(d.quantile(0.9)).isCloseTo(5, within(0.2));
        assertThat(d.quantile(0.999)).isGreaterThan(12);
    }

    @Test
    void uncertainLeadTimeWidensTheDistribution() {
        // 10 a day, spread growing with √days: L = 10 fixed against L = 10 ± 3 days.
        QuantileLeadTimeDemand.CumulativeQuantiles quantiles = (p, days) -> 10 * days + 20 * Math.sqrt(days) * (p - 0.5);
        LeadTimeDemand fixed = QuantileLeadTimeDemand.of(LEVELS, quantiles, 10, 0);
        LeadTimeDemand spread = QuantileLeadTimeDemand.of(LEVELS, quantiles, 10, 3);
        assertThat(spread.quantile(0.95)).isGreaterThan(fixed.quantile(0.95));
        assertThat(spread.mean()).isCloseTo(fixed.mean(), within(2.0));
    }

    @Test
    void nonMonotoneQuantilesAreMadeMonotone() {
        double[] q = {5, 4, 9, 8, 20};
        double[] anchors = QuantileLeadTimeDemand.anchors(LEVELS, (p, days) -> q[indexOf(p)], 7);
        assertThat(anchors).containsExactly(5, 5, 9, 9, 20);
    }

    private static int indexOf(double p) {
        for (int i = 0; i < LEVELS.length; i++) {
            if (Math.abs(LEVELS[i] - p) < 1e-9) {
                return i;
            }
        }
        throw new IllegalArgumentException("level " + p);
    }
}
