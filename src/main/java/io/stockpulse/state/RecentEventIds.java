package io.stockpulse.state;

import io.stockpulse.avro.internal.SeenEventId;
import io.stockpulse.avro.internal.SkuState;

import java.util.List;

/**
 * De-duplication inside the SKU × location state: the ids of its recent events travel with the
 * state the event rewrites anyway, so remembering an id costs no record of its own. Before, every
 * event wrote its id to the {@code event-ids} window store, one changelog record per event (0.8 of
 * the 1.8–2.0 records the topology sent per input event in {@code stockpulse bench}); a duplicate is
 * necessarily an event of the same SKU × location, so nothing is lost by keeping its id there.
 *
 * <p>Kept: every id whose event time is at most {@code retention} older than the newest one, up to
 * {@link #CAPACITY}. A SKU busier than that within one retention pushes its oldest ids out; the
 * caller writes those to the window store (the fallback) and {@code eventIdsSpilledUntil} records the
 * newest such time, so only events within one retention of it pay a window store read.
 *
 * <p>Guarantee (same rule as before, {@code |t − t'| ≤ retention}): a re-sent event is recognised
 * while the original's event time t' is within {@code retention} of the newest event time of its
 * SKU × location (then it is in the state, or in the window store, which keeps entries at least two
 * retentions of the task's stream time, see {@link EventIdBuckets}). Older originals are forgotten.
 */
public final class RecentEventIds {

    /**
     * At most this many ids per SKU × location in the state (about 30 bytes each encoded). A state with
     * 730 days of history, a 28-day forecast with quantiles and 24 ids of 25 characters encodes in
     * 1,898 bytes, within 2 KB per SKU; 32 ids took 2,146. In the bench's real-data slice (20,000 lines,
     * 9 days) 12 % of the events belong to SKUs past 24 ids within one retention (7 % past 32).
     */
    public static final int CAPACITY = 24;

    private RecentEventIds() {
    }

    /** Whether the state remembers {@code id} at an event time within {@code retention} of {@code at}. */
    public static boolean contains(SkuState state, String id, long at, long retention) {
        for (SeenEventId seen : state.getRecentEventIds()) {
            if (seen.getId().equals(id) && EventIdBuckets.withinRetention(at, seen.getAt(), retention)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an id this state pushed out to the window store could match an event at {@code at}. */
    public static boolean mayBeInWindowStore(SkuState state, long at, long retention) {
        Long spilledUntil = state.getEventIdsSpilledUntil();
        return spilledUntil != null && at - retention <= spilledUntil;
    }

    /**
     * Remembers {@code id}; forgets ids more than {@code retention} older than the newest one. Returns
     * the id pushed out by the capacity, which the caller must write to the window store, or null.
     */
    public static SeenEventId remember(SkuState state, String id, long at, long retention) {
        List<SeenEventId> ids = state.getRecentEventIds();
        ids.add(new SeenEventId(id, at));
        long newest = Long.MIN_VALUE;
        for (SeenEventId seen : ids) {
            newest = Math.max(newest, seen.getAt());
        }
        long oldestKept = newest - retention;
        ids.removeIf(seen -> seen.getAt() < oldestKept);
        if (ids.size() <= CAPACITY) {
            return null;
        }
        int oldest = 0;
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i).getAt() < ids.get(oldest).getAt()) {
                oldest = i;
            }
        }
        SeenEventId pushedOut = ids.remove(oldest);
        Long spilledUntil = state.getEventIdsSpilledUntil();
        state.setEventIdsSpilledUntil(spilledUntil == null ? pushedOut.getAt() : Math.max(spilledUntil, pushedOut.getAt()));
        return pushedOut;
    }
}
