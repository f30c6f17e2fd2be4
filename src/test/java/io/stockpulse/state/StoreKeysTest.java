package io.stockpulse.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreKeysTest {

    @Test
    void dueKeysPadTheDaySoTheyRangeScanInDayOrder() {
        String key = StoreKeys.due(14_975, StoreKeys.skuLocation("85123A", "UK"));
        assertThat(key).isEqualTo("00014975\u001F85123A\u001FUK");
        assertThat(StoreKeys.dayOfDue(key)).isEqualTo(14_975);
        assertThat(StoreKeys.skuLocationOfDue(key)).isEqualTo("85123A\u001FUK");
        assertThat(StoreKeys.due(9, "x")).isLessThan(StoreKeys.due(10, "a"));
        assertThat(StoreKeys.due(10, "zzz")).isLessThan(StoreKeys.dueUpperBound(10));
        assertThat(StoreKeys.dueUpperBound(10)).isLessThan(StoreKeys.due(11, "a"));
        assertThat(StoreKeys.paddedDay(0)).isEqualTo("00000000");
        assertThat(StoreKeys.paddedDay(99_999_999)).isEqualTo("99999999");
    }

    @Test
    void daysThatDoNotFitEightDigitsAreRejected() {
        assertThatThrownBy(() -> StoreKeys.paddedDay(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.paddedDay(100_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
