package io.stockpulse.policy;

import io.stockpulse.policy.AbcXyzClassification.AbcClass;
import io.stockpulse.policy.AbcXyzClassification.Thresholds;
import io.stockpulse.policy.AbcXyzClassification.XyzClass;
import io.stockpulse.policy.AbcXyzClassification.XyzCutoffs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AbcXyzClassificationTest {

    // A small Pareto table (annual sales value, total 10,000), split 80 / 15 / 5 %:
    //   item   value   cum. share before   class
    //   1      5000    0.00                A
    //   2      3000    0.50                A   (crosses 80 % → still A)
    //   3       800    0.80                B
    //   4       400    0.88                B
    //   5       300    0.92                B
    //   6       200    0.95                C
    //   7..10  150, 80, 50, 20             C
    private static final double[] TABLE = {200, 5000, 20, 800, 150, 3000, 400, 80, 300, 50};

    @Test
    void paretoTableSplitsEightyFifteenFive() {
        Thresholds thresholds = AbcXyzClassification.paretoThresholds(TABLE, 0.80, 0.15);
        assertThat(thresholds.aMinValue()).isEqualTo(3000);
        assertThat(thresholds.bMinValue()).isEqualTo(300);
        assertThat(AbcXyzClassification.abcClass(5000, thresholds)).isEqualTo(AbcClass.A);
        assertThat(AbcXyzClassification.abcClass(3000, thresholds)).isEqualTo(AbcClass.A);
        assertThat(AbcXyzClassification.abcClass(800, thresholds)).isEqualTo(AbcClass.B);
        assertThat(AbcXyzClassification.abcClass(300, thresholds)).isEqualTo(AbcClass.B);
        assertThat(AbcXyzClassification.abcClass(200, thresholds)).isEqualTo(AbcClass.C);
        assertThat(AbcXyzClassification.abcClass(0, thresholds)).isEqualTo(AbcClass.C);
    }

    @Test
    void withoutSalesEverySkuIsTreatedAsB() {
        Thresholds thresholds = AbcXyzClassification.paretoThresholds(new double[] {0, 0}, 0.8, 0.15);
        assertThat(thresholds).isEqualTo(Thresholds.UNKNOWN);
        assertThat(AbcXyzClassification.abcClass(10, thresholds)).isEqualTo(AbcClass.B);
        assertThatThrownBy(() -> AbcXyzClassification.paretoThresholds(TABLE, 0.9, 0.2))
                .hasMessageContaining("aShare + bShare");
    }

    @Test
    void xyzByCoefficientOfVariationAndIntermittency() {
        // [10,10,10,10]: CV 0 → X. [5,15,5,15]: mean 10, σ 5, CV 0.5 → X (≤ 0.5).
        // [2,10,4,12]: mean 7, σ = √17 = 4.123, CV 0.589 → Y. [1,1,1,20]: mean 5.75, CV 1.43 → Z.
        // [0,20,0,20]: ADI 2 > 1.32 → Z (intermittent) whatever the CV.
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {10, 10, 10, 10}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.X);
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {5, 15, 5, 15}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.X);
        assertThat(AbcXyzClassification.coefficientOfVariation(new long[] {2, 10, 4, 12})).isCloseTo(0.589, within(1e-3));
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {2, 10, 4, 12}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.Y);
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {1, 1, 1, 20}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.Z);
        assertThat(AbcXyzClassification.averageDemandInterval(new long[] {0, 20, 0, 20})).isEqualTo(2.0);
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {0, 20, 0, 20}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.Z);
        assertThat(AbcXyzClassification.xyzClassOfPeriods(new long[] {0, 0, 0}, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.Z);
    }

    @Test
    void xyzOfDailyDemandIsJudgedOnWeeks() {
        // One order of 70 every Sunday: daily ADI 7 (Z), but weekly [70, 70, 70, 70]: CV 0 → X.
        // A leading partial week (2 days) is dropped.
        long[] daily = new long[30];
        for (int d = 8; d < 30; d += 7) {
            daily[d] = 70;
        }
        daily[1] = 70;
        assertThat(AbcXyzClassification.weekly(daily)).containsExactly(70, 70, 70, 70);
        assertThat(AbcXyzClassification.xyzClass(daily, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.X);
        assertThat(AbcXyzClassification.xyzClassOfPeriods(daily, XyzCutoffs.DEFAULT)).isEqualTo(XyzClass.Z);
    }

    @Test
    void classSetsTheDefaultServiceLevelUnlessTheSkuHasOne() {
        ClassServiceLevels levels = ClassServiceLevels.DEFAULT;
        assertThat(levels.resolve(null, AbcClass.A)).isEqualTo(0.99);
        assertThat(levels.resolve(null, AbcClass.B)).isEqualTo(0.98);
        assertThat(levels.resolve(null, AbcClass.C)).isEqualTo(0.95);
        assertThat(levels.resolve(0.99, AbcClass.C)).isEqualTo(0.99);
        assertThatThrownBy(() -> new ClassServiceLevels(0.98, 1.0, 0.9)).hasMessageContaining("(0, 1)");
    }
}
