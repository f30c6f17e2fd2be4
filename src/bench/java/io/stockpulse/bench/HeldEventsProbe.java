package io.stockpulse.bench;

import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.concurrent.TimeUnit;

/**
 * Consumed is not applied: a day close waiting for its ABC cut-offs holds the events it has read in the
 * {@code held-events} store (docs/determinism.md). A benchmark that stops its clock, or reads the state,
 * at zero consumer lag waits here until no event is held any more.
 */
final class HeldEventsProbe {

    private HeldEventsProbe() {
    }

    /** Returns once no task of {@code streams} holds an event (at once for a topology without the store). */
    static void awaitNone(KafkaStreams streams, long deadlineNanos) throws InterruptedException {
        while (true) {
            try {
                ReadOnlyKeyValueStore<Object, Object> held = streams.store(StoreQueryParameters.fromNameAndType(
                        StoreNames.HELD_EVENTS, QueryableStoreTypes.keyValueStore()));
                try (KeyValueIterator<Object, Object> all = held.all()) {
                    if (!all.hasNext()) {
                        return;
                    }
                }
            } catch (UnknownStateStoreException notInTopology) {
                return;
            } catch (InvalidStateStoreException migrating) {
                // a rebalance moves a task: ask again
            }
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("events still held for their ABC cut-offs: " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
