package io.stockpulse.bench;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.replay.Replayer;
import io.stockpulse.serde.VersionedAvroSerde;
import io.stockpulse.state.SkuStateLayouts;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * State footprint and changelog restore of the full topology. Fills {@code skus} SKU × location series
 * with a full-length daily history ({@code days} days: each SKU sells on {@code salesPerSku} days spread
 * evenly from the first to the last day, so every history array spans all {@code days}), closes the
 * instance (RocksDB flushed), measures its state directory and changelog topics, wipes the state
 * directory and times a new instance of the same application id from start to RUNNING, counting the
 * records the restore listener reports.
 */
final class StateFootprintBench {

    record Settings(int skus, int days, int salesPerSku, int forecastRefreshDays) {
    }

    record Result(Settings settings, long events, double fillSeconds, long stateBytes, long sstBytes,
                  long liveStateBytes, long liveStates, Map<String, Long> storeBytes,
                  long changelogBytes, long restoredRecords, double restoreSeconds) {
        double stateBytesPerSku() {
            return (double) stateBytes / settings.skus();
        }

        double changelogBytesPerSku() {
            return (double) changelogBytes / settings.skus();
        }

        double restoredRecordsPerSecond() {
            return restoredRecords / restoreSeconds;
        }
    }

    private static final long DAY_MS = 86_400_000L;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final BenchCluster cluster;

    StateFootprintBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    Result measure(Settings settings) throws Exception {
        String appId = "bench-footprint-" + SEQUENCE.incrementAndGet();
        Path stateDir = cluster.stateDir(appId);
        // A refresh every forecast.refresh.days over two years would forecast every series ~100 times; the
        // footprint needs a stored forecast per series, not the forecasts, so they are refreshed rarely.
        StockPulseConfig config = cluster.config(appId,
                Map.of(StockPulseConfig.FORECAST_REFRESH, Integer.toString(settings.forecastRefreshDays())));
        Topics topics = cluster.createTopics(config);

        long events = fill(topics, settings);
        long fillStarted = System.nanoTime();
        long[] live;
        try (StockPulseApp app = new StockPulseApp(config)) {
            app.start();
            awaitDrained(app.streams(), appId, topics.inputNames());
            live = liveStateBytes(app.streams());
        }
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        Map<String, Long> storeBytes = storeBytes(stateDir.resolve(appId));
        long stateBytes = storeBytes.values().stream().mapToLong(Long::longValue).sum();
        long sstBytes = sstBytes(stateDir.resolve(appId));
        long changelogBytes = changelogBytes(appId);

        deleteRecursively(stateDir);
        AtomicLong restored = new AtomicLong();
        long restoreStarted;
        double restoreSeconds;
        try (StockPulseApp app = new StockPulseApp(config)) {
            // Started without the HTTP server: its metrics would replace this restore listener.
            app.streams().setGlobalStateRestoreListener(new CountingRestoreListener(restored));
            restoreStarted = System.nanoTime();
            app.streams().start();
            awaitRunning(app.streams());
            restoreSeconds = (System.nanoTime() - restoreStarted) / 1e9;
        }
        return new Result(settings, events, fillSeconds, stateBytes, sstBytes, live[0], live[1], storeBytes, changelogBytes, restored.get(),
                restoreSeconds);
    }

    /** Sales in time order: round r is day r × (days − 1) / (salesPerSku − 1), each SKU once, spread over the day. */
    private long fill(Topics topics, Settings settings) {
        SplittableRandom random = new SplittableRandom(13);
        long start = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        long sent = 0;
        try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(cluster.bootstrap(), topics, Map.of())) {
            for (int round = 0; round < settings.salesPerSku(); round++) {
                int day = settings.salesPerSku() == 1 ? 0 : round * (settings.days() - 1) / (settings.salesPerSku() - 1);
                for (int s = 0; s < settings.skus(); s++) {
                    String sku = "FP" + s;
                    long at = start + day * DAY_MS + DAY_MS * s / settings.skus();
                    SaleEvent sale = SaleEvent.newBuilder().setEventId("fp-" + round + "-" + s).setSku(sku)
                            .setLocationId("WH-1").setQuantity(1 + random.nextInt(20)).setUnitPrice(2.5).setOrderId(null)
                            .setOccurredAt(Instant.ofEpochMilli(at)).build();
                    producer.send(new ProducerRecord<>(topics.names().sales(), null, at, sku, sale));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** Bytes on disk per store (RocksDB files, segments, checkpoints) under the application's state directory. */
    static Map<String, Long> storeBytes(Path appStateDir) throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        if (!Files.isDirectory(appStateDir)) {
            return bytes;
        }
        try (Stream<Path> files = Files.walk(appStateDir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path relative = appStateDir.relativize(file);
                // <task>/rocksdb/<store>/... for key-value stores, <task>/<store>/<segment>/... for window stores
                String store = relative.getNameCount() < 3 ? "(task files)"
                        : relative.getName(1).toString().equals("rocksdb") && relative.getNameCount() > 3
                        ? relative.getName(2).toString() : relative.getName(1).toString();
                bytes.merge(store, Files.size(file), Long::sum);
            }
        }
        return bytes;
    }

    /**
     * Key and value bytes of every current SKU state, read through interactive queries and encoded as
     * the store encodes them: the files on disk still hold overwritten versions until RocksDB compacts
     * them. Returns {bytes, states}.
     */
    private static long[] liveStateBytes(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, SkuState> store = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.SKU_STATE, QueryableStoreTypes.<String, SkuState>keyValueStore()));
        VersionedAvroSerde<SkuState> serde = SkuStateLayouts.serde();
        long bytes = 0;
        long states = 0;
        try (KeyValueIterator<String, SkuState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, SkuState> entry = all.next();
                bytes += entry.key.getBytes(StandardCharsets.UTF_8).length + serde.encode(StoreNames.SKU_STATE, entry.value).length;
                states++;
            }
        }
        return new long[] {bytes, states};
    }

    /** The data files alone: RocksDB's LOG, MANIFEST and OPTIONS files are a fixed cost per store. */
    private static long sstBytes(Path appStateDir) throws IOException {
        try (Stream<Path> files = Files.walk(appStateDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Bytes of the application's changelog partitions on the broker, as written (before any log compaction). */
    private long changelogBytes(String appId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
            long total = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                    .get(30, TimeUnit.SECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (var replica : dir.replicaInfos().entrySet()) {
                        TopicPartition partition = replica.getKey();
                        if (partition.topic().startsWith(appId + "-") && partition.topic().endsWith("-changelog")) {
                            total += replica.getValue().size();
                        }
                    }
                }
            }
            return total;
        }
    }

    private void awaitDrained(KafkaStreams streams, String appId, List<String> inputs) throws Exception {
        awaitRunning(streams);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            while (ConsumerLag.total(ConsumerLag.of(admin, appId, inputs)) > 0) {
                if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the fill did not drain: " + streams.state());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        HeldEventsProbe.awaitNone(streams, deadline);
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("streams not RUNNING: " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** Sums the records restored into every store. */
    record CountingRestoreListener(AtomicLong restored) implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.addAndGet(totalRestored);
        }
    }
}
