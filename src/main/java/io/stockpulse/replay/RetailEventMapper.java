package io.stockpulse.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
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

    /** Damage or loss, as the warehouse staff wrote it (typos included: "damges"). */
    private static final Pattern DAMAGE = Pattern.compile(
            "damag|damg|\\bbroke|smash|crush|crack|\\bwet\\b|\\bdamp\\b|rust|mould|mouldy|\\bmoldy?\\b|rott"
                    + "|dirty|\\btorn\\b|faulty|defect|leak|unsal|unsell|can'?t sell|thrown|throw away|missing"
                    + "|\\blost\\b|\\bmia\\b|\\bgone\\b|can'?t find|stolen|discolou?r|poor quality|bad quality"
                    + "|given away|donated",
            Pattern.CASE_INSENSITIVE);

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
        RetailRowClassifier classifier = new RetailRowClassifier(settings);
        long read = 0;
        while (lines.hasNext()) {
            RetailLine line = lines.next();
            read++;
            RetailRowClassifier.Row row = classifier.classify(line);
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
        return new RetailEventIterator(settings, lines, opening, stats);
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
}
