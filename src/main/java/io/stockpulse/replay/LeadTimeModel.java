package io.stockpulse.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Supplier lead times: normal with the given mean and standard deviation, truncated below at one day
 * (draws under a day are redrawn), rounded to the second. Deterministic: the draw for a purchase
 * order depends only on the seed, the SKU and the trigger id, so a rerun places the same receipts.
 */
public record LeadTimeModel(Duration mean, Duration std, long seed) {

    /** Nothing arrives sooner than a day after it was ordered. */
    public static final Duration MINIMUM = Duration.ofDays(1);
    private static final int MAX_DRAWS = 64;

    public LeadTimeModel {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.isNegative() || mean.isZero() || mean.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("mean lead time must be > 0 and at most 3650 days, was " + mean);
        }
        if (std.isNegative() || std.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("lead time standard deviation must be between 0 and 3650 days, was " + std);
        }
    }

    /** Mean 7 days, standard deviation 2 days, seed 42. */
    public static LeadTimeModel defaults() {
        return new LeadTimeModel(Duration.ofDays(7), Duration.ofDays(2), 42L);
    }

    /** Mean and standard deviation in (fractional) days. */
    public static LeadTimeModel ofDays(double meanDays, double stdDays, long seed) {
        return new LeadTimeModel(days(meanDays), days(stdDays), seed);
    }

    private static Duration days(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("days must be finite, was " + d);
        }
        return Duration.ofMillis(Math.round(d * 86_400_000d));
    }

    /** The lead time of the order answering {@code triggerId} for {@code sku}; at least {@link #MINIMUM}. */
    public Duration leadTime(String sku, String triggerId) {
        double meanS = mean.toMillis() / 1000.0;
        double stdS = std.toMillis() / 1000.0;
        double minS = MINIMUM.getSeconds();
        Random random = new Random(mix(seed, sku, triggerId));
        for (int i = 0; i < MAX_DRAWS; i++) {
            double s = meanS + stdS * random.nextGaussian();
            if (s >= minS) {
                return Duration.ofSeconds(Math.round(s));
            }
        }
        return MINIMUM; // a mean far below one day: the truncation point is all that is left
    }

    /** FNV-1a over "sku NUL triggerId", folded with the seed and finished with SplitMix64. */
    static long mix(long seed, String sku, String triggerId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (sku + '\0' + triggerId).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = h ^ (seed * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
