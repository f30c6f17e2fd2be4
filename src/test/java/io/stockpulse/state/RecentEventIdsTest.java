package io.stockpulse.state;

import io.stockpulse.avro.internal.SeenEventId;
import io.stockpulse.avro.internal.SkuState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventIdsTest {

    private static final long HOUR = 3_600_000L;
    private static final long RETENTION = 7 * 24 * HOUR;

    private final SkuState state = SkuStates.empty("A", "UK");

    @Test
    void aRememberedIdIsADuplicateWithinTheRetentionOfItsEventTime() {
        assertThat(RecentEventIds.remember(state, "sale:1", 100 * HOUR, RETENTION)).isNull();
        assertThat(RecentEventIds.contains(state, "sale:1", 100 * HOUR, RETENTION)).isTrue();
        assertThat(RecentEventIds.contains(state, "sale:1", 100 * HOUR + RETENTION, RETENTION)).isTrue();
        assertThat(RecentEventIds.contains(state, "sale:1", 100 * HOUR + RETENTION + 1, RETENTION)).isFalse();
        assertThat(RecentEventIds.contains(state, "sale:2", 100 * HOUR, RETENTION)).isFalse();
        assertThat(RecentEventIds.mayBeInWindowStore(state, 100 * HOUR, RETENTION)).isFalse();
    }

    @Test
    void idsMoreThanOneRetentionOlderThanTheNewestAreForgottenWithoutSpilling() {
        RecentEventIds.remember(state, "sale:old", 0, RETENTION);
        RecentEventIds.remember(state, "sale:edge", RETENTION, RETENTION);
        assertThat(RecentEventIds.remember(state, "sale:new", 2 * RETENTION, RETENTION)).isNull();
        assertThat(state.getRecentEventIds()).extracting(SeenEventId::getId).containsExactly("sale:edge", "sale:new");
        assertThat(state.getEventIdsSpilledUntil()).isNull();
    }

    @Test
    void beyondTheCapacityTheOldestIdGoesToTheWindowStoreAndOnlyNearbyEventsCheckIt() {
        // Out of order on purpose: the oldest by event time is pushed out, not the first inserted.
        RecentEventIds.remember(state, "sale:late", 5 * HOUR, RETENTION);
        for (int i = 0; i < RecentEventIds.CAPACITY - 1; i++) {
            assertThat(RecentEventIds.remember(state, "sale:" + i, (10 + i) * HOUR, RETENTION)).isNull();
        }
        SeenEventId pushedOut = RecentEventIds.remember(state, "sale:next", 50 * HOUR, RETENTION);
        assertThat(pushedOut).isEqualTo(new SeenEventId("sale:late", 5 * HOUR));
        assertThat(state.getRecentEventIds()).hasSize(RecentEventIds.CAPACITY);
        assertThat(state.getEventIdsSpilledUntil()).isEqualTo(5 * HOUR);
        assertThat(RecentEventIds.contains(state, "sale:late", 5 * HOUR, RETENTION)).isFalse();
        assertThat(RecentEventIds.mayBeInWindowStore(state, 5 * HOUR + RETENTION, RETENTION)).isTrue();
        assertThat(RecentEventIds.mayBeInWindowStore(state, 5 * HOUR + RETENTION + 1, RETENTION)).isFalse();
    }
}
