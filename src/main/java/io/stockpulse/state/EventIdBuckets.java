package io.stockpulse.state;

/**
 * Layout of the de-duplication index ({@link StoreNames#EVENT_IDS}): a window store whose entries
 * are stamped with the start of a fixed time bucket two retentions wide instead of their own event
 * time. An earlier event within one retention of an event (|t − t'| ≤ retention) then lies in the
 * event's bucket or in one neighbour, so a check is one or two point reads where a time-range fetch
 * opened a RocksDB iterator on every segment the range touched (the dominant per-event cost of the
 * index in {@code stockpulse bench}). Expiry stays the window store's: whole segments are dropped.
 */
public final class EventIdBuckets {

    private EventIdBuckets() {
    }

    /** Bucket width: two retentions, so [t − retention, t + retention] spans at most two buckets. */
    public static long width(long retentionMs) {
        if (retentionMs <= 0) {
            throw new IllegalArgumentException("retention must be positive, was " + retentionMs);
        }
        return 2 * retentionMs;
    }

    /** Start of the bucket holding event time {@code timestamp}. */
    public static long start(long timestamp, long retentionMs) {
        long width = width(retentionMs);
        return Math.floorDiv(timestamp, width) * width;
    }

    /**
     * The bucket other than the event's own that an earlier occurrence within one retention can lie
     * in, or {@code Long.MIN_VALUE} when the whole range falls in the event's bucket.
     */
    public static long neighbour(long timestamp, long retentionMs) {
        long width = width(retentionMs);
        long own = start(timestamp, retentionMs);
        if (timestamp - retentionMs < own) {
            return own - width;
        }
        if (timestamp + retentionMs >= own + width) {
            return own + width;
        }
        return Long.MIN_VALUE;
    }

    /** Whether an occurrence stored with event time {@code seenAt} makes the event at {@code timestamp} a duplicate. */
    public static boolean withinRetention(long timestamp, long seenAt, long retentionMs) {
        return Math.abs(timestamp - seenAt) <= retentionMs;
    }
}
