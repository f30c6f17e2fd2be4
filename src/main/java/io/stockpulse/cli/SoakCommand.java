package io.stockpulse.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.replay.ReplayClock;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code stockpulse soak}: a long replay of the real data at a steady pace through the whole loop
 * (embedded broker, topology with the LSTM, supplier simulator), sampling lag, throughput, heap and
 * state size, to show whether anything grows without bound. Not a test: it runs for half an hour.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Replay the real data at a steady pace for a long time and sample lag, heap and state size.")
final class SoakCommand implements Callable<Integer> {
    @Mixin
    ForecasterOption forecasterOption;

    @Mixin
    WorkDirOption workDir;


    @Option(names = "--data", required = true, description = "Retail CSV(.gz), e.g. the whole shared Online Retail file.")
    Path data;

    @Option(names = "--minutes", defaultValue = "30", description = "How long to run (default: ${DEFAULT-VALUE}).")
    int minutes;

    // Dec 2009 – Aug 2011 is about 638 days: at 30,600 event seconds per second the whole file takes 30 minutes.
    @Option(names = "--speed", defaultValue = "30600",
            description = "Event-time seconds per wall second (default: ${DEFAULT-VALUE}: the whole shared file in 30 minutes).")
    double speed;

    @Option(names = "--sample-seconds", defaultValue = "30", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--out", description = "Write the samples as JSON here.")
    Path out;

    /** One sample; rates are over the interval since the previous sample. */
    record Sample(long elapsedSeconds, long eventsProcessed, double eventsPerSecond, long lagRecords, long skusTracked,
                  double heapUsedMb, double liveHeapMb, double stateMb) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        for (String name : List.of("org.apache.kafka", "kafka", "io.stockpulse", "ai.djl")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
        Path work = workDir.resolve("soak");
        List<Sample> samples = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
            StockPulseConfig config = config(broker.bootstrapServers(), work);
            TopicAdmin.ensureTopics(config, 6);
            try (StockPulseApp app = new StockPulseApp(config);
                 Admin admin = Admin.create(TopicAdmin.adminProperties(config))) {
                app.start();
                while (app.streams().state() != KafkaStreams.State.RUNNING) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                Topics topics = app.topics();
                try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(broker.bootstrapServers(),
                        topics, Map.of());
                     SupplierSimulator supplier = SupplierSimulator.create(broker.bootstrapServers(), Map.of(), topics,
                             SupplierSimulator.Settings.defaults(), producer)) {
                    Thread supplierThread = new Thread(supplier, "supplier-simulator");
                    supplierThread.start();
                    AtomicBoolean stopping = new AtomicBoolean();
                    Thread replay = startReplay(producer, topics, supplier, stopping);
                    console.printf(Locale.ROOT, "soak: %s for %d minutes at %.0f event-s/s, sampling every %d s (work dir %s)%n",
                            data.getFileName(), minutes, speed, sampleSeconds, work);
                    console.println(header());
                    samples.addAll(sampleWhileRunning(app, admin, replay, work, console));
                    stopping.set(true);
                    supplier.close();
                    supplierThread.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
        if (out != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), Map.of(
                    "data", data.toString(), "minutes", minutes, "speed", speed, "forecaster", forecasterOption.name(),
                    "samples", samples));
            console.println("samples written to " + out);
        }
        return 0;
    }

    /** The replay on its own thread; the supplier's receipts go out as the replay reaches them. */
    private Thread startReplay(KafkaProducer<String, SpecificRecord> producer, Topics topics, SupplierSimulator supplier,
                               AtomicBoolean stopping) {
        Thread replay = new Thread(() -> {
            try {
                new Replayer(producer, topics, new ReplayClock()).replay(Replayer.Options.of(data)
                        .withSpeed(speed).withProgress(false).withMapping(RetailEventMapper.Settings.defaults()), supplier);
            } catch (IOException | RuntimeException e) {
                if (!stopping.get()) { // at the end the producer is closed under the replay: expected
                    e.printStackTrace();
                }
            }
        }, "replay");
        replay.setDaemon(true);
        replay.start();
        return replay;
    }

