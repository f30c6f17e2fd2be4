package io.stockpulse.replay;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a {@link Replayer} lets others do at fixed points of the replay, always on the replay thread, so
 * whatever they publish is ordered with the replay's own events:
 * <ul>
 *   <li>{@link #policiesPublished}: the unit-cost policies are out (flushed), no event yet;</li>
 *   <li>{@link #reached}: the replay's event time is about to reach {@code at} — publish what is due by
 *       then (the supplier's receipts), so it goes out before the event at {@code at};</li>
 *   <li>{@link #dayEnded}: every event of a UTC day, and everything due by the day's end, is out (and
 *       flushed); the demo blocks here until StockPulse and the supplier have caught up (day lockstep).</li>
 * </ul>
 */
public interface ReplayHooks {

    /** No hooks: the plain replay. */
    ReplayHooks NONE = new ReplayHooks() {
    };

    /** After the {@code count} unit-cost policies were published and flushed, before the first event. */
    default void policiesPublished(int count) throws InterruptedException {
    }

    /** Before an event at {@code at} is sent (and at each day's end): publish what is due by {@code at}. */
    default void reached(Instant at) {
    }

    /** After the last event of {@code day} and what was due by its end went out and were flushed. */
    default void dayEnded(LocalDate day) throws InterruptedException {
    }
}
