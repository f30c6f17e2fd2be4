package io.stockpulse.topology;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.policy.ErrorSums;
import io.stockpulse.policy.ReportFigures;
import io.stockpulse.policy.ReportSummary;
import io.stockpulse.policy.ServiceWindow;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Combines the partial reports of all tasks (one partition, one task). Each partial, as sent, is kept
 * by location|task|day in {@code report-history}; against that task's own partials 7 and 28 days
 * earlier its cumulative counters become 7- and 28-day windows, and its forecast errors of the last 28
 * closes add up. That windowed partial is kept by day|location|task in {@code report-partials}; the
 * combined report of its location and of ALL is recomputed from that day's windowed partials only (a
 * prefix range, never the whole store), kept in {@code inventory-reports} for the API and published
 * to {@code inventory.reports}. Each combined report says how many tasks have reported for the day,
 * so a reader can tell a complete report from one still filling up.
 */
final class ReportAggregator implements Processor<String, InventoryReport, String, InventoryReport> {

    static final String KEY = "all";
    static final String SINK = "reports-sink";
    /** Windowed partials of this many days back are kept (late task closes still combine). */
    private static final int KEEP_DAYS = 3;
    static final int WEEK = 7;
    static final int MONTH = 28;
    private static final StringSerializer KEYS = new StringSerializer();

    private ProcessorContext<String, InventoryReport> context;
    private KeyValueStore<String, InventoryReport> partials;
    private KeyValueStore<String, InventoryReport> history;
    private KeyValueStore<String, InventoryReport> reports;
    /** Tasks that send partials: one per input partition. */
    private int partitionsExpected;

    @Override
    public void init(ProcessorContext<String, InventoryReport> context) {
        this.context = context;
        partials = context.getStateStore(StoreNames.REPORT_PARTIALS);
        history = context.getStateStore(StoreNames.REPORT_HISTORY);
        reports = context.getStateStore(StoreNames.INVENTORY_REPORTS);
        partitionsExpected = TaskCount.inventoryTasks(context.appConfigs());
    }

    @Override
    public void process(Record<String, InventoryReport> record) {
        InventoryReport partial = record.value();
        if (partial == null) {
            return;
        }
        int day = (int) partial.getDay().toEpochDay();
        String location = partial.getLocationId();
        String series = location + StoreKeys.SEPARATOR + partial.getReportedBy() + StoreKeys.SEPARATOR;
        history.put(series + StoreKeys.paddedDay(day), partial);
        partials.put(dayPrefix(day) + location + StoreKeys.SEPARATOR + partial.getReportedBy(), windowed(partial, series, day));
        publish(combine(dayPrefix(day) + location + StoreKeys.SEPARATOR, location, day, false), record.timestamp());
        InventoryReport overall = combine(dayPrefix(day), InventoryReports.ALL, day, false);
        if (overall.getComplete()) {
            markComplete(overall, day, record.timestamp());
        } else {
            publish(overall, record.timestamp());
        }
        pruneHistory(series, day);
        if (day - KEEP_DAYS >= 0) {
            deleteBefore(day - KEEP_DAYS);
        }
    }

    /** The partial with its windows and its series' forecast errors of the last 28 closes. */
    private InventoryReport windowed(InventoryReport partial, String series, int day) {
        ReportFigures now = InventoryReports.figures(partial);
        Map<String, ErrorSums> errors = new TreeMap<>();
        try (KeyValueIterator<String, InventoryReport> it = history.range(series + StoreKeys.paddedDay(Math.max(0, day - MONTH + 1)),
                series + StoreKeys.paddedDay(day))) {
            while (it.hasNext()) {
                InventoryReports.classErrors(it.next().value).forEach((c, e) -> errors.merge(c, e, ErrorSums::plus));
            }
        }
        InventoryReport windowed = InventoryReports.toAvro(now.withClassErrors(errors),
                ServiceWindow.between(now, latestUpTo(series, day - WEEK), WEEK),
                ServiceWindow.between(now, latestUpTo(series, day - MONTH), MONTH),
                partial.getDay(), partial.getLocationId(), partial.getReportedBy(), 1, "");
        windowed.setPartialsInClose(partial.getPartialsInClose());
        return windowed;
    }

