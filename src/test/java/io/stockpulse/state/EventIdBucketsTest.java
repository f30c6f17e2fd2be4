package io.stockpulse.state;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventIdBucketsTest {

    private static final long R = 7L * 24 * 3600 * 1000;

    @Test
    void bucketsAreTwoRetentionsWideAndAligned() {
        assertThat(EventIdBuckets.start(0, R)).isZero();
        assertThat(EventIdBuckets.start(2 * R - 1, R)).isZero();
        assertThat(EventIdBuckets.start(2 * R, R)).isEqualTo(2 * R);
        assertThat(EventIdBuckets.start(-1, R)).isEqualTo(-2 * R);
    }

    @Test
    void theNeighbourIsTheBucketTheRetentionReachesInto() {
        assertThat(EventIdBuckets.neighbour(2 * R + 1, R)).isEqualTo(0);          // reaches back
        assertThat(EventIdBuckets.neighbour(4 * R - 1, R)).isEqualTo(4 * R);      // reaches ahead
        assertThat(EventIdBuckets.neighbour(3 * R, R)).isEqualTo(4 * R);          // t + R is the next start
        assertThat(EventIdBuckets.neighbour(2 * R + R / 2, R)).isEqualTo(0);
        assertThat(EventIdBuckets.neighbour(2 * R, R)).isEqualTo(0);
    }

    /** Every time within one retention of an event lies in the event's bucket or its neighbour: nothing is missed. */
    @Test
    void everyOccurrenceWithinTheRetentionIsInOneOfTheTwoBuckets() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long t = random.nextLong(-100 * R, 100 * R);
            long seen = t + random.nextLong(-R, R + 1);
            long bucket = EventIdBuckets.start(seen, R);
            assertThat(bucket == EventIdBuckets.start(t, R) || bucket == EventIdBuckets.neighbour(t, R))
                    .as("t=%d seen=%d", t, seen).isTrue();
            assertThat(EventIdBuckets.withinRetention(t, seen, R)).isTrue();
        }
        assertThat(EventIdBuckets.withinRetention(0, R + 1, R)).isFalse();
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> EventIdBuckets.start(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
