package io.stockpulse.decision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only customers create and fill backorders. */
class PositionsTest {

    @Test
    void writeOffsTakeOnlyWhatIsOnHand() {
        assertThat(Positions.writeOff(10, 4)).isEqualTo(6);
        assertThat(Positions.writeOff(3, 10)).isZero();      // not −7: nobody ordered those units
        assertThat(Positions.writeOff(-5, 2)).isEqualTo(-5); // five customers still wait
    }

    @Test
    void aCountSetsOnHandAndKeepsBackorders() {
        assertThat(Positions.count(4, 10)).isEqualTo(10);
        assertThat(Positions.count(-5, 10)).isEqualTo(5); // 10 on the shelf, 5 promised to customers
        assertThat(Positions.count(-5, 0)).isEqualTo(-5);
    }

    @Test
    void inventoryPositionCountsEveryOpenOrder() {
        assertThat(Positions.inventoryPosition(-5, List.of(new OpenOrder("a", 20, 3), new OpenOrder("b", 7, 9))))
                .isEqualTo(22);
    }
}
