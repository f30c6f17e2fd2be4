package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SkuStatesTest {

    private static final int MAX_DAYS = 5;

    @Test
    void salesLandInTheirDayAndTheGapsAreZeroFilled() {
        SkuState state = SkuStates.empty("A", "UK");
        assertThat(SkuStates.lastDay(state)).isEqualTo(Integer.MIN_VALUE);
        assertThat(SkuStates.addDemand(state, 100, 3, MAX_DAYS)).isTrue();
        assertThat(SkuStates.addDemand(state, 102, 4, MAX_DAYS)).isTrue();
        assertThat(SkuStates.addDemand(state, 100, 2, MAX_DAYS)).isTrue();
        assertThat(state.getHistoryStartDay()).isEqualTo(100);
        assertThat(SkuStates.history(state)).containsExactly(5, 0, 4);
        assertThat(SkuStates.lastDay(state)).isEqualTo(102);
        assertThat(SkuStates.demandOn(state, 102)).isEqualTo(4);
        assertThat(SkuStates.demandOn(state, 99)).isZero();
    }

    @Test
    void aLateSaleBeforeTheFirstDayGrowsTheSeriesBackwardsWithinTheCap() {
        SkuState state = SkuStates.empty("A", "UK");
        SkuStates.addDemand(state, 100, 1, MAX_DAYS);
        SkuStates.addDemand(state, 102, 1, MAX_DAYS);
        assertThat(SkuStates.addDemand(state, 98, 7, MAX_DAYS)).isTrue();
        assertThat(state.getHistoryStartDay()).isEqualTo(98);
        assertThat(SkuStates.history(state)).containsExactly(7, 0, 1, 0, 1);
        assertThat(SkuStates.addDemand(state, 97, 1, MAX_DAYS)).as("would exceed the kept days").isFalse();
        assertThat(SkuStates.history(state)).containsExactly(7, 0, 1, 0, 1);
    }

    @Test
    void theSeriesKeepsOnlyTheLastDaysAndRestartsAfterALongGap() {
        SkuState state = SkuStates.empty("A", "UK");
        for (int day = 100; day <= 106; day++) {
            SkuStates.addDemand(state, day, day - 99, MAX_DAYS);
        }
        assertThat(state.getHistoryStartDay()).isEqualTo(102);
        assertThat(SkuStates.history(state)).containsExactly(3, 4, 5, 6, 7);
        assertThat(SkuStates.lastDays(state, 2)).containsExactly(6, 7);
        SkuStates.extendTo(state, 108, MAX_DAYS);
        assertThat(state.getHistoryStartDay()).isEqualTo(104);
        assertThat(SkuStates.history(state)).containsExactly(5, 6, 7, 0, 0);
        assertThat(SkuStates.dailyUpTo(state, 107, 3)).containsExactly(6, 7, 0);
        SkuStates.addDemand(state, 200, 9, MAX_DAYS);
        assertThat(state.getHistoryStartDay()).isEqualTo(200);
        assertThat(SkuStates.history(state)).containsExactly(9);
    }

    @Test
    void theSeriesSurvivesTheStoreSerdeAndLargeCountsUseMoreBytes() {
        SkuState state = SkuStates.empty("A", "UK");
        SkuStates.setHistory(state, 14_000, new int[] {0, 1, 63, 64, 100_000, Integer.MAX_VALUE});
        var serde = SkuStateLayouts.serde();
        SkuState read = SkuStates.mutable(serde.decode("t", serde.encode("t", state)));
        assertThat(SkuStates.history(read)).containsExactly(0, 1, 63, 64, 100_000, Integer.MAX_VALUE);
        assertThat(read.getHistoryStartDay()).isEqualTo(14_000);
        // zig-zag varints: 0..63 take one byte, 64 two, 100,000 three, Integer.MAX_VALUE five
        assertThat(state.getDailyDemand().remaining()).isEqualTo(1 + 1 + 1 + 2 + 3 + 5);
    }
}
