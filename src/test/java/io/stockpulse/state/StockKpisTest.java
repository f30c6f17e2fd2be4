package io.stockpulse.state;

import io.stockpulse.avro.internal.SkuState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StockKpisTest {

    @Test
    void onHandHistoryHoldsEachAccountedDaysEndStock() {
        SkuState state = SkuStates.empty("A", "WH1");
        StockKpis.advanceTo(state, 100);          // first event: nothing accounted yet
        state.setNetStock(10);
        StockKpis.advanceTo(state, 102);          // days 100 and 101 ended with 10 on hand
        state.setNetStock(-3);                    // backordered: nothing on hand
        StockKpis.advanceTo(state, 103);
        state.setNetStock(4);
        StockKpis.advanceTo(state, 103);          // same day: nothing new
        assertThat(StockKpis.onHandByDay(state)).containsExactly(10, 10, 0);
        assertThat(state.getStockoutDays()).isEqualTo(1);
        assertThat(state.getOnHandUnitDays()).isEqualTo(20.0);
    }

    @Test
    void onHandHistoryKeepsTheLastDaysOnly() {
        SkuState state = SkuStates.empty("A", "WH1");
        StockKpis.advanceTo(state, 0);
        state.setNetStock(7);
        StockKpis.advanceTo(state, 100);
        state.setNetStock(9);
        StockKpis.advanceTo(state, 150);
        int[] kept = StockKpis.onHandByDay(state);
        assertThat(kept).hasSize(StockKpis.ON_HAND_DAYS);
        assertThat(kept[0]).isEqualTo(7);                          // day 30
        assertThat(kept[kept.length - 51]).isEqualTo(7);           // day 99
        assertThat(kept[kept.length - 50]).isEqualTo(9);           // day 100
    }
}
