package io.stockpulse.bench;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.replay.Replayer;
import io.stockpulse.topics.Topics;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Alert latency of the full topology under steady load: background sales of ordinary SKUs at a fixed
 * rate and, interleaved, probe sales that empty a probe SKU's stock (set up before by a COUNT), each
 * of which must fire a reorder trigger — the alert decided per event (stockout alerts and overstock
 * warnings are day-close decisions). The probe SKUs are min/max SKUs, whose hand-set levels apply from
 * their first event, so no day has to close first. Latency is from just before the probe's
 * {@code send} to the poll that returns its alert to a {@code read_committed} consumer, so it includes
 * the exactly-once commit that makes the alert visible: the target is p99 ≤ commit interval + 50 ms.
 */
final class AlertLatencyBench {

    record Settings(long commitIntervalMs, int eventsPerSecond, int probesPerSecond, int backgroundSkus,
                    Duration warmUp, Duration measured) {
    }

    /**
     * Where the time goes, to explain a tail: the probes' send → broker acknowledgement (p50, p99),
     * the stream thread's commit latency (Kafka Streams' own thread metrics, average and maximum
     * over their last sample windows) and the JVM's GC pauses during the measured run (count, ms).
     */
    record Breakdown(double ackP50Ms, double ackP99Ms, double commitAvgMs, double commitMaxMs, long gcPauses,
                     long gcMs) {
    }

    record Result(Settings settings, long probes, long missing, long backgroundEvents, double p50Ms, double p99Ms,
                  double maxMs, double meanMs, Breakdown breakdown) {
        double targetMs() {
            return settings.commitIntervalMs() + 50;
        }

        boolean met() {
            return missing == 0 && p99Ms <= targetMs();
        }
    }

    /** Every probe has its own SKU, so its one alert identifies it. */
    private static final String PROBE_PREFIX = "LAT-P";
    private static final long PROBE_STOCK = 5;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final BenchCluster cluster;

    AlertLatencyBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    Result measure(Settings settings) throws Exception {
        String appId = "bench-latency-" + SEQUENCE.incrementAndGet();
        StockPulseConfig config = cluster.config(appId,
                Map.of(StockPulseConfig.COMMIT_INTERVAL_MS, Long.toString(settings.commitIntervalMs())));
        Topics topics = cluster.createTopics(config);
        String bootstrap = cluster.bootstrap();
        int warmUpProbes = (int) (settings.probesPerSecond() * settings.warmUp().toSeconds());
        int probeCount = warmUpProbes + (int) (settings.probesPerSecond() * settings.measured().toSeconds());
        // linger 0: the producer's batching delay is not the application's latency
        Map<String, Object> producerOverrides = Map.of(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (StockPulseApp app = new StockPulseApp(config);
             KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(bootstrap, topics, producerOverrides);
             AlertReader reader = new AlertReader(bootstrap, topics)) {
            app.start();
            awaitRunning(app.streams());
            long setupEvents = setUpStock(producer, topics, settings.backgroundSkus(), probeCount);
            awaitProcessed(appId, topics, setupEvents);
            reader.start();
            long[] gcBefore = gcCountAndMillis();
            long background = runLoad(producer, topics, settings, probeCount, reader.sentAt, reader.ackMicros);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reader.received.get() < probeCount && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            reader.stop();
            long[] gcAfter = gcCountAndMillis();
            Histogram histogram = histogram(reader.latencyMicros, warmUpProbes, probeCount);
            Histogram acks = histogram(reader.ackMicros, warmUpProbes, probeCount);
            Breakdown breakdown = new Breakdown(acks.getValueAtPercentile(50) / 1000.0,
                    acks.getValueAtPercentile(99) / 1000.0, threadMetric(app.streams(), "commit-latency-avg"),
                    threadMetric(app.streams(), "commit-latency-max"), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
            long measuredProbes = probeCount - warmUpProbes;
            return new Result(settings, measuredProbes, measuredProbes - histogram.getTotalCount(), background,
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                    histogram.getMaxValue() / 1000.0, histogram.getMean() / 1000.0, breakdown);
        }
    }

    private static Histogram histogram(Map<String, Long> micros, int fromProbe, int toProbe) {
        Histogram histogram = new Histogram(3);
        for (int i = fromProbe; i < toProbe; i++) {
            Long value = micros.get(PROBE_PREFIX + i);
            if (value != null) {
                histogram.recordValue(value);
            }
        }
        return histogram;
    }

    /** A stream-thread metric of Kafka Streams (in ms), the largest over the threads; NaN when absent. */
    private static double threadMetric(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** Collections and their accumulated time (ms) over all of the JVM's collectors so far. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Opening stock: plenty for the background SKUs (they never alert), {@link #PROBE_STOCK} per probe SKU. */
    private static long setUpStock(KafkaProducer<String, SpecificRecord> producer, Topics topics, int backgroundSkus,
                                   int probes) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < backgroundSkus; i++) {
            count(producer, topics, "LAT-B" + i, 1_000_000_000L, now);
        }
        for (int i = 0; i < probes; i++) {
            String sku = PROBE_PREFIX + i;
            SkuPolicy minMax = SkuPolicy.newBuilder().setSku(sku).setPolicyType("MIN_MAX").setMinUnits(1L)
                    .setMaxUnits(PROBE_STOCK).build();
            producer.send(new ProducerRecord<>(topics.names().skuPolicies(), null, now, sku, minMax));
            count(producer, topics, sku, PROBE_STOCK, now);
        }
        producer.flush();
        return backgroundSkus + (long) probes;
    }

    private static void count(KafkaProducer<String, SpecificRecord> producer, Topics topics, String sku, long quantity,
                              long at) {
        StockChangeEvent count = StockChangeEvent.newBuilder().setEventId("count-" + sku).setSku(sku).setLocationId("WH-1")
                .setKind(StockChangeKind.COUNT).setQuantity(quantity).setReason("bench opening count")
                .setOccurredAt(Instant.ofEpochMilli(at)).build();
        producer.send(new ProducerRecord<>(topics.names().stockChanges(), null, at, sku, count));
    }

    /**
     * Sends at a fixed rate (paced on the clock, not slept between events, so a slow send does not
     * lower the rate); every (rate / probes per second)-th event is the next probe. Returns the
     * background events sent.
     */
    private static long runLoad(KafkaProducer<String, SpecificRecord> producer, Topics topics, Settings settings,
                                int probeCount, Map<String, Long> sentAt, Map<String, Long> ackMicros) {
        SplittableRandom random = new SplittableRandom(11);
        int every = Math.max(1, settings.eventsPerSecond() / settings.probesPerSecond());
        long period = TimeUnit.SECONDS.toNanos(1) / settings.eventsPerSecond();
        long start = System.nanoTime();
        long background = 0;
        int probe = 0;
        for (long i = 0; probe < probeCount; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.currentTimeMillis();
            boolean isProbe = i % every == every - 1;
            String sku = isProbe ? PROBE_PREFIX + probe : "LAT-B" + random.nextInt(settings.backgroundSkus());
            SaleEvent sale = SaleEvent.newBuilder().setEventId("lat-" + i).setSku(sku).setLocationId("WH-1")
                    .setQuantity(isProbe ? PROBE_STOCK : 1).setUnitPrice(2.5).setOrderId(null)
                    .setOccurredAt(Instant.ofEpochMilli(now)).build();
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topics.names().sales(), null, now, sku, sale);
            if (isProbe) {
                long sent = System.nanoTime();
                sentAt.put(sku, sent);
                probe++;
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        ackMicros.put(sku, (System.nanoTime() - sent) / 1000);
                    }
                });
            } else {
                background++;
                producer.send(record);
            }
        }
        producer.flush();
        return background;
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("streams not RUNNING: " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits until the application has committed past the opening counts, so the load starts on a set-up state. */
    private void awaitProcessed(String appId, Topics topics, long events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            while (true) {
                Map<TopicPartition, Long> lag = ConsumerLag.of(admin, appId, topics.inputNames());
                if (!lag.isEmpty() && ConsumerLag.total(lag) == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(events + " opening counts not processed in 10 minutes");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /** A read_committed consumer on the trigger topic in its own thread, timing each probe's trigger on receipt. */
    private static final class AlertReader implements AutoCloseable {
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final Map<String, Long> latencyMicros = new ConcurrentHashMap<>();
        /** Probe send → the producer's acknowledgement (the broker has appended it). */
        final Map<String, Long> ackMicros = new ConcurrentHashMap<>();
        final AtomicInteger received = new AtomicInteger();
        private final KafkaConsumer<String, ReorderTrigger> consumer;
        private final String topic;
        private volatile boolean running = true;
        private Thread thread;

        AlertReader(String bootstrap, Topics topics) {
            topic = topics.names().reorderTriggers();
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), topics.reorderTriggers().valueSerde().deserializer());
        }

        void start() {
            List<TopicPartition> assigned = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            thread = new Thread(this::pollLoop, "bench-alert-reader");
            thread.start();
        }

        private void pollLoop() {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long receivedAt = System.nanoTime();
                for (ConsumerRecord<String, ReorderTrigger> record : records) {
                    ReorderTrigger alert = record.value();
                    if (alert == null || Boolean.TRUE.equals(alert.getSpecialOrder())) {
                        continue;
                    }
                    Long sent = sentAt.get(alert.getSku());
                    if (sent != null && latencyMicros.putIfAbsent(alert.getSku(), (receivedAt - sent) / 1000) == null) {
                        received.incrementAndGet();
                    }
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            consumer.close();
        }
    }
}
