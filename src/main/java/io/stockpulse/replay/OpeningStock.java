package io.stockpulse.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of the mapper's pre-pass: per SKU only a few aggregates (first and last event time,
 * units sold, median sale price), from which the opening physical count and the unit cost are derived.
 *
 * <p><b>Opening count rule.</b> avg = units sold ÷ active span in days, the span counting the UTC
 * calendar days from the SKU's first to its last event inclusive (a SKU active on one day has a span
 * of 1); opening = ⌈avg × openingCoverDays⌉, 0 for a SKU that never sells. With the default 30 days
 * of cover a SKU starts with about a month of its own average demand and runs down unless someone
 * (the supplier simulator) reorders.
 */
public final class OpeningStock {

    /**
     * Aggregates of one SKU over the replayed rows.
     *
     * @param medianUnitPrice median unit price of its sale lines priced above zero, 0 when it has none
     */
    public record SkuProfile(Instant firstEventAt, Instant lastEventAt, long unitsSold, double medianUnitPrice) {

        public SkuProfile(Instant firstEventAt, Instant lastEventAt, long unitsSold) {
            this(firstEventAt, lastEventAt, unitsSold, 0);
        }

        /** Calendar days (UTC) from the first to the last event, both included; at least 1. */
        public long activeDays() {
            return ChronoUnit.DAYS.between(firstEventAt.atZone(ZoneOffset.UTC).toLocalDate(),
                    lastEventAt.atZone(ZoneOffset.UTC).toLocalDate()) + 1;
        }

        /** Mean units sold per day over the active span. */
        public double averageDailyUnits() {
            return (double) unitsSold / activeDays();
        }
    }

    private final Map<String, SkuProfile> profiles;
    private final long linesRead;
    private final double openingCoverDays;

    OpeningStock(Map<String, SkuProfile> profiles, long linesRead, double openingCoverDays) {
        this.profiles = Collections.unmodifiableMap(new HashMap<>(profiles));
        this.linesRead = linesRead;
        this.openingCoverDays = openingCoverDays;
    }

    /** The aggregates of a SKU, empty when it has no event in the replayed rows. */
    public Optional<SkuProfile> profile(String sku) {
        return Optional.ofNullable(profiles.get(sku));
    }

    /** ⌈average daily units × openingCoverDays⌉, 0 for an unknown SKU; never above 1e9. */
    public long openingCount(String sku) {
        SkuProfile p = profiles.get(sku);
        if (p == null || p.unitsSold() <= 0 || openingCoverDays <= 0) {
            return 0;
        }
        // The small tolerance keeps exact products (e.g. 10/day × 30) from rounding up through float noise.
        double exact = p.unitsSold() * openingCoverDays / p.activeDays();
        long count = (long) Math.ceil(exact - 1e-9);
        return Math.min(Math.max(count, 0), 1_000_000_000L);
    }

    /**
     * Unit cost per SKU as {@code costRatio} × its median sale price, sorted by SKU (so the policies go
     * out in the same order every run); SKUs without a priced sale are left out and keep the configured
     * default, as in {@code stockpulse simulate}.
     */
    public SortedMap<String, Double> unitCosts(double costRatio) {
        if (!(costRatio > 0) || Double.isInfinite(costRatio)) {
            throw new IllegalArgumentException("cost ratio must be a finite number > 0, was " + costRatio);
        }
        SortedMap<String, Double> costs = new TreeMap<>();
        profiles.forEach((sku, p) -> {
            if (p.medianUnitPrice() > 0) {
                costs.put(sku, costRatio * p.medianUnitPrice());
            }
        });
        return costs;
    }

    /** One SKU's sale prices during the pre-pass: a growing array (no boxing: the 21-month file has 0.8 M lines). */
    static final class Prices {
        private double[] values = new double[8];
        private int n;

        void add(double price) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = price;
        }

        /** The mean of the middle two for an even count, as simulate's SimEvents.median; 0 when empty. */
        double median() {
            if (n == 0) {
                return 0;
            }
            Arrays.sort(values, 0, n);
            int mid = n / 2;
            return n % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }
    }

    /** SKUs with at least one event. */
    public int skus() {
        return profiles.size();
    }

    /** Rows the pre-pass read (the main pass reads as many; used as the progress bar's total). */
    public long linesRead() {
        return linesRead;
    }

    public double openingCoverDays() {
        return openingCoverDays;
    }
}
