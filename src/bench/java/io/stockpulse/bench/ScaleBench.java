package io.stockpulse.bench;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * 1, 2, 3 … StockPulse instances of one application id over the same partitioned backlog: how wall time,
 * stream-thread CPU and the restore of wiped state change with the instance count. The instances run in
 * this JVM on the bench's cores, so beside the wall time each instance's stream-thread CPU is measured:
 * the busiest instance's CPU is what the wall time would be with a core per instance.
 */
final class ScaleBench {

    /**
     * One instance in one run: the input events its consumers read, their bytes, its stream threads' CPU
     * seconds, and the records and network bytes its producers sent (changelogs, outputs, internal topics).
     */
    record InstanceRun(long events, double cpuSeconds, long inputBytes, long recordsSent, long bytesSent) {
        double cpuMicrosPerEvent() {
            return events == 0 ? 0 : cpuSeconds * 1e6 / events;
        }
    }

    /**
     * {@code runningSeconds}: first start → all RUNNING (joined, tasks assigned); {@code seconds}: first start → every input offset committed and no event held (includes joining the
     * group and its rebalances); {@code cpuSeconds}: all instances' stream threads; {@code busiestCpuSeconds}:
     * the largest single instance's; {@code restoreSeconds}: wiped state dirs, start → all RUNNING.
     */
    record Result(int instances, long events, BenchStats runningSeconds, BenchStats seconds, BenchStats cpuSeconds,
                  BenchStats busiestCpuSeconds,
                  BenchStats restoreSeconds, BenchStats restoredRecords, List<InstanceRun> lastRun) {
        double eventsPerSecond() {
            return events / seconds.median();
        }

        double cpuMicrosPerEvent() {
            return cpuSeconds.median() * 1e6 / events;
        }

        /** Events per second if every instance had a core of its own: CPU-bound, so the busiest instance decides. */
        double eventsPerBusiestCpuSecond() {
            return events / busiestCpuSeconds.median();
        }

        double restoredRecordsPerSecond() {
            return restoredRecords.median() / restoreSeconds.median();
        }
    }

    /** One measured run of {@code n} instances. */
    private record Run(double runningSeconds, double seconds, List<InstanceRun> instances, double restoreSeconds, long restored) {
    }

    static final String INPUT_PREFIX = "bench-scale.";
    private static final List<String> INPUTS = List.of("sales", "shipments", "stock-changes");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final BenchCluster cluster;

    ScaleBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** Fills the shared input topics with the synthetic stream, then runs every instance count {@code runs} times. */
    List<Result> measure(int[] instanceCounts, int runs, int skus, long syntheticEvents, int days) throws Exception {
        StockPulseConfig setup = config("bench-scale-setup", 0);
        Topics topics = cluster.createTopics(setup);
        long sent = BenchInputs.synthetic(cluster.bootstrap(), topics, skus, syntheticEvents, days);
        // The events are what the topics hold, not what was sent: on a loaded machine a send can time out
        // (delivery.timeout.ms) whether or not the broker wrote it (once 40,000 sends left 39,749 records).
        long events;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            // the end offsets, as the lag of a group that never committed: written from 0, no transactions
            events = ConsumerLag.total(ConsumerLag.of(admin, "bench-scale-no-group", topics.inputNames()));
        }
        if (events != sent) {
            System.err.printf("scale: %,d of %,d synthetic sales reached the input topics%n", events, sent);
        }
        Run[][] measured = new Run[instanceCounts.length][runs];
        // alternating counts within each round, so load on the shared machine hits every count alike
        for (int r = 0; r < runs; r++) {
            for (int c = 0; c < instanceCounts.length; c++) {
                measured[c][r] = run(instanceCounts[c]);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < instanceCounts.length; c++) {
            Run[] rs = measured[c];
            results.add(new Result(instanceCounts[c], events, stats(rs, Run::runningSeconds), stats(rs, Run::seconds),
                    stats(rs, run -> run.instances().stream().mapToDouble(InstanceRun::cpuSeconds).sum()),
                    stats(rs, run -> run.instances().stream().mapToDouble(InstanceRun::cpuSeconds).max().orElse(0)),
                    stats(rs, Run::restoreSeconds), stats(rs, run -> run.restored()), rs[runs - 1].instances()));
        }
        return results;
    }

