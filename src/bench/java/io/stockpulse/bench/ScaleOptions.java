package io.stockpulse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The multi-instance scaling benchmark's options of {@code stockpulse bench}, and its report. */
final class ScaleOptions {

    @Option(names = "--scale-instances", split = ",", defaultValue = "1,2,3",
            description = "Instance counts (one application id, in this JVM) run over the same synthetic stream "
                    + "(--skus, --synthetic-events, --days, --partitions) (default: ${DEFAULT-VALUE}).")
    int[] instances;

    /**
     * For {@code --smoke}: two instances only, the multi-instance path; each count costs ~10–25 s of
     * starting, rebalancing and closing even over the tiny stream, and BenchCommandIT runs the smoke set.
     */
    void smoke() {
        instances = new int[] {2};
    }

    /** Runs the benchmark and reports it as a table section and as the JSON's {@code scale} array. */
    void run(BenchCluster cluster, int runs, int skus, long events, int days, ObjectNode json, StringBuilder table)
            throws Exception {
        List<ScaleBench.Result> results = new ScaleBench(cluster).measure(instances, runs, skus, events, days);
        table.append(String.format(Locale.ROOT, "%nScale-out, instances of one application id in this JVM, %d partitions, "
                + "synthetic %,d SKUs x %d days, %,d events (medians; min..max)%n", cluster.partitions(), skus, days,
                results.get(0).events()));
        table.append(String.format(Locale.ROOT, "%-10s %-24s %-11s %-13s %-22s %-12s %-24s %s%n", "instances",
                "wall s (start->drained)", "events/s", "CPU us/event", "busiest CPU s", "events/CPU-s",
                "restore s (wiped->RUNNING)", "records/s"));
        ArrayNode array = json.putArray("scale");
        for (ScaleBench.Result r : results) {
            table.append(String.format(Locale.ROOT, "%-10d %-24s %-11.0f %-13.0f %-22s %-12.0f %-24s %.0f%n", r.instances(),
                    format(r.seconds()), r.eventsPerSecond(), r.cpuMicrosPerEvent(), format(r.busiestCpuSeconds()),
                    r.eventsPerBusiestCpuSecond(), format(r.restoreSeconds()), r.restoredRecordsPerSecond()));
            StringBuilder perInstance = new StringBuilder();
            for (ScaleBench.InstanceRun i : r.lastRun()) {
                perInstance.append(String.format(Locale.ROOT, "  %,d events %.2f s CPU %.0f us/event;", i.events(),
                        i.cpuSeconds(), i.cpuMicrosPerEvent()));
            }
            table.append(String.format(Locale.ROOT, "%-10s all RUNNING after %s s; last run per instance:%s restored "
                    + "%,.0f records%n", "", format(r.runningSeconds()), perInstance, r.restoredRecords().median()));
            table.append(String.format(Locale.ROOT, "%-10s last run, per event: %.0f input bytes read, %.2f records and "
                    + "%.0f network bytes sent by the producers%n", "", sum(r, ScaleBench.InstanceRun::inputBytes) / r.events(),
                    sum(r, ScaleBench.InstanceRun::recordsSent) / r.events(), sum(r, ScaleBench.InstanceRun::bytesSent) / r.events()));
            array.add(node(array.objectNode(), r, cluster.partitions()));
        }
        table.append("(wall includes joining the group and its rebalances; busiest CPU = the largest instance's "
                + "stream-thread CPU, the wall time with a core per instance)\n");
    }

    private static ObjectNode node(ObjectNode node, ScaleBench.Result r, int partitions) {
        node.put("instances", r.instances());
        node.put("partitions", partitions);
        node.put("events", r.events());
        stats(node.putObject("runningSeconds"), r.runningSeconds());
        stats(node.putObject("seconds"), r.seconds());
        node.put("eventsPerSecond", r.eventsPerSecond());
        stats(node.putObject("streamThreadCpuSeconds"), r.cpuSeconds());
        node.put("cpuMicrosPerEvent", r.cpuMicrosPerEvent());
        stats(node.putObject("busiestInstanceCpuSeconds"), r.busiestCpuSeconds());
        node.put("eventsPerBusiestCpuSecond", r.eventsPerBusiestCpuSecond());
        node.put("inputBytesPerEventLastRun", sum(r, ScaleBench.InstanceRun::inputBytes) / r.events());
        node.put("recordsSentPerEventLastRun", sum(r, ScaleBench.InstanceRun::recordsSent) / r.events());
        node.put("producerBytesSentPerEventLastRun", sum(r, ScaleBench.InstanceRun::bytesSent) / r.events());
        ArrayNode perInstance = node.putArray("perInstanceLastRun");
        for (ScaleBench.InstanceRun i : r.lastRun()) {
            ObjectNode one = perInstance.addObject();
            one.put("events", i.events());
            one.put("streamThreadCpuSeconds", i.cpuSeconds());
            one.put("cpuMicrosPerEvent", i.cpuMicrosPerEvent());
            one.put("inputBytes", i.inputBytes());
            one.put("recordsSent", i.recordsSent());
            one.put("producerBytesSent", i.bytesSent());
        }
        stats(node.putObject("restoreSeconds"), r.restoreSeconds());
        stats(node.putObject("restoredRecords"), r.restoredRecords());
        node.put("restoredRecordsPerSecond", r.restoredRecordsPerSecond());
        return node;
    }

    private static double sum(ScaleBench.Result r, ToLongFunction<ScaleBench.InstanceRun> figure) {
        return r.lastRun().stream().mapToLong(figure).sum();
    }

    private static String format(BenchStats s) {
        return String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", s.median(), s.min(), s.max());
    }

    private static void stats(ObjectNode node, BenchStats s) {
        node.put("median", s.median());
        node.put("min", s.min());
        node.put("max", s.max());
        node.put("runs", s.runs());
    }
}
