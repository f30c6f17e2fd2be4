package io.stockpulse.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastAccuracyTest {

    /** The stored keys must not change with the faster padding: summaries parse the day back out of them. */
    @Test
    void keysAreTheZeroPaddedDayAsBefore() {
        for (int day : new int[] {0, 7, 15_034, 99_999_999, -3}) {
            assertThat(ForecastAccuracy.key("lstm@3", day)).isEqualTo("lstm@3|" + String.format("%08d", day));
        }
    }
}
