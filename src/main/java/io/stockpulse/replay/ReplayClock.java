package io.stockpulse.replay;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replay's position in event time, shared between the replaying thread (which advances it) and
 * the {@link SupplierSimulator} (which must not publish a receipt dated after it). Thread-safe and
 * monotonic: it never moves backwards.
 */
public final class ReplayClock {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final AtomicLong nowMs = new AtomicLong(NOT_STARTED);
    private volatile boolean finished;

    /** The event time of the latest event handed to the producer; empty before the first. */
    public Optional<Instant> now() {
        long ms = nowMs.get();
        return ms == NOT_STARTED ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** Moves the clock to {@code eventTime} unless it is already there or beyond. */
    public void advanceTo(Instant eventTime) {
        long ms = eventTime.toEpochMilli();
        nowMs.accumulateAndGet(ms, Math::max);
    }

    /** Marks the end of the replay: no further events will come. */
    public void finish() {
        finished = true;
    }

    /** True once {@link #finish()} was called. */
    public boolean finished() {
        return finished;
    }

    @Override
    public String toString() {
        return "ReplayClock[" + now().map(Instant::toString).orElse("not started") + (finished ? ", finished]" : "]");
    }
}