    /** One sample every {@code --sample-seconds} until the time is up or the replay ends. */
    private List<Sample> sampleWhileRunning(StockPulseApp app, Admin admin, Thread replay, Path work, PrintStream console)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        long previousEvents = 0;
        long previousNanos = start;
        while (System.nanoTime() < end && replay.isAlive()) {
            TimeUnit.SECONDS.sleep(sampleSeconds); // the sampling period itself, not a synchronisation
            long now = System.nanoTime();
            long events = app.counters().total(PipelineCounters.EVENTS);
            Sample sample = new Sample(TimeUnit.NANOSECONDS.toSeconds(now - start), events,
                    (events - previousEvents) / ((now - previousNanos) / 1e9),
                    ConsumerLag.total(ConsumerLag.of(admin, app.applicationId(), app.topics().inputNames())),
                    skusTracked(app.streams()), mb(heapUsed()), mb(liveHeap()), mb(directorySize(work.resolve("state"))));
            samples.add(sample);
            console.println(row(sample));
            previousEvents = events;
            previousNanos = now;
        }
        return samples;
    }

    static String header() {
        return String.format(Locale.ROOT, "%8s %12s %9s %9s %9s %10s %10s %9s", "elapsed", "events", "events/s", "lag",
                "SKUs", "heap MB", "live MB", "state MB");
    }

    static String row(Sample s) {
        return String.format(Locale.ROOT, "%7ds %,12d %9.0f %,9d %,9d %10.0f %10.0f %9.1f", s.elapsedSeconds(),
                s.eventsProcessed(), s.eventsPerSecond(), s.lagRecords(), s.skusTracked(), s.heapUsedMb(),
                s.liveHeapMb(), s.stateMb());
    }

    private StockPulseConfig config(String bootstrap, Path work) {
        Map<String, String> values = new HashMap<>();
        values.put(StockPulseConfig.BOOTSTRAP_SERVERS, bootstrap);
        values.put(StockPulseConfig.SCHEMA_REGISTRY_URL, "mock://stockpulse-soak");
        values.put(StockPulseConfig.APPLICATION_ID, "stockpulse-soak");
        values.put(StockPulseConfig.STATE_DIR, work.resolve("state").toString());
        values.put(StockPulseConfig.HTTP_PORT, "0"); // a free port: never collides with a running instance
        values.put(StockPulseConfig.REPLICATION_FACTOR, "1");
        values.put(StockPulseConfig.FORECAST_MODEL, forecasterOption.name());
        values.put(StockPulseConfig.COMMIT_INTERVAL_MS, "1000");
        values.put(StockPulseConfig.MAX_TASK_IDLE_MS, "2000");
        return StockPulseConfig.load(null, Map.of(), values);
    }

    /** Counted, not RocksDB's estimate (which counts overwrites until compaction); a few thousand keys. */
    private static long skusTracked(KafkaStreams streams) {
        try (var all = streams.store(StoreQueryParameters.fromNameAndType(StoreNames.SKU_STATE,
                QueryableStoreTypes.<String, SkuState>keyValueStore())).all()) {
            long count = 0;
            while (all.hasNext()) {
                all.next();
                count++;
            }
            return count;
        } catch (RuntimeException rebalancing) {
            return -1;
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Live heap: used heap right after a full collection requested here. A soak wants the live set (a
     * leak shows as a rising floor); G1's young collections leave old-generation garbage in place, so
     * "used after the last GC" drifts up until a mixed collection and says nothing. One explicit GC per
     * sample (every 30 s by default) costs a pause of a few hundred milliseconds at most.
     */
    private static long liveHeap() {
        System.gc();
        return heapUsed();
    }

    private static long directorySize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException vanished) {
                    return 0; // RocksDB compaction removed it between listing and sizing
                }
            }).sum();
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