    private static BenchStats stats(Run[] runs, ToDoubleFunction<Run> figure) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = figure.applyAsDouble(runs[i]);
        }
        return BenchStats.of(values);
    }

    /**
     * Instance {@code index} of application {@code appId}: the shared input topics, its own state directory,
     * and every other topic under the application id, so that one run never reads another's ABC cut-offs
     * or sales values.
     */
    private StockPulseConfig config(String appId, int index) {
        Map<String, String> values = new HashMap<>(cluster.extraSettings());
        for (String input : INPUTS) {
            values.put(StockPulseConfig.TOPIC_PREFIX + input, INPUT_PREFIX + input);
        }
        values.put(StockPulseConfig.APPLICATION_ID, appId);
        values.put(StockPulseConfig.STATE_DIR, cluster.stateDir(appId + "-" + index).toString());
        return BenchConfigs.forPrefix(cluster.bootstrap(), cluster.workDir(), appId + ".").apply(values);
    }

    private Run run(int n) throws Exception {
        String appId = "bench-scale-" + SEQUENCE.incrementAndGet();
        List<StockPulseConfig> configs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            configs.add(config(appId, i));
        }
        ThroughputBench.createTopics(configs.get(0), cluster.partitions());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        List<StockPulseApp> apps = new ArrayList<>();
        double seconds;
        double runningSeconds;
        List<InstanceRun> instances = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (StockPulseConfig config : configs) {
                StockPulseApp app = new StockPulseApp(config);
                apps.add(app);
                app.start();
            }
            awaitAllRunning(apps, deadline);
            runningSeconds = (System.nanoTime() - started) / 1e9;
            awaitDrained(apps, appId, deadline);
            seconds = (System.nanoTime() - started) / 1e9;
            for (StockPulseApp app : apps) {
                instances.add(new InstanceRun(inputConsumed(app, "records-consumed-total"),
                        streamThreadCpuSeconds(app.streams()), inputConsumed(app, "bytes-consumed-total"),
                        producerTotal(app.streams(), "record-send-total"), producerTotal(app.streams(), "outgoing-byte-total")));
            }
        } finally {
            closeAll(apps);
        }
        for (StockPulseConfig config : configs) {
            StateFootprintBench.deleteRecursively(Path.of(config.getString(StockPulseConfig.STATE_DIR)));
        }
        AtomicLong restored = new AtomicLong();
        double restoreSeconds = restore(configs, restored, deadline);
        return new Run(runningSeconds, seconds, instances, restoreSeconds, restored.get());
    }

    /** New instances over wiped state directories, timed from start until all are RUNNING (restore done). */
    private static double restore(List<StockPulseConfig> configs, AtomicLong restored, long deadline) throws Exception {
        List<StockPulseApp> apps = new ArrayList<>();
        try {
            for (StockPulseConfig config : configs) {
                StockPulseApp app = new StockPulseApp(config);
                apps.add(app);
                // Started without the HTTP server: its metrics would replace this restore listener.
                app.streams().setGlobalStateRestoreListener(new StateFootprintBench.CountingRestoreListener(restored));
            }
            long started = System.nanoTime();
            apps.forEach(app -> app.streams().start());
            awaitAllRunning(apps, deadline);
            return (System.nanoTime() - started) / 1e9;
        } finally {
            closeAll(apps);
        }
    }

    private void awaitDrained(List<StockPulseApp> apps, String appId, long deadline) throws Exception {
        awaitAllRunning(apps, deadline);
        List<String> inputs = apps.get(0).topics().inputNames();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            while (ConsumerLag.total(ConsumerLag.of(admin, appId, inputs)) > 0) {
                check(apps, deadline);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        for (StockPulseApp app : apps) {
            HeldEventsProbe.awaitNone(app.streams(), deadline);
        }
    }

    private static void awaitAllRunning(List<StockPulseApp> apps, long deadline) throws InterruptedException {
        while (!apps.stream().allMatch(app -> app.streams().state() == KafkaStreams.State.RUNNING)) {
            check(apps, deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static void check(List<StockPulseApp> apps, long deadline) {
        for (StockPulseApp app : apps) {
            if (app.streams().state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("an instance did not drain the input: " + app.streams().state());
            }
        }
    }

    /**
     * Closes the instances at the same time: one by one, each close would hand its tasks to the others,
     * which would restore them before they close in turn.
     */
    private static void closeAll(List<StockPulseApp> apps) throws InterruptedException {
        forEachInParallel(apps, StockPulseApp::close);
    }

    private static <T> void forEachInParallel(List<T> items, Consumer<T> action) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (T item : items) {
            Thread thread = new Thread(() -> action.accept(item), "bench-scale-close");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** CPU seconds used so far by this instance's stream threads (named in its thread metadata). */
    private static double streamThreadCpuSeconds(KafkaStreams streams) {
        Set<String> names = streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && names.contains(info.getThreadName())) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /**
     * Input records (or bytes) this instance's main consumers read. The fetch metrics name a topic twice, as it is
     * and (deprecated) with its dots as underscores, both counting the same records: one per topic is kept.
     * The restore consumers read changelogs only, so the input topics select the main consumers.
     */
    private static long inputConsumed(StockPulseApp app, String metric) {
        Map<String, Map<String, Double>> byTopicAndClient = new HashMap<>();
        for (String input : app.topics().inputNames()) {
            byTopicAndClient.put(input, new HashMap<>());
        }
        for (var entry : app.streams().metrics().entrySet()) {
            String topic = entry.getKey().tags().get("topic");
            if (topic != null && entry.getKey().name().equals(metric)
                    && entry.getKey().group().equals("consumer-fetch-manager-metrics")
                    && entry.getValue().metricValue() instanceof Number count) {
                for (String input : byTopicAndClient.keySet()) {
                    if (topic.equals(input) || topic.equals(input.replace('.', '_'))) {
                        byTopicAndClient.get(input).merge(entry.getKey().tags().get("client-id"), count.doubleValue(),
                                Math::max);
                    }
                }
            }
        }
        return Math.round(byTopicAndClient.values().stream()
                .mapToDouble(clients -> clients.values().stream().mapToDouble(Double::doubleValue).sum()).sum());
    }

    /** The producers' {@code metric} (records sent, network bytes out) so far, over this instance's producers. */
    private static long producerTotal(KafkaStreams streams, String metric) {
        double total = 0;
        for (var entry : streams.metrics().entrySet()) {
            if (entry.getKey().name().equals(metric) && entry.getKey().group().equals("producer-metrics")
                    && entry.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return Math.round(total);
    }
}