    /** The series' latest partial of {@code day} or before; EMPTY (count everything) when there is none. */
    private ReportFigures latestUpTo(String series, int day) {
        if (day < 0) {
            return ReportFigures.EMPTY;
        }
        try (KeyValueIterator<String, InventoryReport> it = history.reverseRange(series + StoreKeys.paddedDay(0),
                series + StoreKeys.paddedDay(day))) {
            return it.hasNext() ? InventoryReports.figures(it.next().value) : ReportFigures.EMPTY;
        }
    }

    /** Drops a series' partials older than 28 days, all but the newest of them (the next baseline). */
    private void pruneHistory(String series, int day) {
        if (day - MONTH - 1 < 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, InventoryReport> it = history.range(series + StoreKeys.paddedDay(0),
                series + StoreKeys.paddedDay(day - MONTH - 1))) {
            while (it.hasNext()) {
                old.add(it.next().key);
            }
        }
        for (int i = 0; i < old.size() - 1; i++) {
            history.delete(old.get(i));
        }
    }

    /**
     * The report of one location (prefix day|location|) or of ALL (prefix day|). A task counts as
     * reported for ALL once all of its partials of the day are in (it says how many it sends); ALL is
     * complete when every input partition's task has reported. {@code complete} marks a location's
     * report as final once ALL is.
     */
    private InventoryReport combine(String prefix, String location, int day, boolean complete) {
        ReportFigures sum = ReportFigures.EMPTY;
        ServiceWindow week = ServiceWindow.empty(WEEK);
        ServiceWindow month = ServiceWindow.empty(MONTH);
        Map<String, Integer> received = new TreeMap<>();
        Map<String, Integer> announced = new TreeMap<>();
        try (KeyValueIterator<String, InventoryReport> it = partials.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                InventoryReport p = it.next().value;
                sum = sum.plus(InventoryReports.figures(p));
                week = plus(week, InventoryReports.window(p.getLast7Days()));
                month = plus(month, InventoryReports.window(p.getLast28Days()));
                received.merge(p.getReportedBy(), 1, Integer::sum);
                announced.put(p.getReportedBy(), p.getPartialsInClose());
            }
        }
        boolean overall = location.equals(InventoryReports.ALL);
        int reported = overall
                ? (int) received.entrySet().stream().filter(e -> e.getValue() >= announced.get(e.getKey())).count()
                : received.size();
        boolean final_ = complete || overall && partitionsExpected > 0 && reported >= partitionsExpected;
        String summary = ReportSummary.write(overall ? "all locations" : location, LocalDate.ofEpochDay(day).toString(),
                sum, week, month, reported, partitionsExpected, final_);
        InventoryReport report = InventoryReports.toAvro(sum, week, month, LocalDate.ofEpochDay(day), location, "",
                reported, summary);
        report.setPartitionsExpected(partitionsExpected);
        report.setComplete(final_);
        return report;
    }

    /**
     * Every task has closed the day: the day's report of ALL and of each location is final. They are
     * kept as the latest complete reports (the API prefers them, see {@link InventoryReports#latest})
     * and published again with {@code complete = true}, whatever later day a task that ran ahead has
     * already reported.
     */
    private void markComplete(InventoryReport overall, int day, long timestamp) {
        Set<String> locations = new TreeSet<>();
        try (KeyValueIterator<String, InventoryReport> it = partials.prefixScan(dayPrefix(day), KEYS)) {
            while (it.hasNext()) {
                locations.add(it.next().value.getLocationId());
            }
        }
        List<InventoryReport> finals = new ArrayList<>();
        for (String location : locations) {
            finals.add(combine(dayPrefix(day) + location + StoreKeys.SEPARATOR, location, day, true));
        }
        finals.add(overall); // last: a reader that sees ALL complete has every location's final report too
        for (InventoryReport report : finals) {
            reports.put(InventoryReports.completeKey(report.getLocationId()), report);
            InventoryReport newest = reports.get(report.getLocationId());
            if (newest == null || !newest.getDay().isAfter(report.getDay())) {
                reports.put(report.getLocationId(), report);
            }
            context.forward(new Record<>(report.getLocationId(), report, timestamp), SINK);
        }
    }

    private static ServiceWindow plus(ServiceWindow total, ServiceWindow part) {
        return part == null ? total : total.plus(part);
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
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, InventoryReport> it = partials.range(dayPrefix(0), dayPrefix(day))) {
            while (it.hasNext()) {
                KeyValue<String, InventoryReport> entry = it.next();
                old.add(entry.key);
            }
        }
        old.forEach(partials::delete);
    }

    private static String dayPrefix(int day) {
        return StoreKeys.paddedDay(day) + StoreKeys.SEPARATOR;
    }
}
