package io.stockpulse.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.bench.jmh.SkuStateSerdeBenchmark;
import io.stockpulse.cli.PluginCommand;
import io.stockpulse.cli.RetailDataOption;
import io.stockpulse.cli.WorkDirOption;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.Topics;
import org.openjdk.jmh.runner.RunnerException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code stockpulse bench}: throughput of the full topology beside a minimal stateful one, and DJL
 * forecasting beside raw ONNX Runtime, on an embedded broker, in one run; prints a table of medians
 * and the ratios that count on a shared machine, and writes JSON with {@code --out}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark StockPulse on an embedded broker: throughput and forecasting, as ratios.")
public final class BenchCommand implements PluginCommand {
    @Mixin
    RetailDataOption data;

    @Mixin
    WorkDirOption workDir;

    @Mixin
    LatencyOptions latency;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    ScaleOptions scale;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A StockPulse setting for every topology run (throughput, latency, footprint) (e.g. --set commit.interval.ms=1000); repeatable.")
    private Map<String, String> settings = new HashMap<>();

    @Option(names = "--limit", defaultValue = "0", description = "Rows of --data to replay, 0 = all (default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--skus", defaultValue = "100000", description = "SKUs of the synthetic stream (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--synthetic-events", defaultValue = "300000", description = "Sales in the synthetic stream (default: ${DEFAULT-VALUE}).")
    long syntheticEvents;

    @Option(names = "--days", defaultValue = "21", description = "Days the synthetic stream covers (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--forecast-skus", split = ",", defaultValue = "5000,100000",
            description = "Series counts for the forecasting benchmark (default: ${DEFAULT-VALUE}).")
    int[] forecastSkus;

    @Option(names = "--batch", defaultValue = "128", description = "Forecast batch size; the app's default is 128 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per benchmark; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions per input topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--jmh-iterations", defaultValue = "3", description = "JMH measured iterations of 1 s, after 2 warm-up ones, 1 fork (default: ${DEFAULT-VALUE}).")
    int jmhIterations;

    @Option(names = "--skip", split = ",", description = "Benchmarks to leave out: throughput, forecast, latency, footprint, scale, jmh.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--smoke", description = "Tiny sizes, one run: checks the command works; the figures mean nothing.")
    boolean smoke;

    @Option(names = "--out", description = "Write the results as JSON here.")
    Path out;

    @Option(names = "--verbose", description = "Keep Kafka's and StockPulse's logs.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            limit = 500;
            skus = 100;
            syntheticEvents = 500;
            days = 2;
            forecastSkus = new int[] {200};
            runs = 1;
            latency.smoke();
            footprint.smoke();
            scale.smoke();
        }
        if (!verbose) {
            quietLogs();
        }
        PrintStream console = System.out;
        Path work = workDir.resolve("bench");
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("date", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("smoke", smoke);
        json.put("runs", runs);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "StockPulse bench, %s, %d cores, %d runs each (medians; min..max)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), runs));
        if (!skip.contains("forecast")) {
            forecast(work, json, table);
        }
        if (!skip.contains("jmh")) {
            micro(json, table);
        }
        boolean needsBroker = !skip.containsAll(List.of("throughput", "latency", "footprint", "scale"));
        try (EmbeddedKafkaBroker broker = needsBroker ? EmbeddedKafkaBroker.start(work.resolve("kafka"), 0) : null) {
            if (!skip.contains("throughput")) {
                throughput(work, broker.bootstrapServers(), json, table);
            }
            if (!skip.contains("latency")) {
                latency(work, broker.bootstrapServers(), json, table);
            }
            if (!skip.contains("footprint")) {
                footprint(work, broker.bootstrapServers(), json, table);
            }
            if (!skip.contains("scale")) {
                scale.run(new BenchCluster(broker.bootstrapServers(), work, partitions, settings), runs, skus,
                        syntheticEvents, days, json, table);
            }
        }
        console.print(table);
        if (out != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
            console.println("wrote " + out);
        }
        return 0;
    }

