package io.stockpulse.bench;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * End-to-end throughput of the full StockPulse topology (exactly-once v2, RocksDB, day closes with
 * forecasts) beside a minimal stateful topology (group by SKU + count, also exactly-once v2 and
 * RocksDB) over the same backlog on the same broker. Each run uses a fresh application id and state
 * directory and is timed from RUNNING to "every input offset committed"; the two alternate so load
 * on the shared machine hits both alike.
 */
final class ThroughputBench {

    /**
     * Wall seconds and the stream thread's CPU seconds (from RUNNING to drained) per run. The CPU time
     * is what one event costs the stream thread, and other processes on a shared machine disturb it
     * far less than the wall time.
     */
    record Result(String dataset, long events, BenchStats fullSeconds, BenchStats minimalSeconds,
                  BenchStats fullCpuSeconds, BenchStats minimalCpuSeconds, BenchStats fullRecordsSent,
                  BenchStats minimalRecordsSent, Map<String, Double> fullRecordsSentByTopic) {
        /** Records the topology's producers sent (changelogs, outputs, internal topics) per input event. */
        double fullRecordsPerEvent() {
            return fullRecordsSent.median() / events;
        }

        double minimalRecordsPerEvent() {
            return minimalRecordsSent.median() / events;
        }

        double fullCpuMicrosPerEvent() {
            return fullCpuSeconds.median() * 1e6 / events;
        }

        double minimalCpuMicrosPerEvent() {
            return minimalCpuSeconds.median() * 1e6 / events;
        }

        double cpuRatio() {
            return minimalCpuSeconds.median() / fullCpuSeconds.median();
        }

        double fullEventsPerSecond() {
            return events / fullSeconds.median();
        }

        double minimalEventsPerSecond() {
            return events / minimalSeconds.median();
        }

        double ratio() {
            return fullEventsPerSecond() / minimalEventsPerSecond();
        }
    }

    private final String bootstrap;
    private final Path workDir;
    private final Function<Map<String, String>, StockPulseConfig> configFor;
    private final int runs;
    /** Every run gets its own application id (group, changelogs, state), never reused. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    ThroughputBench(String bootstrap, Path workDir, Function<Map<String, String>, StockPulseConfig> configFor, int runs) {
        this.bootstrap = bootstrap;
        this.workDir = workDir;
        this.configFor = configFor;
        this.runs = runs;
    }

    /** Measures both topologies over the backlog already in {@code config}'s input topics. */
    Result measure(String dataset, StockPulseConfig base, long events) throws Exception {
        double[] full = new double[runs];
        double[] minimal = new double[runs];
        double[] fullCpu = new double[runs];
        double[] minimalCpu = new double[runs];
        double[] fullSent = new double[runs];
        double[] minimalSent = new double[runs];
        Map<String, Double> fullByTopic = Map.of();
        for (int r = 0; r < runs; r++) {
            Timing m = runMinimal(base);
            minimal[r] = m.seconds();
            minimalCpu[r] = m.cpuSeconds();
            minimalSent[r] = m.recordsSent();
            Timing f = runFull();
            full[r] = f.seconds();
            fullCpu[r] = f.cpuSeconds();
            fullSent[r] = f.recordsSent();
            fullByTopic = f.sentByTopic();
        }
        return new Result(dataset, events, BenchStats.of(full), BenchStats.of(minimal), BenchStats.of(fullCpu),
                BenchStats.of(minimalCpu), BenchStats.of(fullSent), BenchStats.of(minimalSent), fullByTopic);
    }

    private Timing runFull() throws Exception {
        String appId = "bench-full-" + SEQUENCE.incrementAndGet();
        Map<String, String> overrides = new HashMap<>();
        overrides.put(StockPulseConfig.APPLICATION_ID, appId);
        overrides.put(StockPulseConfig.STATE_DIR, workDir.resolve("state-" + appId).toString());
        StockPulseConfig config = configFor.apply(overrides);
        try (StockPulseApp app = new StockPulseApp(config)) {
            app.start();
            return timeUntilDrained(app.streams(), appId, app.topics().inputNames());
        }
    }

