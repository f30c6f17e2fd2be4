package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.internal.SeenEventId;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.LeadTimeObservation;
import io.stockpulse.decision.Positions;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.EventIdBuckets;
import io.stockpulse.state.LeadTimeStates;
import io.stockpulse.state.PolicyResolver;
import io.stockpulse.state.RecentEventIds;
import io.stockpulse.state.SkuStates;
import io.stockpulse.state.StockKpis;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Applies sales, shipments and stock changes to the per SKU × location state, de-duplicates by
 * eventId (within the SKU × location, {@link RecentEventIds}), schedules forecasts and re-evaluates
 * the alerts of the SKU the event touched. Days close when the first event past a day's end and grace
 * arrives, before that event is applied. A close whose ABC cut-offs have not come yet holds that event
 * and the ones after it back (see {@link HeldEvents}, docs/determinism.md), so the classes of a day
 * close never depend on timing.
 */
final class InventoryProcessor implements Processor<String, Object, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryProcessor.class);
    /** Held events read from the store at a time while releasing them. */
    private static final int RELEASE_BATCH = 500;

    private final InventorySettings settings;
    private final ForecasterProvider forecasters;
    private final PipelineCounters counters;
    private final EventValidator validator;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SkuState> states;
    private WindowStore<String, Long> eventIds;
    private PolicyResolver policies;
    private AlertEmitter alerts;
    private DayCloser dayCloser;
    private SkuClassifier classifier;
    private HeldEvents held;

    InventoryProcessor(InventorySettings settings, ForecasterProvider forecasters, PipelineCounters counters) {
        this.settings = settings;
        this.forecasters = forecasters;
        this.counters = counters;
        this.validator = new EventValidator(settings.maxFutureSkew());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        states = context.getStateStore(StoreNames.SKU_STATE);
        eventIds = context.getStateStore(StoreNames.EVENT_IDS);
        KeyValueStore<String, SkuPolicy> policyStore = context.getStateStore(StoreNames.POLICIES);
        policies = new PolicyResolver(policyStore::get, settings.defaultPolicy(), settings.classes().serviceLevels());
        alerts = new AlertEmitter(context, counters, settings.classes(), settings.decisions(), settings.historyDays());
        classifier = new SkuClassifier(context, settings.classes(), counters);
        dayCloser = new DayCloser(context, settings, states, new CloseServices(forecasters, policies, alerts, classifier, counters));
        held = new HeldEvents(context.getStateStore(StoreNames.HELD_EVENTS));
        if (classifier.waits()) {
            // Cut-offs reach this task through the global store, which no record of this task announces:
            // the wall clock looks for them (and ends a wait that lasted abc.cutoffs.max.wait.ms, or
            // abc.cutoffs.first.wait.ms while no cut-offs exist at all).
            context.schedule(classifier.waitCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkHeld);
        }
    }

    @Override
    public void process(Record<String, Object> record) {
        Object event = record.value();
        validator.validate(record.key(), event, context.currentSystemTimeMs());
        if (!held.isEmpty()) {
            releaseHeld(); // the cut-offs they wait for may have come since
        }
        // Days close here, before the first event past a day's end and grace is applied, rather than in a
        // stream-time punctuation: a punctuation runs after a whole batch of records, so where it falls
        // (and what the closing forecasts and alerts see) would depend on fetch sizes, and a replay or a
        // fail-over would not reproduce the same outputs.
        // Driven by the event's own time, not the task's stream time: a record rejected above (say, a
        // valid-looking sale stamped months ahead) has already moved stream time, and stream time mixes
        // the SKUs that happen to share the task.
        // A close that waits for the ABC cut-offs holds this event and every later one back, in order:
        // applied before the close, it would change what the close sees.
        if (!held.isEmpty() || !closeDueDays(record.timestamp())) {
            held.add(record.key(), event, record.timestamp());
            classifier.waiting(context.currentSystemTimeMs());
            return;
        }
        apply(event, record.timestamp());
    }

    /** See {@link DayCloser#closeDueDays}; true also when the close failed (it is retried with the next event). */
    private boolean closeDueDays(long eventTime) {
        try {
            return dayCloser.closeDueDays(eventTime);
        } catch (RuntimeException closeFailed) {
            // The event itself is fine and must still be applied; the close is retried with the next event.
            LOG.error("Closing the day failed; retrying with the next event", closeFailed);
            classifier.sendPending(context.currentStreamTimeMs());
            counters.increment(PipelineCounters.DAY_CLOSE_FAILURES, "exception");
            return true;
        }
    }

    /**
     * Wall clock: applies held events whose closes have their cut-offs now, or, once the wait has lasted
     * its bound ({@code abc.cutoffs.max.wait.ms}; {@code abc.cutoffs.first.wait.ms} while no cut-offs exist),
     * all of them without (the documented limit of the guarantee).
     */
    private void checkHeld(long now) {
        if (held.isEmpty()) {
            return;
        }
        // Held events with no wait running (restored after a restart, a rebalance or a replaced thread,
        // before any new event arrived) start one here; otherwise nothing would ever end it.
        classifier.waiting(now);
        classifier.giveUpIfExpired(now);
        releaseHeld();
    }

    /** Applies held events oldest first until one's day close still waits for cut-offs. */
    private void releaseHeld() {
        while (!held.isEmpty()) {
            for (HeldEvents.Held next : held.oldest(RELEASE_BATCH)) {
                if (!closeDueDays(next.timestamp())) {
                    // A close before this one may have found its cut-offs and ended the previous wait: the
                    // wait for this day starts now, or, with no further event, nothing would ever end it.
                    classifier.waiting(context.currentSystemTimeMs());
                    return;
                }
                held.remove(next);
                try {
                    apply(next.event(), next.timestamp());
                } catch (InvalidEventException rejected) {
                    // Checked against the state (a receipt for an unknown order): no record of its own to
                    // dead-letter any more, so it is logged and counted instead.
                    LOG.warn("Held event rejected when applied: {}", rejected.getMessage());
                    counters.increment(PipelineCounters.DEAD_LETTERS, "held-" + rejected.reason());
                }
            }
        }
    }

    private void apply(Object event, long timestamp) {
        EventFields fields = EventFields.of(event);
        String kind = fields.kind();
        String eventId = kind + ':' + fields.eventId();
        String sku = fields.sku();
        String location = fields.locationId();
        String key = StoreKeys.skuLocation(sku, location);
        SkuState stored = states.get(key);
        SkuState state = stored == null ? SkuStates.empty(sku, location) : SkuStates.mutable(stored);
        if (seenBefore(state, eventId, timestamp)) {
            counters.increment(PipelineCounters.DUPLICATES, kind);
            return;
        }
        if (event instanceof ShipmentEvent shipment) {
            // Checked before anything is stored so a rejected receipt leaves no trace.
            requireKnownOrder(state, shipment);
        }
        remember(state, eventId, timestamp);
        StockKpis.advanceTo(state, settings.dayOf(timestamp));
        PolicyParameters policy = policies.resolve(sku, location, state.getAbcClass());
        if (event instanceof SaleEvent sale && AlertEmitter.isSpecial(state, sale.getQuantity())) {
            // Back to back: the line is ordered for its customer and never touches the regular stock,
            // its demand history or its fill rate.
            state.setSpecialLines(state.getSpecialLines() + 1);
            state.setSpecialUnits(state.getSpecialUnits() + sale.getQuantity());
            String orderId = alerts.specialOrder(state, policy, fields.eventId(), sale.getQuantity(), timestamp);
            state.getSpecialOrders().put(orderId, sale.getQuantity());
        } else if (event instanceof SaleEvent sale) {
            StockKpis.recordSale(state, sale.getQuantity());
            applySale(state, key, sale);
        } else if (event instanceof ShipmentEvent shipment) {
            applyShipment(state, shipment);
        } else if (event instanceof StockChangeEvent change) {
            applyStockChange(state, change);
        }
        counters.increment(PipelineCounters.EVENTS, kind);
        int today = Math.max(settings.dayOf(timestamp), dayCloser.lastClosedDay() + 1); // see closeDueDays
        // A SKU's first event says nothing about its stock unless it is a count: a sale just before the
        // opening count would raise a trigger that the count proves wrong a moment later. The next event
        // or the day close evaluates it.
        if (stored != null || event instanceof StockChangeEvent change && change.getKind() == StockChangeKind.COUNT) {
            alerts.afterEvent(state, policy, today, timestamp);
        }
        states.put(key, state);
    }

    /**
     * The state's own recent ids first ({@link RecentEventIds}); the window store only for the ids this
     * SKU × location pushed out of its state, by one or two point reads ({@link EventIdBuckets}).
     */
    private boolean seenBefore(SkuState state, String eventId, long timestamp) {
        long retention = settings.dedupRetention().toMillis();
        if (RecentEventIds.contains(state, eventId, timestamp, retention)) {
            return true;
        }
        if (!RecentEventIds.mayBeInWindowStore(state, timestamp, retention)) {
            return false;
        }
        if (seenIn(eventId, EventIdBuckets.start(timestamp, retention), timestamp, retention)) {
            return true;
        }
        long neighbour = EventIdBuckets.neighbour(timestamp, retention);
        return neighbour != Long.MIN_VALUE && seenIn(eventId, neighbour, timestamp, retention);
    }

    private boolean seenIn(String eventId, long bucket, long timestamp, long retention) {
        Long seenAt = eventIds.fetch(eventId, bucket);
        return seenAt != null && EventIdBuckets.withinRetention(timestamp, seenAt, retention);
    }

    private void remember(SkuState state, String eventId, long timestamp) {
        long retention = settings.dedupRetention().toMillis();
        SeenEventId pushedOut = RecentEventIds.remember(state, eventId, timestamp, retention);
        if (pushedOut != null) {
            eventIds.put(pushedOut.getId(), pushedOut.getAt(), EventIdBuckets.start(pushedOut.getAt(), retention));
        }
    }

    private void applySale(SkuState state, String key, SaleEvent sale) {
        state.setNetStock(state.getNetStock() - sale.getQuantity());
        if (sale.getUnitPrice() != null) {
            state.setLastUnitPrice(sale.getUnitPrice());
        }
        int day = settings.dayOf(sale.getOccurredAt().toEpochMilli());
        if (!SkuStates.addDemand(state, day, sale.getQuantity(), settings.historyDays())) {
            counters.increment(PipelineCounters.LATE_EVENTS, "older_than_history");
        } else if (day <= dayCloser.lastClosedDay()) {
            counters.increment(PipelineCounters.LATE_EVENTS, "after_day_close");
        }
        dayCloser.scheduleForecast(state, key, day);
    }

    private static void requireKnownOrder(SkuState state, ShipmentEvent shipment) {
        String status = shipment.getStatus().name();
        if (!status.equals("RECEIVED") && !status.equals("CANCELLED")) {
            return;
        }
        if (!state.getOpenOrders().containsKey(shipment.getPurchaseOrderId())
                && !state.getSpecialOrders().containsKey(shipment.getPurchaseOrderId())) {
            throw new InvalidEventException("unknown-purchase-order", "shipment " + status + " for purchase order '"
                    + shipment.getPurchaseOrderId() + "' that is not open for this SKU and location");
        }
    }

    private void applyShipment(SkuState state, ShipmentEvent shipment) {
        Map<String, Long> open = state.getOpenOrders();
        String order = shipment.getPurchaseOrderId();
        long quantity = shipment.getQuantity();
        if (state.getSpecialOrders().containsKey(order)) {
            // A special order's goods go straight to the customer who ordered them.
            switch (shipment.getStatus()) {
                case ORDERED, IN_TRANSIT -> state.getSpecialOrders().put(order, quantity);
                case RECEIVED, CANCELLED -> state.getSpecialOrders().remove(order);
                default -> throw new IllegalStateException("unhandled status " + shipment.getStatus());
            }
            return;
        }
        long at = shipment.getOccurredAt().toEpochMilli();
        switch (shipment.getStatus()) {
            // IN_TRANSIT restates the open quantity of an order (or announces one we never saw ordered).
            case ORDERED, IN_TRANSIT -> {
                open.put(order, quantity);
                if (shipment.getExpectedAt() != null) {
                    state.getOrderDueDays().put(order, settings.dayOf(shipment.getExpectedAt().toEpochMilli()));
                }
                if (shipment.getStatus() == ShipmentStatus.ORDERED) {
                    LeadTimeStates.ordered(state, order, at, shipment.getSupplierId());
                }
            }
            case RECEIVED -> {
                state.setNetStock(state.getNetStock() + quantity);
                Integer due = state.getOrderDueDays().get(order);
                if (due != null && settings.dayOf(at) > due) {
                    counters.increment(PipelineCounters.LATE_RECEIPTS, "receipt");
                }
                long left = open.getOrDefault(order, 0L) - quantity;
                if (left > 0) {
                    open.put(order, left);
                } else {
                    open.remove(order);
                    state.getOrderDueDays().remove(order);
                }
                recordLeadTime(LeadTimeStates.received(state, order, at, quantity, left <= 0));
            }
            case CANCELLED -> {
                open.remove(order);
                state.getOrderDueDays().remove(order);
                recordLeadTime(LeadTimeStates.cancelled(state, order));
            }
            default -> throw new IllegalStateException("unhandled status " + shipment.getStatus());
        }
    }

    private void recordLeadTime(LeadTimeObservation measured) {
        if (measured != null) {
            counters.recordLeadTime(measured.days());
        }
    }

    /**
     * Write-offs take only what is on hand and a count sets what is on hand: customer backorders stay
     * owed. Except at the SKU's first count: sales before it came from stock nobody had counted yet.
     */
    private static void applyStockChange(SkuState state, StockChangeEvent change) {
        long net = state.getNetStock();
        long quantity = change.getQuantity();
        state.setNetStock(switch (change.getKind()) {
            case ADJUSTMENT -> quantity >= 0 ? net + quantity : Positions.writeOff(net, -quantity);
            case COUNT -> state.getCounted() ? Positions.count(net, quantity) : quantity;
            case RETURN, TRANSFER_IN -> net + quantity;
            case DAMAGE, TRANSFER_OUT -> Positions.writeOff(net, quantity);
        });
        if (change.getKind() == StockChangeKind.COUNT) {
            state.setCounted(true);
        }
    }
}
