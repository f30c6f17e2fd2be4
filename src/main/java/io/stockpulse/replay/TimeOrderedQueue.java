package io.stockpulse.replay;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Items earliest first, items of the same time in the order they were added: a bare priority queue
 * breaks ties arbitrarily, and the replay's output must not depend on that (same file, same events,
 * same order).
 */
final class TimeOrderedQueue<T> {

    private record Entry<T>(T item, Instant at, long sequence) {
    }

    private final Function<T, Instant> timeOf;
    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>(
            Comparator.<Entry<T>, Instant>comparing(Entry::at).thenComparingLong(Entry::sequence));
    private long sequence;

    /** @param timeOf the time an item is ordered by; read once, when it is added */
    TimeOrderedQueue(Function<T, Instant> timeOf) {
        this.timeOf = timeOf;
    }

    void add(T item) {
        queue.add(new Entry<>(item, timeOf.apply(item), sequence++));
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** The time of the earliest item; null when empty. */
    Instant peekTime() {
        Entry<T> head = queue.peek();
        return head == null ? null : head.at();
    }

    /** Removes and returns the earliest item; null when empty. */
    T poll() {
        Entry<T> head = queue.poll();
        return head == null ? null : head.item();
    }
}
