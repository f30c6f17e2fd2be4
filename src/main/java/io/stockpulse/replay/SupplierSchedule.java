package io.stockpulse.replay;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The supplier's bookkeeping, free of Kafka and of clocks, so it can be tested directly. It works in
 * event time, like {@code stockpulse simulate}'s supplier: each new reorder trigger is answered with a
 * purchase order (ShipmentEvent ORDERED) dated at the trigger's own time, and the matching receipt
 * (RECEIVED) is scheduled one drawn lead time later; receipts are handed out, earliest first, once the
 * replay's event time has reached them. Nothing here depends on when (in wall time) a trigger was read,
 * so the same triggers give the same shipments however loaded the machine is.
 *
 * <ul>
 *   <li>ORDERED: purchaseOrderId = triggerId, quantity = orderQuantity, occurredAt = trigger.at,
 *       expectedAt = the receipt time; eventId {@code po:<triggerId>:ordered}.</li>
 *   <li>RECEIVED: the same order and quantity, occurredAt = trigger.at +
 *       {@link LeadTimeModel#leadTime}(sku, triggerId); eventId {@code po:<triggerId>:received}.</li>
 *   <li>Special-order triggers ({@code specialOrder = true}) are answered the same way; their units
 *       are counted apart, and as on time when the drawn lead time is within the quoted one (mean + 2
 *       standard deviations, as {@code simulate} quotes it).</li>
 *   <li>A trigger answered before (same triggerId) is ignored; one whose ids or quantity the
 *       StockPulse validator would reject (empty or over-long id, control characters, quantity outside
 *       1 … 10⁹) is ignored and counted as invalid.</li>
 * </ul>
 * Thread-safe (all methods synchronized).
 */
public final class SupplierSchedule {

    /** Counters for the report. */
    public record Stats(long triggers, long duplicateTriggers, long invalidTriggers, long ordersPlaced,
                        long unitsOrdered, long receiptsReleased, long unitsReceived, int pendingReceipts,
                        long specialOrders, long specialUnits, long specialUnitsOnTime) {
    }

    private final LeadTimeModel leadTimes;
    private final TimeOrderedQueue<ShipmentEvent> pending = new TimeOrderedQueue<>(ShipmentEvent::getOccurredAt);
    private final Set<String> answered = new HashSet<>();
    private long triggers;
    private long duplicates;
    private long invalid;
    private long ordersPlaced;
    private long unitsOrdered;
    private long receiptsReleased;
    private long unitsReceived;
    private long specialOrders;
    private long specialUnits;
    private long specialUnitsOnTime;

    public SupplierSchedule(LeadTimeModel leadTimes) {
        this.leadTimes = Objects.requireNonNull(leadTimes, "leadTimes");
    }

    /**
     * Answers a trigger in event time: ordered at {@code trigger.at}, received one drawn lead time later.
     *
     * @return the ORDERED event to publish now; empty for a duplicate or invalid trigger
     */
    public synchronized Optional<ShipmentEvent> onTrigger(ReorderTrigger trigger) {
        triggers++;
        String triggerId = trigger.getTriggerId();
        if (!valid(trigger)) {
            invalid++;
            return Optional.empty();
        }
        if (!answered.add(triggerId)) {
            duplicates++;
            return Optional.empty();
        }
        Instant orderedAt = trigger.getAt();
        Duration lead = leadTimes.leadTime(trigger.getSku(), triggerId);
        Instant receivedAt = orderedAt.plus(lead);
        ShipmentEvent ordered = shipment(trigger, ShipmentStatus.ORDERED, "ordered", receivedAt, orderedAt);
        ShipmentEvent received = shipment(trigger, ShipmentStatus.RECEIVED, "received", receivedAt, receivedAt);
        pending.add(received);
        ordersPlaced++;
        unitsOrdered += trigger.getOrderQuantity();
        if (Boolean.TRUE.equals(trigger.getSpecialOrder())) {
            specialOrders++;
            specialUnits += trigger.getOrderQuantity();
            if (lead.compareTo(quotedLeadTime()) <= 0) {
                specialUnitsOnTime += trigger.getOrderQuantity();
            }
        }
        return Optional.of(ordered);
    }

    /** The lead time a special order's customer is promised: mean + 2 standard deviations. */
    public Duration quotedLeadTime() {
        return leadTimes.mean().plus(leadTimes.std().multipliedBy(2));
    }

    /** The receipts dated at or before {@code replayNow}, earliest first, removed from the schedule. */
    public synchronized List<ShipmentEvent> releaseDue(Instant replayNow) {
        List<ShipmentEvent> due = new ArrayList<>();
        if (replayNow == null) {
            return due;
        }
        while (!pending.isEmpty() && !pending.peekTime().isAfter(replayNow)) {
            due.add(release());
        }
        return due;
    }

    /** Every pending receipt, earliest first (at the end of the replay). */
    public synchronized List<ShipmentEvent> drain() {
        List<ShipmentEvent> all = new ArrayList<>(pending.size());
        while (!pending.isEmpty()) {
            all.add(release());
        }
        return all;
    }

    /** When the earliest pending receipt is due, if any. */
    public synchronized Optional<Instant> nextReceiptAt() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.peekTime());
    }

    public synchronized Stats stats() {
        return new Stats(triggers, duplicates, invalid, ordersPlaced, unitsOrdered, receiptsReleased, unitsReceived,
                pending.size(), specialOrders, specialUnits, specialUnitsOnTime);
    }

    private ShipmentEvent release() {
        ShipmentEvent receipt = pending.poll();
        receiptsReleased++;
        unitsReceived += receipt.getQuantity();
        return receipt;
    }

    private static ShipmentEvent shipment(ReorderTrigger trigger, ShipmentStatus status, String suffix,
                                          Instant expectedAt, Instant occurredAt) {
        return ShipmentEvent.newBuilder()
                .setEventId(eventId(trigger.getTriggerId(), suffix))
                .setSku(trigger.getSku())
                .setLocationId(trigger.getLocationId())
                .setQuantity(trigger.getOrderQuantity())
                .setStatus(status)
                .setPurchaseOrderId(trigger.getTriggerId())
                .setExpectedAt(expectedAt)
                .setOccurredAt(occurredAt)
                .build();
    }

    static String eventId(String triggerId, String suffix) {
        return "po:" + triggerId + ":" + suffix;
    }

    private static boolean valid(ReorderTrigger t) {
        return t.getTriggerId() != null && t.getAt() != null
                && RetailFields.identifierProblem(t.getSku()) == null
                && RetailFields.identifierProblem(t.getLocationId()) == null
                && RetailFields.identifierProblem(t.getTriggerId()) == null
                && RetailFields.identifierProblem(eventId(t.getTriggerId(), "received")) == null
                && t.getOrderQuantity() > 0 && t.getOrderQuantity() <= RetailEventMapper.MAX_QUANTITY;
    }
}