    private Timing runMinimal(StockPulseConfig base) throws Exception {
        String appId = "bench-minimal-" + SEQUENCE.incrementAndGet();
        List<String> inputs = List.of(base.topicNames().sales(), base.topicNames().shipments(),
                base.topicNames().stockChanges());
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> events = builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        events.groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("count-by-sku")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        Topology topology = builder.build();
        Properties props = StockPulseApp.streamsProperties(base, new PipelineCounters());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("state-" + appId).toString());
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            return timeUntilDrained(streams, appId, inputs);
        }
    }

    /** {@code sentByTopic}: records sent per topic (application-id prefix of changelogs removed), this run. */
    private record Timing(double seconds, double cpuSeconds, double recordsSent, Map<String, Double> sentByTopic) {
    }

    /** Seconds (wall, and the stream thread's CPU) from RUNNING until the group has committed every input offset and applied every event. */
    private Timing timeUntilDrained(KafkaStreams streams, String groupId, List<String> inputs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            check(streams, deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long started = System.nanoTime();
        double cpuAtStart = streamThreadCpuSeconds(groupId);
        double sentAtStart = recordsSent(streams);
        Map<String, Double> byTopicAtStart = recordsSentByTopic(streams, groupId);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (ConsumerLag.total(ConsumerLag.of(admin, groupId, inputs)) > 0) {
                check(streams, deadline);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        HeldEventsProbe.awaitNone(streams, deadline);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> byTopic = new TreeMap<>(recordsSentByTopic(streams, groupId));
        byTopic.replaceAll((topic, sent) -> sent - byTopicAtStart.getOrDefault(topic, 0.0));
        return new Timing(seconds, streamThreadCpuSeconds(groupId) - cpuAtStart, recordsSent(streams) - sentAtStart,
                byTopic);
    }

    private static Map<String, Double> recordsSentByTopic(KafkaStreams streams, String groupId) {
        Map<String, Double> out = new HashMap<>();
        for (var entry : streams.metrics().entrySet()) {
            String topic = entry.getKey().tags().get("topic");
            if (topic != null && entry.getKey().name().equals("record-send-total")
                    && entry.getKey().group().equals("producer-topic-metrics")
                    && entry.getValue().metricValue() instanceof Number n) {
                out.merge(topic.startsWith(groupId + "-") ? topic.substring(groupId.length() + 1) : topic,
                        n.doubleValue(), Double::sum);
            }
        }
        return out;
    }

    /**
     * Records sent so far by the stream threads' producers: what the broker must write and the
     * exactly-once commit must wait for. Load moves it far less than wall time, but not at all only
     * without caching: cached stores write once per key and commit, so it varies with commit timing.
     */
    private static double recordsSent(KafkaStreams streams) {
        double total = 0;
        for (var entry : streams.metrics().entrySet()) {
            if (entry.getKey().name().equals("record-send-total") && entry.getKey().group().equals("producer-metrics")
                    && entry.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return total;
    }

    /** CPU seconds used so far by the stream threads of {@code groupId} (their names start with it). */
    private static double streamThreadCpuSeconds(String groupId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(groupId) && info.getThreadName().contains("-StreamThread-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static void check(KafkaStreams streams, long deadline) {
        if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
            throw new IllegalStateException("streams did not drain the input: " + streams.state());
        }
    }

    /** Creates the topics and waits until every partition has a leader, so the first sends do not stall. */
    static void createTopics(StockPulseConfig config, int partitions) throws Exception {
        TopicAdmin.ensureTopics(config, partitions);
        List<String> names = List.of(config.topicNames().sales(), config.topicNames().shipments(),
                config.topicNames().stockChanges());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Admin admin = Admin.create(TopicAdmin.adminProperties(config))) {
            while (!admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("input partitions have no leader after 2 minutes");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }
}
