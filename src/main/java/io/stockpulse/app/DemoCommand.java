package io.stockpulse.app;

import io.stockpulse.avro.InventoryReport;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.replay.ReplayClock;
import io.stockpulse.replay.ReplayStats;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.replay.SupplierSchedule;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code stockpulse demo}: the whole loop on one machine — an embedded KRaft broker, the topology,
 * the real Online Retail data replayed as events, a supplier answering reorder triggers with
 * shipments — then a KPI report. Nothing to install beyond Java.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay real retail data through StockPulse on an embedded broker and report the KPIs.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    /** Four months of the UCI Online Retail data (CC BY 4.0), bundled in the jar; see its README beside it. */
    static final String BUNDLED_DATA = "/datasets/online-retail-2009-12-to-2010-03.csv.gz";

    @Option(names = "--data", description = "Retail CSV(.gz); default: the Dec 2009 – Mar 2010 extract bundled in the jar.")
    Path data;

    @Option(names = "--forecaster", defaultValue = "lstm",
            description = "lstm, moving-average or seasonal-naive (default: ${DEFAULT-VALUE}).")
    String forecaster;

    // One business day per second: the supplier loop needs StockPulse to keep up with the replay (at full
    // speed the producer is months ahead, receipts land late and the closed loop shows stockouts it would not have).
    @Option(names = "--speed", defaultValue = "86400",
            description = "Event-time seconds per wall second; 0 = as fast as possible (default: ${DEFAULT-VALUE}, a day a second).")
    double speed;

    @Option(names = "--limit", defaultValue = "0", description = "Replay at most this many CSV rows (0 = all).")
    long limit;

    @Option(names = "--feed", defaultValue = "3", description = "Alert lines printed per second (default: ${DEFAULT-VALUE}).")
    int feedLines;

    @Option(names = "--work-dir", description = "Broker logs and state (default: a new temporary directory).")
    Path workDir;

    @Option(names = "--no-progress", negatable = true, defaultValue = "true", description = "Show the replay progress bar.")
    boolean progress;

    @Option(names = "--verbose", description = "Keep Kafka's and StockPulse's logs (default: errors only, the feed and the report).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (!verbose) {
            for (String name : List.of("org.apache.kafka", "org.apache.kafka.streams.KafkaStreams", "io.stockpulse",
                    "ai.djl")) {
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name))
                        .setLevel(ch.qos.logback.classic.Level.ERROR);
            }
            // The embedded broker's own logs (request handling, transaction bookkeeping) are not the
            // demo's subject; clients retry what it reports. --verbose shows them.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("kafka"))
                    .setLevel(ch.qos.logback.classic.Level.OFF);
        }
        Path work = workDir != null ? workDir : Files.createTempDirectory("stockpulse-demo-");
        Path input = data != null ? data : extractBundledData(work);
        try {
            io.stockpulse.replay.RetailCsv.check(input); // before the broker starts: a bad file is named at once
        } catch (java.io.IOException e) {
            System.err.println("demo: --data " + e.getMessage() + " (pass a CSV(.gz) with the Online Retail columns)");
            return 2;
        }
        long started = System.nanoTime();
        out.println("StockPulse demo: " + input.getFileName() + " with the " + forecaster + " forecaster (work dir "
                + work + ")");
        out.println("Data: UCI Online Retail II by Daqing Chen, CC BY 4.0 (doi:10.24432/C5CG6D).");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
            out.println("embedded Kafka 4.3.1 (KRaft) on " + broker.bootstrapServers());
            StockPulseConfig config = config(broker.bootstrapServers(), work);
            TopicAdmin.ensureTopics(config, 6);
            try (StockPulseApp app = new StockPulseApp(config)) {
                app.start();
                awaitRunning(app);
                out.println("HTTP: http://localhost:" + app.http().port() + "/metrics, /health/ready, /api/alerts?state=open");
                Topics topics = app.topics();
                ReplayClock clock = new ReplayClock();
                try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(broker.bootstrapServers(),
                        topics, Map.of());
                     // The supplier runs on StockPulse's time, read from the triggers: the replay runs ahead
                     // of the stream, and shipments dated ahead of it would close days early.
                     SupplierSimulator supplier = SupplierSimulator.create(broker.bootstrapServers(), Map.of(), topics,
                             new ReplayClock(), SupplierSimulator.Settings.defaults(), producer);
                     AlertFeed feed = new AlertFeed(broker.bootstrapServers(), topics, out, feedLines)) {
                    Thread supplierThread = new Thread(supplier, "supplier-simulator");
                    Thread feedThread = new Thread(feed, "alert-feed");
                    supplierThread.start();
                    feedThread.start();
                    ReplayStats stats = new Replayer(producer, topics, clock).replay(Replayer.Options.of(input)
                            .withLimit(limit).withSpeed(speed).withProgress(progress)
                            .withMapping(RetailEventMapper.Settings.defaults()));
                    awaitCaughtUp(app, supplier, config, topics);
                    // The daily report of the replay's last closed day, taken now: the drain below releases
                    // receipts dated after the data, and a day they close is reported only by the tasks that
                    // receive one (a report of a few SKUs, with no demand in its windows).
                    InventoryReport dailyReport = KpiReport.latestReport(app.streams());
                    supplier.drain();
                    awaitCaughtUp(app, supplier, config, topics);
                    feed.close();
                    feedThread.join(TimeUnit.SECONDS.toMillis(10));
                    supplier.close();
                    supplierThread.join(TimeUnit.SECONDS.toMillis(10));
                    int lastDay = (int) stats.lastEventAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
                    KpiReport report = KpiReport.collect(app.streams(), app.counters(), lastDay + 1, 28,
                            dailyReport);
                    out.println();
                    out.println("== StockPulse demo report (" + forecaster + ") ==");
                    out.println("replayed                  " + stats.summary().replace("\n", "\n                          "));
                    SupplierSchedule.Stats s = supplier.stats();
                    out.printf(Locale.ROOT, "supplier                  %,d orders (%,d units), %,d receipts (%,d units)%n",
                            s.ordersPlaced(), s.unitsOrdered(), s.receiptsReleased(), s.unitsReceived());
                    out.print(report.render());
                    out.printf(Locale.ROOT, "period                    %s .. %s, wall time %.0f s%n",
                            LocalDate.ofEpochDay(report.firstDay()), LocalDate.ofEpochDay(lastDay),
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
        return 0;
    }

    private static Path extractBundledData(Path work) throws java.io.IOException {
        Path target = work.resolve("online-retail-2009-12-to-2010-03.csv.gz");
        try (java.io.InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_DATA)) {
            if (in == null) {
                throw new java.io.IOException("the jar has no " + BUNDLED_DATA);
            }
            Files.createDirectories(work);
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private StockPulseConfig config(String bootstrap, Path work) {
        Map<String, String> values = new HashMap<>();
        values.put(StockPulseConfig.BOOTSTRAP_SERVERS, bootstrap);
        values.put(StockPulseConfig.SCHEMA_REGISTRY_URL, "mock://stockpulse-demo");
        values.put(StockPulseConfig.APPLICATION_ID, "stockpulse-demo");
        values.put(StockPulseConfig.STATE_DIR, work.resolve("state").toString());
        values.put(StockPulseConfig.HTTP_PORT, "0"); // a free port: never collides with a running instance
        values.put(StockPulseConfig.REPLICATION_FACTOR, "1");
        values.put(StockPulseConfig.FORECAST_MODEL, forecaster);
        values.put(StockPulseConfig.COMMIT_INTERVAL_MS, "1000");
        // The replay fills three topics at once: wait for each so a SKU's opening count comes before its sales.
        values.put(StockPulseConfig.MAX_TASK_IDLE_MS, "2000");
        return StockPulseConfig.load(null, Map.of(), values);
    }

    private static void awaitRunning(StockPulseApp app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (app.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || app.streams().state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("StockPulse did not start: " + app.streams().state());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Until the app has committed everything on its input topics and on the report partials (so the daily
     * report holds every task's partial) and the supplier has been quiet for a while.
     */
    private static void awaitCaughtUp(StockPulseApp app, SupplierSimulator supplier, StockPulseConfig config,
                                      Topics topics) throws Exception {
        List<String> inputs = new java.util.ArrayList<>(topics.inputNames());
        inputs.add(topics.reportPartials().name());
        try (Admin admin = Admin.create(TopicAdmin.adminProperties(config))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            while (ConsumerLag.total(ConsumerLag.of(admin, config.getString(StockPulseConfig.APPLICATION_ID), inputs)) > 0
                    || !supplier.awaitQuiet(Duration.ofSeconds(3), Duration.ofSeconds(3))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("StockPulse did not catch up within 20 minutes");
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }
}
