package io.stockpulse.replay;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a {@link Replayer} lets others do at fixed points of the replay, always on the replay thread, so
 * whatever they publish is ordered with the replay's own events:
 * <ul>
 *   <li>{@link #policiesPublished}: the unit-cost policies are out (flushed), no event yet;</li>
 *   <li>{@link #openingCountsPublished}: a day's opening counts are out, ahead of the day's other events
 *       (only when {@link #openingCountsFirst});</li>
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

    /**
     * Whether each day's opening counts (a SKU's first event, one second before its first row) go out
     * before the rest of that day, followed by {@link #openingCountsPublished}. Why: StockPulse reads
     * counts and sales from two topics and, when one of its partitions looks empty, may take a sale
     * before the count one second older that was already produced but not yet fetched — the first sale
     * of a SKU then finds no stock, and whether it does changes from run to run. Sent and processed
     * ahead, every count is in place before its sales; nothing else of that SKU precedes the count, so
     * taking it earlier in its day changes nothing else (the day's close still comes first).
     */
    default boolean openingCountsFirst() {
        return false;
    }

    /** After the opening counts of {@code day} were sent and flushed, before its other events (see above). */
    default void openingCountsPublished(LocalDate day) throws InterruptedException {
    }

    /** Before an event at {@code at} is sent (and at each day's end): publish what is due by {@code at}. */
    default void reached(Instant at) {
    }

    /** After the last event of {@code day} and what was due by its end went out and were flushed. */
    default void dayEnded(LocalDate day) throws InterruptedException {
    }
}
