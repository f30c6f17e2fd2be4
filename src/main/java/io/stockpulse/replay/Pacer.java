package io.stockpulse.replay;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Holds the replay to a scaled clock: event time E is due at wall time W0 + (E − E0) / speed, where
 * (E0, W0) is the first event and the monotonic {@link System#nanoTime()} when it was due. A replay
 * that falls behind (a slow broker) does not sleep until it has caught up; it never busy-waits.
 */
final class Pacer {

    /** Sleeps for a number of nanoseconds, interruptibly. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

    private final double speed;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private boolean anchored;
    private long anchorEventMs;
    private long anchorNanos;

    /** @param speed event-time seconds per wall-clock second; ≤ 0 means as fast as possible */
    Pacer(double speed, LongSupplier nanoTime, Sleeper sleeper) {
        if (Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number, was " + speed);
        }
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    boolean paced() {
        return speed > 0;
    }

    /** Returns when {@code eventTime} is due (immediately when unpaced or behind schedule). */
    void awaitDue(Instant eventTime) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        long eventMs = eventTime.toEpochMilli();
        if (!anchored) {
            anchored = true;
            anchorEventMs = eventMs;
            anchorNanos = nanoTime.getAsLong();
            return;
        }
        double offsetNanos = (eventMs - anchorEventMs) * 1e6 / speed;
        long due = anchorNanos + (long) Math.min(offsetNanos, (double) (Long.MAX_VALUE / 4));
        long wait = due - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
