package io.stockpulse.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replay read, published and skipped. Written by the replaying thread and safe to read from
 * others (every method is synchronized; the counters are cheap to update uncontended).
 */
public final class ReplayStats {

    private long linesRead;
    private final Map<ReplayEvent.Kind, Long> events = new EnumMap<>(ReplayEvent.Kind.class);
    private final Map<ReplayEvent.Kind, Long> units = new EnumMap<>(ReplayEvent.Kind.class);
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Set<String> skus = new HashSet<>();
    private Instant firstEventAt;
    private Instant lastEventAt;
    private Duration elapsed;
    private boolean interrupted;
    private String inputOrder;
    private int unitCostPolicies;
    private double costRatio;

    synchronized void recordLine() {
        linesRead++;
    }

    synchronized void recordSkip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    synchronized void recordEvent(ReplayEvent event) {
        events.merge(event.kind(), 1L, Long::sum);
        units.merge(event.kind(), Math.abs(event.quantity()), Long::sum);
        skus.add(event.sku());
        if (firstEventAt == null || event.occurredAt().isBefore(firstEventAt)) {
            firstEventAt = event.occurredAt();
        }
        if (lastEventAt == null || event.occurredAt().isAfter(lastEventAt)) {
            lastEventAt = event.occurredAt();
        }
    }

    synchronized void recordPolicies(int count, double ratio) {
        unitCostPolicies = count;
        costRatio = ratio;
    }

    /** Unit-cost policies published before the events (0 when none were). */
    public synchronized int unitCostPolicies() {
        return unitCostPolicies;
    }

    synchronized void recordInputOrder(String description) {
        this.inputOrder = description;
    }

    /** How the rows were ordered: in InvoiceDate order, or sorted (and where the file first was not). */
    public synchronized String inputOrder() {
        return inputOrder;
    }

    /** Rows read that became events (read minus skipped). */
    public synchronized long rowsMapped() {
        return linesRead - skippedTotal();
    }

    synchronized void recordFinish(Duration elapsed, boolean interrupted) {
        this.elapsed = elapsed;
        this.interrupted = interrupted;
    }

    /** CSV data rows read (after {@code --limit}, before any filter). */
    public synchronized long linesRead() {
        return linesRead;
    }

    /** Events of one kind produced so far. */
    public synchronized long events(ReplayEvent.Kind kind) {
        return events.getOrDefault(kind, 0L);
    }

    /** Events of every kind. */
    public synchronized long eventsTotal() {
        return events.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Units moved by the events of one kind (absolute values; for COUNT the sum of the opening counts). */
    public synchronized long units(ReplayEvent.Kind kind) {
        return units.getOrDefault(kind, 0L);
    }

    /** Rows skipped for one reason. */
    public synchronized long skipped(String reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /** Skipped rows by reason, sorted by reason. */
    public synchronized Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    /** All skipped rows. */
    public synchronized long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Distinct SKUs with at least one event. */
    public synchronized int skus() {
        return skus.size();
    }

    /** Event time of the earliest event produced, or null before the first. */
    public synchronized Instant firstEventAt() {
        return firstEventAt;
    }

    /** Event time of the latest event produced, or null before the first. */
    public synchronized Instant lastEventAt() {
        return lastEventAt;
    }

    /** Wall-clock duration of the replay, once finished (else null). */
    public synchronized Duration elapsed() {
        return elapsed;
    }

    /** True when the replay stopped early because its thread was interrupted. */
    public synchronized boolean interrupted() {
        return interrupted;
    }

    /** A multi-line, human-readable report. */
    public synchronized String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("lines read       %,d%n", linesRead));
        if (inputOrder != null) {
            b.append(String.format("input order      %s%n", inputOrder));
        }
        b.append(String.format("rows mapped      %,d%n", rowsMapped()));
        b.append(String.format("events           %,d (%,d SKUs, %s … %s)%n", eventsTotal(), skus.size(),
                firstEventAt, lastEventAt));
        for (ReplayEvent.Kind kind : ReplayEvent.Kind.values()) {
            b.append(String.format("  %-14s %,d events, %,d units%n", kind.name().toLowerCase(Locale.ROOT),
                    events(kind), units(kind)));
        }
        if (unitCostPolicies > 0) {
            b.append(String.format(Locale.ROOT, "unit costs       %,d SKU policies (%.2f x median sale price)%n",
                    unitCostPolicies, costRatio));
        }
        b.append(String.format("skipped rows     %,d%n", skippedTotal()));
        skipped.forEach((reason, n) -> b.append(String.format("  %-30s %,d%n", reason, n)));
        if (elapsed != null) {
            b.append(String.format("elapsed          %.1f s%s%n", elapsed.toMillis() / 1000.0,
                    interrupted ? " (interrupted)" : ""));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
