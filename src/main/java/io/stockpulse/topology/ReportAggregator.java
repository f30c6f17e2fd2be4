package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashSet;
import java.util.Set;

/**
 * Combines the partial reports of all tasks (one partition, one task): each partial is kept by
 * day|location|task in a changelogged store; the combined report of its location and of ALL is
 * recomputed from that day's partials only (a prefix range, never the whole store), kept in the
 * {@code inventory-reports} store for the API and published to {@code inventory.reports}. Each
 * combined report says how many tasks have reported for the day, so a reader can tell a complete
 * report from one still filling up.
 */
final class ReportAggregator implements Processor<String, InventoryReport, String, InventoryReport> {

    static final String KEY = "all";
    static final String SINK = "reports-sink";
    /** Partials of this many days back are kept (late task closes still combine). */
    private static final int KEEP_DAYS = 3;

    private ProcessorContext<String, InventoryReport> context;
    private KeyValueStore<String, InventoryReport> partials;
    private KeyValueStore<String, InventoryReport> reports;

    @Override
    public void init(ProcessorContext<String, InventoryReport> context) {
        this.context = context;
        partials = context.getStateStore(StoreNames.REPORT_PARTIALS);
        reports = context.getStateStore(StoreNames.INVENTORY_REPORTS);
    }

    @Override
    public void process(Record<String, InventoryReport> record) {
        InventoryReport partial = record.value();
        if (partial == null) {
            return;
        }
        int day = (int) partial.getDay().toEpochDay();
        partials.put(dayPrefix(day) + partial.getLocationId() + "|" + partial.getReportedBy(), partial);
        publish(combine(dayPrefix(day) + partial.getLocationId() + "|", partial.getLocationId(), day), record.timestamp());
        publish(combine(dayPrefix(day), InventoryReports.ALL, day), record.timestamp());
        if (day - KEEP_DAYS >= 0) {
            deleteBefore(day - KEEP_DAYS);
        }
    }

    private InventoryReport combine(String prefix, String location, int day) {
        ReportFigures sum = ReportFigures.EMPTY;
        Set<String> tasks = new HashSet<>();
        try (KeyValueIterator<String, InventoryReport> it = partials.prefixScan(prefix,
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                InventoryReport p = it.next().value;
                sum = sum.plus(InventoryReports.figures(p));
                tasks.add(p.getReportedBy());
            }
        }
        String summary = sum.summary(location.equals(InventoryReports.ALL) ? "all locations" : location,
                java.time.LocalDate.ofEpochDay(day).toString(), tasks.size());
        return InventoryReports.toAvro(sum, java.time.LocalDate.ofEpochDay(day), location, "", tasks.size(), summary);
    }

    private void publish(InventoryReport report, long timestamp) {
        InventoryReport current = reports.get(report.getLocationId());
        if (current != null && current.getDay().isAfter(report.getDay())) {
            return; // a late partial of an older day does not replace a newer report
        }
        reports.put(report.getLocationId(), report);
        context.forward(new Record<>(report.getLocationId(), report, timestamp), SINK);
    }

    private void deleteBefore(int day) {
        try (KeyValueIterator<String, InventoryReport> it = partials.range(dayPrefix(0), dayPrefix(day))) {
            while (it.hasNext()) {
                partials.delete(it.next().key);
            }
        }
    }

    private static String dayPrefix(int day) {
        return String.format("%08d|", day);
    }
}
