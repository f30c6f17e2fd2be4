package io.stockpulse.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Worked examples from the textbooks, computed by hand in the comments. */
class InventoryMathTest {

    @Test
    void economicOrderQuantityMatchesNahmiasExample() {
        // Nahmias, Production and Operations Analysis, EOQ example: K = $8, h = $0.225/unit/yr,
        // D = 1300 units/yr → Q* = √(2·1300·8 / 0.225) = √92444.4 = 304.05.
        assertThat(InventoryMath.economicOrderQuantity(1300, 8, 0.225)).isCloseTo(304.05, within(0.01));
    }

    @Test
    void economicOrderQuantityIsZeroWithoutDemandOrOrderCost() {
        assertThat(InventoryMath.economicOrderQuantity(0, 8, 0.225)).isZero();
        assertThat(InventoryMath.economicOrderQuantity(1300, 0, 0.225)).isZero();
        assertThatThrownBy(() -> InventoryMath.economicOrderQuantity(1300, 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holding cost");
    }

    @Test
    void safetyFactorsAreStandardNormalQuantiles() {
        // Standard normal table: z(0.5) = 0, z(0.90) = 1.2816, z(0.95) = 1.6449, z(0.99) = 2.3263.
        assertThat(InventoryMath.safetyFactor(0.5)).isCloseTo(0, within(1e-9));
        assertThat(InventoryMath.safetyFactor(0.90)).isCloseTo(1.2816, within(1e-4));
        assertThat(InventoryMath.safetyFactor(0.95)).isCloseTo(1.6449, within(1e-4));
        assertThat(InventoryMath.safetyFactor(0.99)).isCloseTo(2.3263, within(1e-4));
        assertThatThrownBy(() -> InventoryMath.safetyFactor(1.0)).hasMessageContaining("(0, 1)");
    }

    @Test
    void leadTimeVariabilityAddsToDemandVariability() {
        // d = 50/day, σd = 10/day, L = 9 days, σL = 2 days:
        // σ² = 9·10² + 50²·2² = 900 + 10000 = 10900 → σ = 104.40.
        double sigma = InventoryMath.leadTimeDemandSigma(9, 10, 50, 2);
        assertThat(sigma).isCloseTo(104.403, within(1e-3));
        // 95 % service: SS = 1.6449 · 104.40 = 171.73; ROP = 9·50 + 171.73 = 621.73.
        double safetyStock = InventoryMath.safetyStock(0.95, sigma);
        assertThat(safetyStock).isCloseTo(171.73, within(0.01));
        assertThat(InventoryMath.reorderPoint(450, safetyStock)).isCloseTo(621.73, within(0.01));
    }

    @Test
    void fixedLeadTimeLeavesOnlyDemandVariability() {
        // σL = 0 → σ = σd·√L: σd = 20, L = 4 → 40; at 99 %: SS = 2.3263 · 40 = 93.05.
        double sigma = InventoryMath.leadTimeDemandSigma(4, 20, 100, 0);
        assertThat(sigma).isCloseTo(40, within(1e-9));
        assertThat(InventoryMath.safetyStock(0.99, sigma)).isCloseTo(93.05, within(0.01));
    }

    @Test
    void orderQuantitiesRoundUpToMoqAndWholePacks() {
        assertThat(InventoryMath.roundToMoqAndPack(304.05, 1, 1)).isEqualTo(305);
        assertThat(InventoryMath.roundToMoqAndPack(304.05, 1, 12)).isEqualTo(312);   // 26 packs of 12
        assertThat(InventoryMath.roundToMoqAndPack(304.05, 500, 12)).isEqualTo(504); // MOQ 500 → 42 packs
        assertThat(InventoryMath.roundToMoqAndPack(24, 1, 12)).isEqualTo(24);        // already whole packs
        assertThat(InventoryMath.roundToMoqAndPack(0, 10, 12)).isZero();
        assertThatThrownBy(() -> InventoryMath.roundToMoqAndPack(10, 0, 1)).hasMessageContaining("moq");
    }

    @Test
    void demandOverFractionalDaysAndBeyondTheHorizon() {
        double[] forecast = {1, 2, 3};
        assertThat(InventoryMath.demandOver(forecast, 2.5)).isCloseTo(1 + 2 + 1.5, within(1e-9));
        // Beyond the horizon the average rate (2/day) continues: 6 + 2·2 = 10.
        assertThat(InventoryMath.demandOver(forecast, 5)).isCloseTo(10, within(1e-9));
        assertThat(InventoryMath.demandOver(forecast, 0)).isZero();
    }
}
