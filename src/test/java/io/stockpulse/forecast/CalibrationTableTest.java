package io.stockpulse.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The conformal recalibration table, with numbers worked by hand. */
class CalibrationTableTest {

    /** Two levels, targets daily + one cumulative horizon, bands: scale < 2, 2..6, >= 6. */
    private static CalibrationTable table() {
        double[][][] shift = {
                {{0.0, 0.0}, {0.0, 0.0}},
                {{0.5, -0.5}, {-0.25, 1.0}},
                {{-1.0, 2.0}, {0.0, 0.0}},
        };
        return new CalibrationTable(56, new double[] {2.0, 6.0}, shift);
    }

    @Test
    void scaleIsTheMeanOfTheLast56DaysPlusOneWithShortHistoriesPaddedWithZeros() {
        int[] threes = new int[80];
        Arrays.fill(threes, 3);
        assertThat(table().scaleOf(new DemandHistory("a", 100, threes))).isCloseTo(4.0, within(1e-12));
        // 12 units over 56 days (54 of them padding) -> 12/56 + 1
        assertThat(table().scaleOf(new DemandHistory("b", 100, new int[] {6, 6}))).isCloseTo(12.0 / 56 + 1, within(1e-12));
        // negative corrections count as 0, like max(units, 0) in the graph
        assertThat(table().scaleOf(new DemandHistory("c", 100, new int[] {-56, 56}))).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void bandsSplitAtTheUpperBoundsInclusiveAbove() {
        assertThat(table().bandOf(1.999)).isZero();
        assertThat(table().bandOf(2.0)).isEqualTo(1);
        assertThat(table().bandOf(5.9)).isEqualTo(1);
        assertThat(table().bandOf(6.0)).isEqualTo(2);
    }

    @Test
    void shiftsAreInUnitsOfTheScaleThenClippedAtZeroAndMadeMonotone() {
        // scale 4 -> band 1: daily shifts +0.5 / -0.5 scale = +2 / -2 units; cumulative -1 / +4 units
        float[][] daily = {{3f, 1f}, {4f, 8f}};
        float[][] cumulative = {{10f}, {12f}};
        table().apply(daily, cumulative, 4.0);
        // day 0: level 0: 3 + 2 = 5; level 1: 4 - 2 = 2, below level 0, so lifted to 5
        // day 1: level 0: 1 + 2 = 3; level 1: 8 - 2 = 6
        assertThat(daily[0]).containsExactly(5f, 3f);
        assertThat(daily[1]).containsExactly(5f, 6f);
        // cumulative: 10 - 1 = 9; 12 + 4 = 16
        assertThat(cumulative[0]).containsExactly(9f);
        assertThat(cumulative[1]).containsExactly(16f);
    }

    @Test
    void negativeResultsBecomeZeroAndCumulativeStaysMonotoneInHorizon() {
        // scale 8 -> band 2: daily level 0 shift -1 scale = -8 units
        float[][] daily = {{5f}, {6f}};
        float[][] cumulative = {{20f, 15f}, {25f, 30f}};
        double[][][] shift = {{{-1.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}}};
        new CalibrationTable(56, new double[0], shift).apply(daily, cumulative, 8.0);
        assertThat(daily[0]).containsExactly(0f);
        assertThat(daily[1]).containsExactly(6f);
        // 15 over the longer horizon is below 20 over the shorter one: lifted to 20
        assertThat(cumulative[0]).containsExactly(20f, 20f);
        assertThat(cumulative[1]).containsExactly(25f, 30f);
    }

    @Test
    void readsTheMetadataTableAndRejectsWrongDimensions() throws IOException {
        ObjectMapper json = new ObjectMapper();
        CalibrationTable read = CalibrationTable.read(json.readTree(
                "{\"scale_window\": 56, \"band_upper_bounds\": [2.0], \"shift\": [[[0.1, 0.2]], [[0.3, 0.4]]]}"), 2, 1, 56);
        assertThat(read.bandUpperBounds()).containsExactly(2.0);
        assertThat(read.shift()[1][0]).containsExactly(0.3, 0.4);
        assertThatThrownBy(() -> CalibrationTable.read(json.readTree(
                "{\"band_upper_bounds\": [2.0], \"shift\": [[[0.1, 0.2]]]}"), 2, 1, 56))
                .isInstanceOf(IOException.class).hasMessageContaining("bands");
        assertThatThrownBy(() -> CalibrationTable.read(json.readTree(
                "{\"band_upper_bounds\": [], \"shift\": [[[0.1]]]}"), 2, 1, 56))
                .isInstanceOf(IOException.class).hasMessageContaining("levels");
    }
}
