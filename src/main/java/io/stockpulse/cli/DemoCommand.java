package io.stockpulse.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.demo.AlertFeed;
import io.stockpulse.demo.DemoFigures;
import io.stockpulse.demo.DemoLockstep;
import io.stockpulse.demo.KpiReport;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.replay.LeadTimeModel;
import io.stockpulse.replay.ReplayClock;
import io.stockpulse.replay.ReplayEvent;
import io.stockpulse.replay.ReplayStats;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailCsv;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.replay.SupplierSchedule;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code stockpulse demo}: the whole loop on one machine — an embedded KRaft broker, the topology,
 * the real Online Retail data replayed as events, a supplier answering reorder triggers with
 * shipments — then a KPI report and the figures {@code stockpulse simulate} prints. It is the same
 * closed loop as simulate: unit costs from the prices (policies published first), a supplier in event
 * time with simulate's lead-time draws, and the replay in day lockstep with StockPulse, so the same
 * data give the same figures in every run (docs/demo-vs-simulate.md).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay real retail data through StockPulse on an embedded broker and report the KPIs.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    RetailDataOption data;

    @Mixin
    ForecasterOption forecasterOption;

    @Mixin
    WorkDirOption workDir;


    // The day lockstep, not a pace, keeps the closed loop honest now: the supplier answers in event time and
    // the replay waits at each day's end for StockPulse and the supplier, so any speed gives the same figures.
    @Option(names = "--speed", defaultValue = "0",
            description = "Event-time seconds per wall second; 0 = as fast as the day lockstep allows (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--limit", defaultValue = "0", description = "Replay at most this many CSV rows (0 = all).")
    long limit;

    @Option(names = "--cost-ratio", defaultValue = "0.6",
            description = "Unit cost as a share of the SKU's median selling price, published as SKU policies (default: ${DEFAULT-VALUE}, as simulate).")
    double costRatio;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the supplier's lead times (default: ${DEFAULT-VALUE}, as simulate).")
    long seed;

    @Option(names = "--feed", defaultValue = "3", description = "Alert lines printed per second (default: ${DEFAULT-VALUE}).")
    int feedLines;

    @Option(names = "--no-progress", negatable = true, defaultValue = "true", description = "Show the replay progress bar.")
    boolean progress;

    @Option(names = "--verbose", description = "Keep Kafka's and StockPulse's logs (default: errors only, the feed and the report).")
    boolean verbose;

    @Option(names = "--keep-running", description = "After the report, keep the broker, StockPulse and the dashboard "
            + "up until interrupted (Ctrl-C), to explore the replayed data in the browser.")
    boolean keepRunning;

    @Option(names = "--simulate-json", description = "A `stockpulse simulate --out` report for the dashboard's "
            + "exchange-curve panel (dashboard.simulate.file).")
    Path simulateJson;

    /** The longest the replay waits at one day's end for StockPulse and the supplier. */
    static final Duration LOCKSTEP_MAX_WAIT = Duration.ofMinutes(10);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (!(costRatio > 0) || Double.isInfinite(costRatio)) {
            System.err.println("demo: --cost-ratio must be a finite number > 0, was " + costRatio);
            return 2;
        }
        quietLogs();
        Path work = workDir.resolve("demo");
        Path input = data.resolve(work);
        try {
            RetailCsv.check(input); // before the broker starts: a bad file is named at once
        } catch (IOException e) {
            System.err.println("demo: --data " + e.getMessage() + " (pass a CSV(.gz) with the Online Retail columns)");
            return 2;
        }
        long started = System.nanoTime();
        out.println("StockPulse demo: " + input.getFileName() + " with the " + forecasterOption.name() + " forecaster (work dir "
                + work + ")");
        out.println("Data: UCI Online Retail II by Daqing Chen, CC BY 4.0 (doi:10.24432/C5CG6D).");
        try (KeepRunning keep = new KeepRunning();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
            out.println("embedded Kafka 4.3.1 (KRaft) on " + broker.bootstrapServers());
            StockPulseConfig config = config(broker.bootstrapServers(), work);
            TopicAdmin.ensureTopics(config, 6);
            try (StockPulseApp app = new StockPulseApp(config)) {
                app.start();
                awaitRunning(app);
                out.println("Dashboard: http://localhost:" + app.http().port() + "/ (live during the replay"
                        + (keepRunning ? " and after the report, until Ctrl-C)" : "; --keep-running keeps it up after the report)"));
                out.println("HTTP: http://localhost:" + app.http().port() + "/metrics, /health/ready, /api/exceptions");
                runLoop(app, config, broker.bootstrapServers(), input, out, started);
                if (keepRunning) {
                    keep.await(out, "http://localhost:" + app.http().port() + "/");
                }
            }
        }
        return 0;
    }

    /** The replay in day lockstep with the supplier and the feed running beside it, then the report. */
    private void runLoop(StockPulseApp app, StockPulseConfig config, String bootstrap, Path input, PrintStream out,
                         long started) throws Exception {
        Topics topics = app.topics();
        PolicyParameters defaults = config.inventorySettings().defaultPolicy();
        // simulate's supplier: lead times from the default policy's L and sigma, drawn per (SKU, trigger id).
        SupplierSimulator.Settings supplierSettings = new SupplierSimulator.Settings(
                LeadTimeModel.ofDays(defaults.leadTimeDays(), defaults.leadTimeStdDays(), seed),
                SupplierSimulator.DEFAULT_GROUP_ID, Duration.ofMillis(20));
        try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(bootstrap, topics, Map.of());
             SupplierSimulator supplier = SupplierSimulator.create(bootstrap, Map.of(), topics, supplierSettings, producer);
             AlertFeed feed = new AlertFeed(bootstrap, topics, out, feedLines);
             Admin admin = Admin.create(TopicAdmin.adminProperties(config))) {
            Thread supplierThread = new Thread(supplier, "supplier-simulator");
            Thread feedThread = new Thread(feed, "alert-feed");
            supplierThread.start();
            feedThread.start();
            DemoLockstep lockstep = new DemoLockstep(admin, config.getString(StockPulseConfig.APPLICATION_ID), topics,
                    supplier, app.streams(), LOCKSTEP_MAX_WAIT);
            ReplayStats stats = new Replayer(producer, topics, new ReplayClock()).replay(Replayer.Options.of(input)
                    .withLimit(limit).withSpeed(speed).withProgress(progress).withCostRatio(costRatio)
                    .withMapping(RetailEventMapper.Settings.defaults()), lockstep);
            // The daily report aggregates the partials: wait for them too, then for the feed to count every alert.
            lockstep.awaitSettled(List.of(topics.reportPartials().name()));
            Map<TopicPartition, Long> alertEnds = DemoLockstep.lastStableOffsets(admin, feed.topicNames());
            lockstep.await("the alert feed to read every alert", () -> feed.readUpTo(alertEnds));
            InventoryReport dailyReport = KpiReport.latestReport(app.streams());
            int lastDay = (int) stats.lastEventAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
            KpiReport report = KpiReport.collect(app.streams(), app.counters(), lastDay + 1, 28,
                    unitCosts(app.streams(), defaults.unitCost()), dailyReport);
            feed.close();
            feedThread.join(TimeUnit.SECONDS.toMillis(10));
            SupplierSchedule.Stats s = supplier.stats();
            Map<String, Double> figures = DemoFigures.of(report, stats.events(ReplayEvent.Kind.SALE), s,
                    feed.stockoutTransitions() + feed.overstockTransitions());
            out.println();
            printReport(out, stats, s, lockstep, report, lastDay, started);
            out.printf(Locale.ROOT, "alert transitions         %,d read from the alert topics (stockout %,d, overstock %,d)%n",
                    feed.stockoutTransitions() + feed.overstockTransitions(), feed.stockoutTransitions(),
                    feed.overstockTransitions());
            out.println();
            out.print(DemoFigures.render(figures));
        }
    }

    private void printReport(PrintStream out, ReplayStats stats, SupplierSchedule.Stats s, DemoLockstep lockstep,
                             KpiReport report, int lastDay, long started) {
        out.println("== StockPulse demo report (" + forecasterOption.name() + ") ==");
        out.println("replayed                  " + stats.summary().strip().replace("\n", "\n                          "));
        out.println("lockstep                  " + lockstep.summary());
        out.printf(Locale.ROOT, "supplier                  %,d orders (%,d units; %,d special, %,d units), "
                        + "%,d receipts (%,d units), %,d due after the data%n", s.ordersPlaced(), s.unitsOrdered(),
                s.specialOrders(), s.specialUnits(), s.receiptsReleased(), s.unitsReceived(), s.pendingReceipts());
        out.print(report.render());
        out.printf(Locale.ROOT, "period                    %s .. %s, wall time %.0f s%n",
                LocalDate.ofEpochDay(report.firstDay()), LocalDate.ofEpochDay(lastDay), (System.nanoTime() - started) / 1e9);
    }

    /** A state's unit cost as the stream resolves it: its location's policy, its SKU's, else the default. */
    private static ToDoubleFunction<SkuState> unitCosts(KafkaStreams streams, double defaultUnitCost) {
        ReadOnlyKeyValueStore<String, SkuPolicy> policies = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.POLICIES, QueryableStoreTypes.keyValueStore()));
        return state -> {
            for (String key : List.of(state.getSku() + "@" + state.getLocationId(), state.getSku())) {
                SkuPolicy policy = policies.get(key);
                if (policy != null && policy.getUnitCost() != null) {
                    return policy.getUnitCost();
                }
            }
            return defaultUnitCost;
        };
    }

    private void quietLogs() {
        if (verbose) {
            return;
        }
        for (String name : List.of("org.apache.kafka", "org.apache.kafka.streams.KafkaStreams", "io.stockpulse", "ai.djl")) {
            ((Logger) LoggerFactory.getLogger(name))
                    .setLevel(Level.ERROR);
        }
        // The embedded broker's own logs (request handling, transaction bookkeeping) are not the
        // demo's subject; clients retry what it reports. --verbose shows them.
        ((Logger) LoggerFactory.getLogger("kafka"))
                .setLevel(Level.OFF);
    }

    private StockPulseConfig config(String bootstrap, Path work) {
        Map<String, String> values = new HashMap<>();
        values.put(StockPulseConfig.BOOTSTRAP_SERVERS, bootstrap);
        values.put(StockPulseConfig.SCHEMA_REGISTRY_URL, "mock://stockpulse-demo");
        values.put(StockPulseConfig.APPLICATION_ID, "stockpulse-demo");
        values.put(StockPulseConfig.STATE_DIR, work.resolve("state").toString());
        values.put(StockPulseConfig.HTTP_PORT, "0"); // a free port: never collides with a running instance
        values.put(StockPulseConfig.REPLICATION_FACTOR, "1");
        values.put(StockPulseConfig.FORECAST_MODEL, forecasterOption.name());
        if (simulateJson != null) {
            values.put(StockPulseConfig.DASHBOARD_SIMULATE_FILE, simulateJson.toAbsolutePath().toString());
        }
        // Short commits: the day lockstep waits for StockPulse's commit (and the triggers it makes visible)
        // twice a day, so the commit interval sets the pace of the whole replay.
        values.put(StockPulseConfig.COMMIT_INTERVAL_MS, "100");
        // The replay fills three topics at once: a task waits briefly for an empty one so a SKU's opening count
        // comes before its sales. 250 ms, not more: the day lockstep already keeps days apart (and sends the
        // opening counts ahead), and every day's wait pays this idle time a few times (2 s made a day ~4x longer).
        values.put(StockPulseConfig.MAX_TASK_IDLE_MS, "250");
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
}
