package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns Online Retail rows into StockPulse events, in event-time order. Pure: no Kafka, no clock.
 *
 * <h2>Rules, in the order they are checked</h2>
 * <ol>
 *   <li>A row lacking InvoiceNo, StockCode, Quantity or InvoiceDate: skipped, {@code malformed-row}.</li>
 *   <li>InvoiceDate is {@code YYYY-MM-DD HH:MM[:SS]} (or with {@code T}), read as UTC; anything else, or a
 *       date before 2000: {@code bad-date}. A row dated before the latest row already read:
 *       {@code out-of-order} (a safeguard: {@link TimeOrderedRows} hands the rows over sorted, so none is).</li>
 *   <li>Outside the optional window [from, to): {@code before-from} / {@code after-to}.</li>
 *   <li>StockCode not a product under {@link StockCodes#isProduct}: {@code non-product}.</li>
 *   <li>SKU (StockCode trimmed, upper-cased) with control characters or over 128 characters:
 *       {@code invalid-sku}; an invoice that would make an event id of that kind: {@code invalid-invoice}.</li>
 *   <li>Quantity not an integer of at most 10⁹ in magnitude: {@code bad-quantity}; 0: {@code zero-quantity}.</li>
 *   <li>Invoice starting with {@code A} (accounting adjustment): {@code accounting-adjustment}.</li>
 *   <li>Invoice starting with {@code C} (cancellation): Quantity &lt; 0 becomes a RETURN of −Quantity
 *       units; a positive quantity on a cancellation makes no sense: {@code cancellation-with-positive-quantity}.</li>
 *   <li>Other invoices, Quantity &gt; 0: a SALE at UnitPrice (must be a finite number ≥ 0, else
 *       {@code bad-price}), orderId = invoice. <b>Except</b> a zero-price line without CustomerID: on the
 *       2009-12 … 2011-08 file these 2,237 rows are internal bookings (two thirds single-line invoices, most
 *       without description, quantities up to 10,200), not demand. When the description says "found"
 *       the stock turned up again: ADJUSTMENT +Quantity (18 rows); otherwise skipped,
 *       {@code zero-price-without-customer} (2,219 rows). Zero-price lines to a customer (47) stay sales:
 *       free goods leave the warehouse too.</li>
 *   <li>Other invoices, Quantity &lt; 0: a write-off. DAMAGE of −Quantity when the description speaks of
 *       damage or loss ({@link #suggestsDamage}), else ADJUSTMENT of Quantity (negative); reason =
 *       description (null when empty).</li>
 * </ol>
 * Before a SKU's first event the output holds its opening COUNT, one second earlier, quantity from
 * {@link OpeningStock#openingCount}. Event ids are deterministic: {@code <kind>:<invoice>:<line>@<location>}
 * ({@code sale}, {@code return}, {@code damage}, {@code adjust}) and
 * {@code opening:<sku>@<location>:<epoch-second>}; with the location in the id two replays to two
 * locations do not de-duplicate each other.
 *
 * <h2>Time order</h2>
 * Rows are in time order, but an opening COUNT is one second before its row, i.e. before earlier rows'
 * events of the same second. A small priority queue holds the events of the current second (plus one)
 * until a later row proves nothing earlier can come; memory stays bounded by one second of events.
 *
 * <p>Use: {@link #openingStock} over the rows (pre-pass), then {@link #events} over the same rows again.
 */
public final class RetailEventMapper {

    public static final String DEFAULT_LOCATION = "WH-UK";
    public static final double DEFAULT_OPENING_COVER_DAYS = 30;

    public static final String MALFORMED_ROW = "malformed-row";
    public static final String BAD_DATE = "bad-date";
    public static final String OUT_OF_ORDER = "out-of-order";
    public static final String BEFORE_FROM = "before-from";
    public static final String AFTER_TO = "after-to";
    public static final String NON_PRODUCT = "non-product";
    public static final String INVALID_SKU = "invalid-sku";
    public static final String INVALID_INVOICE = "invalid-invoice";
    public static final String BAD_QUANTITY = "bad-quantity";
    public static final String ZERO_QUANTITY = "zero-quantity";
    public static final String BAD_PRICE = "bad-price";
    public static final String ACCOUNTING_ADJUSTMENT = "accounting-adjustment";
    public static final String CANCELLATION_POSITIVE = "cancellation-with-positive-quantity";
    public static final String ZERO_PRICE_WITHOUT_CUSTOMER = "zero-price-without-customer";

    static final int MAX_ID_LENGTH = 128;
    static final long MAX_QUANTITY = 1_000_000_000L;
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration OPENING_LEAD = Duration.ofSeconds(1);

    /** Damage or loss, as the warehouse staff wrote it (typos included: "damges"). */
    private static final Pattern DAMAGE = Pattern.compile(
            "damag|damg|\\bbroke|smash|crush|crack|\\bwet\\b|\\bdamp\\b|rust|mould|mouldy|\\bmoldy?\\b|rott"
                    + "|dirty|\\btorn\\b|faulty|defect|leak|unsal|unsell|can'?t sell|thrown|throw away|missing"
                    + "|\\blost\\b|\\bmia\\b|\\bgone\\b|can'?t find|stolen|discolou?r|poor quality|bad quality"
                    + "|given away|donated",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOUND = Pattern.compile("\\bfound\\b", Pattern.CASE_INSENSITIVE);

    /**
     * @param locationId       the one warehouse every event is booked at
     * @param openingCoverDays days of average demand each SKU starts with (0 = start empty)
     * @param from             first event time replayed (inclusive), or null
     * @param to               end of the replayed window (exclusive), or null
     */
    public record Settings(String locationId, double openingCoverDays, Instant from, Instant to) {

        public Settings {
            String problem = RetailFields.identifierProblem(locationId);
            if (problem != null) {
                throw new IllegalArgumentException("location " + problem);
            }
            if (!(openingCoverDays >= 0 && openingCoverDays <= 3650)) {
                throw new IllegalArgumentException("openingCoverDays must be between 0 and 3650, was " + openingCoverDays);
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
            }
        }

        /** Location {@value #DEFAULT_LOCATION}, 30 days of opening cover, the whole file. */
        public static Settings defaults() {
            return new Settings(DEFAULT_LOCATION, DEFAULT_OPENING_COVER_DAYS, null, null);
        }

        public Settings withLocation(String location) {
            return new Settings(location, openingCoverDays, from, to);
        }

        public Settings withOpeningCoverDays(double days) {
            return new Settings(locationId, days, from, to);
        }

        public Settings withWindow(Instant fromInclusive, Instant toExclusive) {
            return new Settings(locationId, openingCoverDays, fromInclusive, toExclusive);
        }
    }

    private final Settings settings;

    public RetailEventMapper(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** Pass 1: per-SKU aggregates for the opening counts and unit costs. Consumes {@code lines}. */
    public OpeningStock openingStock(Iterator<RetailLine> lines) {
        Map<String, long[]> agg = new HashMap<>(); // sku -> {firstMs, lastMs, unitsSold}
        Map<String, OpeningStock.Prices> prices = new HashMap<>();
        Classifier classifier = new Classifier();
        long read = 0;
        while (lines.hasNext()) {
            RetailLine line = lines.next();
            read++;
            Row row = classifier.classify(line);
            if (row.skipReason != null) {
                continue;
            }
            long ms = row.at.toEpochMilli();
            long[] a = agg.computeIfAbsent(row.sku, k -> new long[] {ms, ms, 0});
            a[0] = Math.min(a[0], ms);
            a[1] = Math.max(a[1], ms);
            if (row.kind == ReplayEvent.Kind.SALE) {
                a[2] += row.quantity;
                // The prices simulate's SimEvents takes a median of: every sale line priced above zero.
                if (row.price != null && row.price > 0) {
                    prices.computeIfAbsent(row.sku, k -> new OpeningStock.Prices()).add(row.price);
                }
            }
        }
        Map<String, OpeningStock.SkuProfile> profiles = new HashMap<>(agg.size() * 2);
        agg.forEach((sku, a) -> {
            OpeningStock.Prices p = prices.get(sku);
            double median = p == null ? 0 : p.median();
            profiles.put(sku, new OpeningStock.SkuProfile(Instant.ofEpochMilli(a[0]), Instant.ofEpochMilli(a[1]), a[2],
                    median));
        });
        return new OpeningStock(profiles, read, settings.openingCoverDays());
    }

    /**
     * Pass 2: the events, lazily, in non-decreasing event time, counting into {@code stats} as they are
     * taken from the iterator. {@code lines} must be the rows the pre-pass read.
     */
    public Iterator<ReplayEvent> events(Iterator<RetailLine> lines, OpeningStock opening, ReplayStats stats) {
        return new EventIterator(lines, opening, stats);
    }

    /**
     * Both passes over a file, read in time order ({@link TimeOrderedRows}), handing every event to
     * {@code sink}: a dry run, and the core of the tests.
     *
     * @param limit data rows to read, ≤ 0 for all
     */
    public static ReplayStats mapFile(Path file, Settings settings, long limit, Consumer<? super ReplayEvent> sink)
            throws IOException {
        RetailEventMapper mapper = new RetailEventMapper(settings);
        long started = System.nanoTime();
        ReplayStats stats = new ReplayStats();
        try (TimeOrderedRows rows = TimeOrderedRows.open(file, limit)) {
            stats.recordInputOrder(rows.describe());
            OpeningStock opening;
            try (Stream<RetailLine> lines = rows.lines()) {
                opening = mapper.openingStock(lines.iterator());
            }
            try (Stream<RetailLine> lines = rows.lines()) {
                Iterator<ReplayEvent> events = mapper.events(lines.iterator(), opening, stats);
                while (events.hasNext()) {
                    sink.accept(events.next());
                }
            }
        }
        stats.recordFinish(Duration.ofNanos(System.nanoTime() - started), false);
        return stats;
    }

    /** {@code lines} cut to {@code limit} rows when {@code limit > 0}. */
    public static Stream<RetailLine> limited(Stream<RetailLine> lines, long limit) {
        return limit > 0 ? lines.limit(limit) : lines;
    }

    /** True when a write-off's description speaks of damage or loss ("damaged", "wet", "lost", "thrown away", …). */
    public static boolean suggestsDamage(String description) {
        return description != null && DAMAGE.matcher(description).find();
    }

    // ---------------------------------------------------------------------------------------------

    /** A classified row: either a skip reason or the fields of one event. */
    private static final class Row {
        String skipReason;
        ReplayEvent.Kind kind;
        String sku;
        String invoice;
        long quantity; // as the event carries it: > 0, or signed for ADJUSTMENT
        Double price;
        Instant at;
        String description;
        long line;

        static Row skip(String reason) {
            Row r = new Row();
            r.skipReason = reason;
            return r;
        }
    }

    /** Stateful only in the latest row time seen (for {@code out-of-order}); one per pass. */
    private final class Classifier {
        /** Stock code as written → SKU, or the skip reason; a few thousand distinct codes in the file. */
        private final Map<String, String> skuByCode = new HashMap<>();
        private Instant latest;

        Instant latest() {
            return latest;
        }

        Row classify(RetailLine l) {
            if (RetailFields.isBlank(l.invoiceNo()) || RetailFields.isBlank(l.stockCode()) || RetailFields.isBlank(l.quantity()) || RetailFields.isBlank(l.invoiceDate())) {
                return Row.skip(MALFORMED_ROW);
            }
            Instant at = RetailFields.parseTime(l.invoiceDate());
            if (at == null) {
                return Row.skip(BAD_DATE);
            }
            if (latest != null && at.isBefore(latest)) {
                return Row.skip(OUT_OF_ORDER);
            }
            latest = at;
            if (settings.from() != null && at.isBefore(settings.from())) {
                return Row.skip(BEFORE_FROM);
            }
            if (settings.to() != null && !at.isBefore(settings.to())) {
                return Row.skip(AFTER_TO);
            }
            String sku = skuByCode.computeIfAbsent(l.stockCode(), RetailEventMapper::skuOf);
            if (sku.equals(NON_PRODUCT)) {
                return Row.skip(NON_PRODUCT);
            }
            if (sku.equals(INVALID_SKU)) {
                return Row.skip(INVALID_SKU);
            }
            String invoice = l.invoiceNo().strip();
            // the longest id built from it is "return:<invoice>:<line>@<location>"
            int idLength = "return:".length() + invoice.length() + 1 + Long.toString(l.line()).length() + 1
                    + settings.locationId().length();
            if (idLength > MAX_ID_LENGTH || RetailFields.identifierProblem(invoice) != null) {
                return Row.skip(INVALID_INVOICE);
            }
            Long quantity = RetailFields.parseQuantity(l.quantity());
            if (quantity == null) {
                return Row.skip(BAD_QUANTITY);
            }
            if (quantity == 0) {
                return Row.skip(ZERO_QUANTITY);
            }
            Row row = new Row();
            row.sku = sku;
            row.invoice = invoice;
            row.at = at;
            row.line = l.line();
            String description = l.description() == null ? "" : l.description().strip();
            row.description = description.isEmpty() ? null : description;
            char first = Character.toUpperCase(invoice.charAt(0));
            if (first == 'A') {
                return Row.skip(ACCOUNTING_ADJUSTMENT);
            }
            if (first == 'C') {
                if (quantity > 0) {
                    return Row.skip(CANCELLATION_POSITIVE);
                }
                row.kind = ReplayEvent.Kind.RETURN;
                row.quantity = -quantity;
                return row;
            }
            if (quantity < 0) {
                boolean damage = suggestsDamage(description);
                row.kind = damage ? ReplayEvent.Kind.DAMAGE : ReplayEvent.Kind.ADJUSTMENT;
                row.quantity = damage ? -quantity : quantity;
                return row;
            }
            Double price = RetailFields.parsePrice(l.unitPrice());
            if (price == null) {
                return Row.skip(BAD_PRICE);
            }
            if (price == 0 && RetailFields.isBlank(l.customerId())) {
                if (FOUND.matcher(description).find()) {
                    row.kind = ReplayEvent.Kind.ADJUSTMENT;
                    row.quantity = quantity;
                    return row;
                }
                return Row.skip(ZERO_PRICE_WITHOUT_CUSTOMER);
            }
            row.kind = ReplayEvent.Kind.SALE;
            row.quantity = quantity;
            row.price = price;
            return row;
        }
    }

    private record Pending(ReplayEvent event, long sequence) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = event.occurredAt().compareTo(o.event.occurredAt());
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final class EventIterator implements Iterator<ReplayEvent> {
        private final Iterator<RetailLine> lines;
        private final OpeningStock opening;
        private final ReplayStats stats;
        private final Classifier classifier = new Classifier();
        private final PriorityQueue<Pending> pending = new PriorityQueue<>();
        private final Set<String> opened = new HashSet<>();
        private long sequence;
        private boolean exhausted;

        EventIterator(Iterator<RetailLine> lines, OpeningStock opening, ReplayStats stats) {
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
            ReplayEvent event = pending.poll().event();
            stats.recordEvent(event);
            return event;
        }

        /** Reads rows until the head of the queue can no longer be preceded by anything unread. */
        private boolean ready() {
            while (true) {
                Pending head = pending.peek();
                if (head != null && (exhausted || releasable(head.event().occurredAt()))) {
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
                Row row = classifier.classify(line);
                if (row.skipReason != null) {
                    stats.recordSkip(row.skipReason);
                    continue;
                }
                if (opened.add(row.sku)) {
                    Instant countAt = row.at.minus(OPENING_LEAD);
                    long count = opening.openingCount(row.sku);
                    StockChangeEvent value = StockChangeEvent.newBuilder()
                            .setEventId("opening:" + row.sku + "@" + settings.locationId() + ":" + countAt.getEpochSecond())
                            .setSku(row.sku).setLocationId(settings.locationId()).setKind(StockChangeKind.COUNT)
                            .setQuantity(count).setReason("opening stock: " + fmt(opening.openingCoverDays())
                                    + " days of average demand")
                            .setOccurredAt(countAt).build();
                    add(new ReplayEvent(ReplayEvent.Kind.COUNT, row.sku, countAt, row.line, value));
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
            pending.add(new Pending(event, sequence++));
        }
    }

    private ReplayEvent toEvent(Row row) {
        String location = settings.locationId();
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

    // ---------------------------------------------------------------------------------------------

    /** The SKU of a stock code, or {@link #NON_PRODUCT} / {@link #INVALID_SKU}. */
    private static String skuOf(String stockCode) {
        if (!StockCodes.isProduct(stockCode)) {
            return NON_PRODUCT;
        }
        String sku = StockCodes.normalise(stockCode);
        return RetailFields.identifierProblem(sku) == null ? sku : INVALID_SKU;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
