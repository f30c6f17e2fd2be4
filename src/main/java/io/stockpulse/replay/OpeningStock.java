package io.stockpulse.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The result of the mapper's pre-pass: per SKU only a few aggregates (first and last event time,
 * units sold), from which the opening physical count is derived.
 *
 * <p><b>Opening count rule.</b> avg = units sold ÷ active span in days, the span counting the UTC
 * calendar days from the SKU's first to its last event inclusive (a SKU active on one day has a span
 * of 1); opening = ⌈avg × openingCoverDays⌉, 0 for a SKU that never sells. With the default 30 days
 * of cover a SKU starts with about a month of its own average demand and runs down unless someone
 * (the supplier simulator) reorders.
 */
public final class OpeningStock {

    /** Aggregates of one SKU over the replayed rows. */
    public record SkuProfile(Instant firstEventAt, Instant lastEventAt, long unitsSold) {

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
