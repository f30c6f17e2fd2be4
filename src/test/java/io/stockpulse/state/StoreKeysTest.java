package io.stockpulse.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreKeysTest {

    @Test
    void daysArePaddedToEightDigitsSoTheySortInDayOrder() {
        assertThat(StoreKeys.paddedDay(0)).isEqualTo("00000000");
        assertThat(StoreKeys.paddedDay(14_975)).isEqualTo("00014975");
        assertThat(StoreKeys.paddedDay(99_999_999)).isEqualTo("99999999");
        assertThat(StoreKeys.paddedDay(9)).isLessThan(StoreKeys.paddedDay(10));
        assertThat(StoreKeys.skuLocation("85123A", "UK")).isEqualTo("85123A\u001FUK");
    }

    @Test
    void daysThatDoNotFitEightDigitsAreRejected() {
        assertThatThrownBy(() -> StoreKeys.paddedDay(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.paddedDay(100_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