    private void forecast(Path work, ObjectNode json, StringBuilder table) throws Exception {
        List<ForecastBench.Result> results = new ForecastBench(batch, runs, work.resolve("models")).run(forecastSkus);
        ArrayNode array = json.putArray("forecast");
        table.append(String.format(Locale.ROOT, "%nDay-close forecasting, batch %d (seconds)%n", batch));
        table.append(String.format(Locale.ROOT, "%-8s %-22s %-22s %-9s %-10s %-10s %s%n", "SKUs", "DJL path wall",
                "raw ORT wall", "DJL/raw", "DJL cpu", "raw cpu", "DJL, 2 threads wall"));
        for (ForecastBench.Result r : results) {
            table.append(String.format(Locale.ROOT, "%-8d %-22s %-22s %-9.2f %-10.3f %-10.3f %s%n", r.skus(),
                    format(r.djlSeconds(), 3), format(r.rawSeconds(), 3), r.ratio(), r.djlCpuSeconds().median(),
                    r.rawCpuSeconds().median(), format(r.djlTwoThreadSeconds(), 3)));
            ObjectNode node = array.addObject();
            node.put("skus", r.skus());
            node.put("batchSize", r.batchSize());
            stats(node.putObject("djlSeconds"), r.djlSeconds());
            stats(node.putObject("rawOrtSeconds"), r.rawSeconds());
            stats(node.putObject("djlCpuSeconds"), r.djlCpuSeconds());
            stats(node.putObject("rawOrtCpuSeconds"), r.rawCpuSeconds());
            stats(node.putObject("djlTwoThreadSeconds"), r.djlTwoThreadSeconds());
            node.put("ratioDjlToRaw", r.ratio());
        }
    }

