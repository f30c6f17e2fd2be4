package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Pass 2 of {@link RetailEventMapper}: the events of the classified rows, each SKU's opening COUNT
 * before its first event, released in event-time order (see "Time order" there).
 */
final class RetailEventIterator implements Iterator<ReplayEvent> {

    /** How much earlier than its row an opening COUNT is stamped. */
    static final Duration OPENING_LEAD = Duration.ofSeconds(1);

    private final String location;
    private final Iterator<RetailLine> lines;
    private final OpeningStock opening;
    private final ReplayStats stats;
    private final RetailRowClassifier classifier;
    private final TimeOrderedQueue<ReplayEvent> pending = new TimeOrderedQueue<>(ReplayEvent::occurredAt);
    private final Set<String> opened = new HashSet<>();
    private boolean exhausted;

    RetailEventIterator(RetailEventMapper.Settings settings, Iterator<RetailLine> lines, OpeningStock opening,
                        ReplayStats stats) {
        this.location = settings.locationId();
        this.classifier = new RetailRowClassifier(settings);
        this.lines = Objects.requireNonNull(lines, "lines");
        this.opening = Objects.requireNonNull(opening, "opening");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public boolean hasNext() {
        return ready();
    }

    @Override
    public ReplayEvent next() {
        if (!ready()) {
            throw new NoSuchElementException();
        }
        ReplayEvent event = pending.poll();
        stats.recordEvent(event);
        return event;
    }

    /** Reads rows until the head of the queue can no longer be preceded by anything unread. */
    private boolean ready() {
        while (true) {
            Instant head = pending.peekTime();
            if (head != null && (exhausted || releasable(head))) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            if (!lines.hasNext()) {
                exhausted = true;
                continue;
            }
            RetailLine line = lines.next();
            stats.recordLine();
            RetailRowClassifier.Row row = classifier.classify(line);
            if (row.skipReason != null) {
                stats.recordSkip(row.skipReason);
                continue;
            }
            if (opened.add(row.sku)) {
                add(openingCount(row));
            }
            add(toEvent(row));
        }
    }

    /** Every unread row is at or after the latest row time, so its events are at most 1 s earlier. */
    private boolean releasable(Instant at) {
        Instant latest = classifier.latest();
        return latest != null && !at.isAfter(latest.minus(OPENING_LEAD));
    }

    private void add(ReplayEvent event) {
        pending.add(event);
    }

    /** The opening COUNT of the SKU of {@code row}, its first row: one second before it. */
    private ReplayEvent openingCount(RetailRowClassifier.Row row) {
        Instant countAt = row.at.minus(OPENING_LEAD);
        long count = opening.openingCount(row.sku);
        StockChangeEvent value = StockChangeEvent.newBuilder()
                .setEventId("opening:" + row.sku + "@" + location + ":" + countAt.getEpochSecond())
                .setSku(row.sku).setLocationId(location).setKind(StockChangeKind.COUNT)
                .setQuantity(count).setReason("opening stock: " + fmt(opening.openingCoverDays())
                        + " days of average demand")
                .setOccurredAt(countAt).build();
        return new ReplayEvent(ReplayEvent.Kind.COUNT, row.sku, countAt, row.line, value);
    }

    private ReplayEvent toEvent(RetailRowClassifier.Row row) {
        String suffix = row.invoice + ":" + row.line + "@" + location;
        if (row.kind == ReplayEvent.Kind.SALE) {
            SaleEvent sale = SaleEvent.newBuilder().setEventId("sale:" + suffix).setSku(row.sku).setLocationId(location)
                    .setQuantity(row.quantity).setUnitPrice(row.price).setOrderId(row.invoice).setOccurredAt(row.at)
                    .build();
            return new ReplayEvent(row.kind, row.sku, row.at, row.line, sale);
        }
        String prefix;
        StockChangeKind kind;
        switch (row.kind) {
            case RETURN -> {
                prefix = "return:";
                kind = StockChangeKind.RETURN;
            }
            case DAMAGE -> {
                prefix = "damage:";
                kind = StockChangeKind.DAMAGE;
            }
            case ADJUSTMENT -> {
                prefix = "adjust:";
                kind = StockChangeKind.ADJUSTMENT;
            }
            default -> throw new IllegalStateException("unexpected " + row.kind);
        }
        StockChangeEvent change = StockChangeEvent.newBuilder().setEventId(prefix + suffix).setSku(row.sku)
                .setLocationId(location).setKind(kind).setQuantity(row.quantity).setReason(row.description)
                .setOccurredAt(row.at).build();
        return new ReplayEvent(row.kind, row.sku, row.at, row.line, change);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
