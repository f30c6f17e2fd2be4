package io.stockpulse.state;

import io.stockpulse.avro.internal.MeasuredLeadTime;
import io.stockpulse.avro.internal.OrderTiming;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredPlan;
import io.stockpulse.decision.LeadTimeEstimate;
import io.stockpulse.decision.LeadTimeObservation;
import io.stockpulse.decision.LeadTimeUsed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead-time part of a stored {@link SkuState}: when each open purchase order was placed and what
 * of it arrived, and the measured lead times of the last fully received ones. The maths is in
 * {@link LeadTimeEstimate}; this class only moves values between it and the Avro state.
 */
public final class LeadTimeStates {

    private LeadTimeStates() {
    }

    /** The measured lead times, oldest first. */
    public static List<LeadTimeObservation> observations(SkuState state) {
        List<MeasuredLeadTime> stored = state.getLeadTimes();
        List<LeadTimeObservation> out = new ArrayList<>(stored.size());
        for (MeasuredLeadTime o : stored) {
            out.add(new LeadTimeObservation(o.getDays(), o.getSupplierId()));
        }
        return out;
    }

    /**
     * An ORDERED event of an open order: the first one sets when it was placed (a repeated ORDERED that
     * restates the quantity keeps it); a supplier named later is kept. IN_TRANSIT does not come here: an
     * order first seen in transit has no placing time to measure from.
     */
    public static void ordered(SkuState state, String orderId, long at, String supplierId) {
        Map<String, OrderTiming> timings = new HashMap<>(state.getOrderTimings());
        OrderTiming known = timings.get(orderId);
        if (known == null) {
            timings.put(orderId, OrderTiming.newBuilder().setOrderedAt(at).setSupplierId(supplierId).build());
        } else if (supplierId != null && !supplierId.equals(known.getSupplierId())) {
            timings.put(orderId, OrderTiming.newBuilder(known).setSupplierId(supplierId).build());
        } else {
            return;
        }
        state.setOrderTimings(timings);
    }

    /**
     * {@code units} of an order arrived at {@code at}; when {@code complete} (nothing left on order) its
     * lead time is measured and kept. Returns the measured lead time, or null (not complete, or an
     * order whose placing was never seen: no interval to measure).
     */
    public static LeadTimeObservation received(SkuState state, String orderId, long at, long units,
                                               boolean complete) {
        OrderTiming timing = state.getOrderTimings().get(orderId);
        if (timing == null) {
            return null;
        }
        LeadTimeEstimate.Receipts receipts = receipts(timing).receive(at, units);
        Map<String, OrderTiming> timings = new HashMap<>(state.getOrderTimings());
        if (!complete) {
            timings.put(orderId, OrderTiming.newBuilder(timing).setReceivedUnits(receipts.receivedUnits())
                    .setReceivedUnitDays(receipts.receivedUnitDays()).build());
            state.setOrderTimings(timings);
            return null;
        }
        timings.remove(orderId);
        state.setOrderTimings(timings);
        return keep(state, receipts.measure());
    }

    /** The rest of an order was cancelled: what did arrive of it is its measured lead time. */
    public static LeadTimeObservation cancelled(SkuState state, String orderId) {
        OrderTiming timing = state.getOrderTimings().get(orderId);
        if (timing == null) {
            return null;
        }
        Map<String, OrderTiming> timings = new HashMap<>(state.getOrderTimings());
        timings.remove(orderId);
        state.setOrderTimings(timings);
        LeadTimeObservation measured = receipts(timing).measure();
        return measured == null ? null : keep(state, measured);
    }

    private static LeadTimeObservation keep(SkuState state, LeadTimeObservation measured) {
        List<LeadTimeObservation> kept = LeadTimeEstimate.append(observations(state), measured);
        List<MeasuredLeadTime> stored = new ArrayList<>(kept.size());
        for (LeadTimeObservation o : kept) {
            stored.add(new MeasuredLeadTime(o.days(), o.supplierId()));
        }
        state.setLeadTimes(stored);
        return measured;
    }

    private static LeadTimeEstimate.Receipts receipts(OrderTiming t) {
        return new LeadTimeEstimate.Receipts(t.getOrderedAt(), t.getReceivedUnits(), t.getReceivedUnitDays(),
                t.getSupplierId());
    }

    /** The lead time a stored plan was made with (plans stored before lead times were learned: unknown). */
    static LeadTimeUsed leadTimeUsed(StoredPlan p) {
        if (p.getLeadTimeSource() == null) {
            return LeadTimeUsed.UNKNOWN;
        }
        return new LeadTimeUsed(p.getLeadTimeSource(), p.getLeadTimeDays() == null ? Double.NaN : p.getLeadTimeDays(),
                p.getLeadTimeStdDays() == null ? Double.NaN : p.getLeadTimeStdDays(), p.getLeadTimeObservations(),
                null);
    }
}