    private void latency(Path work, String bootstrap, ObjectNode json, StringBuilder table) throws Exception {
        AlertLatencyBench bench = new AlertLatencyBench(new BenchCluster(bootstrap, work, partitions, settings));
        List<AlertLatencyBench.Result> results = new ArrayList<>();
        for (long interval : latency.commitIntervals) {
            results.add(bench.measure(latency.settings(interval)));
        }
        table.append(String.format(Locale.ROOT, "%nAlert latency, send -> reorder trigger read (read_committed), "
                + "exactly-once v2, %d partitions, steady %d events/s over %d SKUs, %d probes/s (ms)%n",
                partitions, latency.rate, latency.skus, latency.probes));
        table.append(String.format(Locale.ROOT, "%-11s %7s %8s %8s %8s %8s %8s %s%n", "commit ms", "probes", "missing",
                "p50", "p99", "max", "mean", "target p99"));
        ArrayNode array = json.putArray("alertLatency");
        for (AlertLatencyBench.Result r : results) {
            table.append(String.format(Locale.ROOT, "%-11d %7d %8d %8.1f %8.1f %8.1f %8.1f <= %.0f %s%n",
                    r.settings().commitIntervalMs(), r.probes(), r.missing(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.meanMs(),
                    r.targetMs(), r.met() ? "met" : "MISSED"));
            ObjectNode node = array.addObject();
            node.put("commitIntervalMs", r.settings().commitIntervalMs());
            node.put("eventsPerSecond", r.settings().eventsPerSecond());
            node.put("probesPerSecond", r.settings().probesPerSecond());
            node.put("backgroundSkus", r.settings().backgroundSkus());
            node.put("measuredSeconds", r.settings().measured().toSeconds());
            node.put("probes", r.probes());
            node.put("missing", r.missing());
            node.put("backgroundEvents", r.backgroundEvents());
            node.put("p50Ms", r.p50Ms());
            node.put("p99Ms", r.p99Ms());
            node.put("maxMs", r.maxMs());
            node.put("meanMs", r.meanMs());
            node.put("targetP99Ms", r.targetMs());
            node.put("met", r.met());
            AlertLatencyBench.Breakdown b = r.breakdown();
            node.put("probeAckP50Ms", b.ackP50Ms());
            node.put("probeAckP99Ms", b.ackP99Ms());
            node.put("commitLatencyAvgMs", b.commitAvgMs());
            node.put("commitLatencyMaxMs", b.commitMaxMs());
            node.put("gcPauses", b.gcPauses());
            node.put("gcMs", b.gcMs());
        }
        table.append("Breakdown: probe send -> broker ack (p50/p99), stream-thread commit latency (avg/max, "
                + "Kafka Streams metrics), JVM GC pauses in the measured run (count, total ms)\n");
        for (AlertLatencyBench.Result r : results) {
            AlertLatencyBench.Breakdown b = r.breakdown();
            table.append(String.format(Locale.ROOT, "%-11d ack %.1f/%.1f  commit %.1f/%.1f  gc %d/%d ms%n",
                    r.settings().commitIntervalMs(), b.ackP50Ms(), b.ackP99Ms(), b.commitAvgMs(), b.commitMaxMs(),
                    b.gcPauses(), b.gcMs()));
        }
    }

    private void micro(ObjectNode json, StringBuilder table) throws Exception {
        List<MicroBenchmarks.Score> scores;
        try {
            scores = MicroBenchmarks.run(smoke, 2, jmhIterations);
        } catch (RunnerException e) {
            // Typically JMH's machine-wide lock held by another JMH run: the other benchmarks still run.
            table.append(String.format(Locale.ROOT, "%nJMH microbenchmarks not run: %s%n(-Djmh.ignoreLock=true runs "
                    + "them beside the other JMH run, both disturbed)%n", e.getMessage()));
            json.put("jmhError", String.valueOf(e.getMessage()));
            return;
        }
        table.append(String.format(Locale.ROOT, "%nJMH microbenchmarks, %s (ops/s, 99.9%% error)%n",
                smoke ? "smoke: in-process, 1 x 100 ms" : "1 fork, 2 x 1 s warm-up, " + jmhIterations + " x 1 s"));
        ArrayNode array = json.putArray("jmh");
        for (MicroBenchmarks.Score score : scores) {
            table.append(String.format(Locale.ROOT, "%-44s %,14.0f +- %,.0f%n", score.benchmark(), score.opsPerSecond(),
                    Double.isNaN(score.error()) ? 0 : score.error()));
            ObjectNode node = array.addObject();
            node.put("benchmark", score.benchmark());
            node.put("opsPerSecond", score.opsPerSecond());
            if (Double.isFinite(score.error())) {
                node.put("error", score.error());
            }
        }
        table.append(String.format(Locale.ROOT, "(SkuState with 730 days of history and a 28-day forecast: %,d bytes)%n",
                SkuStateSerdeBenchmark.serializedBytes()));
    }

    private void footprint(Path work, String bootstrap, ObjectNode json, StringBuilder table) throws Exception {
        StateFootprintBench.Result r = new StateFootprintBench(new BenchCluster(bootstrap, work, partitions, settings)).measure(
                footprint.settings());
        footprint.report(r, json, table);
    }

    private void throughput(Path work, String bootstrap, ObjectNode json, StringBuilder table) throws Exception {
        Path input = data.resolve(work);
        ArrayNode array = json.putArray("throughput");
        {
            List<ThroughputBench.Result> results = new ArrayList<>();
            for (String dataset : List.of("real", "synthetic")) {
                String prefix = "bench-" + dataset + ".";
                Function<Map<String, String>, StockPulseConfig> prefixed =
                        BenchConfigs.forPrefix(bootstrap, work, prefix);
                Function<Map<String, String>, StockPulseConfig> configFor = overrides -> {
                    Map<String, String> values = new HashMap<>(settings);
                    values.putAll(overrides);
                    return prefixed.apply(values);
                };
                StockPulseConfig base = configFor.apply(Map.of());
                ThroughputBench.createTopics(base, partitions);
                Topics topics = Topics.create(base.topicNames(), SchemaRegistryClients.create(BenchConfigs.REGISTRY,
                        Map.of()), true);
                long events = dataset.equals("real")
                        ? BenchInputs.replay(bootstrap, topics, input, limit)
                        : BenchInputs.synthetic(bootstrap, topics, skus, syntheticEvents, days);
                String label = dataset.equals("real") ? "real (" + input.getFileName() + ")"
                        : "synthetic (" + skus + " SKUs, " + days + " days)";
                results.add(new ThroughputBench(bootstrap, work, configFor, runs).measure(label, base, events));
            }
            table.append(String.format(Locale.ROOT, "%nEnd-to-end throughput, exactly-once v2, RocksDB, 1 stream thread, "
                    + "%d partitions (events/s; seconds median min..max)%n", partitions));
            table.append(String.format(Locale.ROOT, "%-44s %9s %-26s %-26s %-12s %-22s %s%n", "input", "events",
                    "full topology", "minimal (group+count)", "full/minimal", "CPU us/event full|min", "CPU ratio"));
            for (ThroughputBench.Result r : results) {
                table.append(String.format(Locale.ROOT, "%-44s %9d %-26s %-26s %-12.2f %-22s %.2f%n", r.dataset(), r.events(),
                        String.format(Locale.ROOT, "%,.0f/s %s", r.fullEventsPerSecond(), format(r.fullSeconds(), 1)),
                        String.format(Locale.ROOT, "%,.0f/s %s", r.minimalEventsPerSecond(), format(r.minimalSeconds(), 1)),
                        r.ratio(), String.format(Locale.ROOT, "%.0f | %.0f", r.fullCpuMicrosPerEvent(),
                                r.minimalCpuMicrosPerEvent()), r.cpuRatio()));
                table.append(String.format(Locale.ROOT, "%-44s %9s records sent per event (changelogs, outputs, internal "
                        + "topics): full %.2f, minimal %.2f%n", "", "", r.fullRecordsPerEvent(), r.minimalRecordsPerEvent()));
                ObjectNode node = array.addObject();
                node.put("input", r.dataset());
                node.put("events", r.events());
                node.put("partitions", partitions);
                node.put("fullEventsPerSecond", r.fullEventsPerSecond());
                node.put("minimalEventsPerSecond", r.minimalEventsPerSecond());
                stats(node.putObject("fullSeconds"), r.fullSeconds());
                stats(node.putObject("minimalSeconds"), r.minimalSeconds());
                node.put("ratioFullToMinimal", r.ratio());
                stats(node.putObject("fullStreamThreadCpuSeconds"), r.fullCpuSeconds());
                stats(node.putObject("minimalStreamThreadCpuSeconds"), r.minimalCpuSeconds());
                node.put("fullCpuMicrosPerEvent", r.fullCpuMicrosPerEvent());
                node.put("minimalCpuMicrosPerEvent", r.minimalCpuMicrosPerEvent());
                node.put("cpuRatioFullToMinimal", r.cpuRatio());
                node.put("fullRecordsSentPerEvent", r.fullRecordsPerEvent());
                node.put("minimalRecordsSentPerEvent", r.minimalRecordsPerEvent());
                ObjectNode byTopic = node.putObject("fullRecordsSentPerEventByTopicLastRun");
                r.fullRecordsSentByTopic().forEach((topic, sent) -> byTopic.put(topic, sent / r.events()));
            }
        }
    }

    private static String format(BenchStats s, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + ".." + f + ")", s.median(), s.min(), s.max());
    }

    private static void stats(ObjectNode node, BenchStats s) {
        node.put("median", s.median());
        node.put("min", s.min());
        node.put("max", s.max());
        node.put("runs", s.runs());
    }

    /** Kafka's and the broker's logs are not the subject here; errors still show. */
    private static void quietLogs() {
        for (String name : List.of("org.apache.kafka", "org.apache.kafka.streams.KafkaStreams", "io.stockpulse", "ai.djl")) {
            ((Logger) LoggerFactory.getLogger(name))
                    .setLevel(Level.ERROR);
        }
        ((Logger) LoggerFactory.getLogger("kafka"))
                .setLevel(Level.OFF);
    }
}
