package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Same input, same outputs (issue 17). One fixed multi-topic input — policies, opening counts (one
 * after its SKU's first sale), 60 days of sales with a SKU whose every sale comes twice, a purchase
 * order and its receipt, eight SKUs whose ABC class sets their service level — published by Confluent's own Python client (src/test/python/determinism_input.py)
 * to a real broker through the real Apicurio registry, is processed live, as a backlog, with bad
 * records mixed in, on 6 partitions instead of 1, and across a SIGKILL of the instance. The reorder
 * triggers, stockout alerts, overstock warnings and forecasts of every run must equal those of the
 * reference run record for record (per SKU, in order; the records carry no run-specific field: their
 * times are event times). They are compared with each other, never with hard-coded values: the alert
 * rules may change, determinism may not.
 *
 * <p>Python: as {@link ConfluentPythonClientIT}; outside CI a machine without it skips, in CI it fails.
 */
class DeterminismIT {

    private static final Path SCRIPT = Path.of("src/test/python/determinism_input.py");
    private static final int DAYS = 60;
    /** SKUs selling every day: each gets a forecast at the last close (see awaitOutputs). */
    private static final List<String> DAILY = List.of("STEADY", "DUP", "PO", "CLS-A", "CLS-B", "CLS-C", "CLS-D", "CLS-E",
            "CLS-G", "CLS-I", "CLS-K");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    static String registry;
    static String python;
    static Map<String, List<String>> reference;

    @BeforeAll
    static void start() throws Exception {
        python = ConfluentPythonClientIT.python();
        boolean ready = new ProcessBuilder(python, "-c",
                "import fastavro, requests; from confluent_kafka.schema_registry.avro import AvroSerializer")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "Confluent's Python client not found (" + python + ")");
        }
        assertThat(ready).as(python + " imports confluent_kafka's Avro serde, fastavro and requests").isTrue();
        registry = StockPulseFixture.sharedRegistryUrl();

        // The reference: everything published before start-up, one partition per topic.
        Run run = new Run("backlog", 1);
        run.publish(0, DAYS, 0, false);
        try (StockPulseApp app = run.app()) {
            app.start();
            reference = run.awaitOutputs();
        }
        System.out.println("Reference outputs: " + summary(reference));
        assertThat(reference.keySet()).as("the input makes reorder triggers, stockout alerts and overstock warnings")
                .contains("reorder-triggers STEADY", "stockout-alerts SPARSE", "overstock-warnings DUP");
        assertThat(reference.get("forecasts STEADY")).as("a forecast per closed day").hasSizeGreaterThan(DAYS - 5);
        // The classes matter: the CLS-* SKUs' triggers carry the service level of their ABC class.
        Set<String> classLevels = new TreeSet<>();
        reference.forEach((key, records) -> {
            if (key.startsWith("reorder-triggers CLS-")) {
                records.forEach(r -> classLevels.add(r.replaceAll(".*\"serviceLevel\": ([0-9.]+).*", "$1")));
            }
        });
        assertThat(classLevels).as("service levels of the classed SKUs' triggers").hasSizeGreaterThan(1);
    }

    @Test
    void liveEqualsBacklog() throws Exception {
        Run run = new Run("live", 1);
        try (StockPulseApp app = run.app()) {
            app.start();
            await().atMost(PATIENCE).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            run.publish(0, DAYS, 0.03, false);
            assertSameAsReference(run.awaitOutputs());
        }
    }

    /**
     * Issue 17's finding: the same input plus bad records and a SKU first seen on the last day, published in
     * one burst while StockPulse runs. The client sends each partition's batch on its own, so the whole
     * stock-changes partition (last day's COUNT included) can arrive before the sales it precedes.
     */
    @Test
    void badRecordsAndABurstChangeNothingElse() throws Exception {
        Run run = new Run("bad", 1);
        try (StockPulseApp app = run.app()) {
            app.start();
            await().atMost(PATIENCE).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            run.publish(0, DAYS, 0, true);
            Map<String, List<String>> outputs = run.awaitOutputs();
            // The bad records' only legitimate trace: the SKU seen on the last day alone.
            outputs.keySet().removeIf(key -> key.endsWith(" OTHER"));
            assertSameAsReference(outputs);
            assertThat(app.counters().total(io.stockpulse.signals.PipelineCounters.DEAD_LETTERS)).isEqualTo(20);
        }
    }

    @Test
    void sixPartitionsLiveWithBadRecordsEqualOne() throws Exception {
        Run run = new Run("six", 6);
        try (StockPulseApp app = run.app()) {
            app.start();
            await().atMost(PATIENCE).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            run.publish(0, DAYS, 0.02, true);
            Map<String, List<String>> outputs = run.awaitOutputs();
            outputs.keySet().removeIf(key -> key.endsWith(" OTHER"));
            assertSameAsReference(outputs);
        }
    }

    @Test
    void sigkillMidwayAndRestartEqualsUninterrupted() throws Exception {
        Run run = new Run("crash", 1);
        Map<String, String> settings = run.settings(temp.resolve("crash-state"));
        Path logs = Path.of("target/it-logs");
        try (StockPulseProcess first = StockPulseProcess.start(settings, logs.resolve(run.appId + "-1.log"))) {
            run.publish(0, DAYS / 2, 0.02, false);
            // Mid-stream: outputs are committed, more are to come, when the instance dies without a goodbye.
            try (OutputReader<?> forecasts = KAFKA.reader(run.topics.forecasts())) {
                await().atMost(PATIENCE).until(() -> forecasts.values().size() > 20);
            }
            first.kill();
        }
        run.publish(DAYS / 2 + 1, DAYS, 0, false);
        try (StockPulseProcess again = StockPulseProcess.start(settings, logs.resolve(run.appId + "-2.log"))) {
            assertSameAsReference(run.awaitOutputs());
            assertThat(again.isAlive()).isTrue();
        }
    }

    static Map<String, Integer> summary(Map<String, List<String>> outputs) {
        Map<String, Integer> sizes = new TreeMap<>();
        outputs.forEach((key, records) -> sizes.put(key, records.size()));
        return sizes;
    }

    /** Equal to the reference; on failure says where they part (the whole maps run to megabytes). */
    static void assertSameAsReference(Map<String, List<String>> outputs) {
        List<String> differences = new ArrayList<>();
        for (String key : union(reference.keySet(), outputs.keySet())) {
            List<String> expected = reference.getOrDefault(key, List.of());
            List<String> actual = outputs.getOrDefault(key, List.of());
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                String e = i < expected.size() ? expected.get(i) : "(none)";
                String a = i < actual.size() ? actual.get(i) : "(none)";
                if (!e.equals(a)) {
                    differences.add(key + " #" + i + " of " + expected.size() + "/" + actual.size()
                            + "\n  reference: " + abbreviate(e) + "\n  this run:  " + abbreviate(a));
                    break;
                }
            }
        }
        assertThat(differences).as("outputs that differ from the reference run (first difference per topic and SKU)")
                .isEmpty();
    }

    private static java.util.SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Forecast records carry 28-day vectors; the head of a record says which one it is. */
    private static String abbreviate(String record) {
        return record.length() > 400 ? record.substring(0, 200) + " … " + record.substring(record.length() - 150) : record;
    }

    /** One run: its own application id, topics (with the given partitions) and state on the shared broker. */
    static final class Run {
        final String appId;
        final String suffix;
        final Map<String, String> base;
        final StockPulseConfig config;
        final Topics topics;

        Run(String name, int partitions) throws Exception {
            appId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            suffix = "." + appId;
            base = KAFKA.settings(appId).registry(registry)
                    .set("decision.overstock.min-value", "0") // every stockout an alert: more outputs to compare
                    .quickFailover().ownTopics(StockPulseFixture.ALL_TOPICS, suffix).map();
            config = StockPulseConfig.load(null, Map.of(), settings(temp.resolve("state-" + appId)));
            topics = StockPulseFixture.topics(config, partitions, StockPulseFixture.registryClient(config), false);
        }

        Map<String, String> settings(Path stateDir) {
            Map<String, String> settings = new HashMap<>(base);
            settings.put("state.dir", stateDir.toString());
            return settings;
        }

        StockPulseApp app() {
            return new StockPulseApp(config);
        }

        /** Days {@code from..to} (the last one is the closing day of the input), paced like a live feed. */
        void publish(int from, int to, double paceSeconds, boolean badRecords) throws Exception {
            Path log = Path.of("target/it-logs/determinism-" + appId + "-" + from + ".log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--registry", registry, "--topic-suffix", suffix,
                    "--schemas", "schemas", "--days", Integer.toString(DAYS), "--from-day", Integer.toString(from),
                    "--to-day", Integer.toString(to), "--pace", Double.toString(paceSeconds)));
            if (badRecords) {
                command.add("--bad-records");
            }
            Process script = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(script.waitFor(2, TimeUnit.MINUTES)).as("the Python client finished; see " + log).isTrue();
            assertThat(script.exitValue()).as("the Python client's exit code; see " + log).isZero();
        }

        /**
         * Once every input record is consumed and applied: the outputs by topic and SKU. Consumed is not
         * enough, as a day close waiting for its ABC cut-offs holds the events it has read; applied is
         * when every SKU selling daily has the forecast of the last close (the input's last day closes it).
         */
        Map<String, List<String>> awaitOutputs() {
            try (Admin admin = KAFKA.admin()) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
                        ConsumerLag.total(ConsumerLag.of(admin, appId, topics.inputNames())) == 0);
            }
            String lastClose = "\"firstDay\": \"" + java.time.LocalDate.of(2011, 3, 1).plusDays(DAYS) + "\"";
            AtomicReference<Map<String, List<String>>> outputs = new AtomicReference<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                outputs.set(readOutputs());
                return DAILY.stream().allMatch(sku -> outputs.get().getOrDefault("forecasts " + sku, List.of()).stream()
                        .anyMatch(forecast -> forecast.contains(lastClose)));
            });
            return outputs.get();
        }

        private Map<String, List<String>> readOutputs() {
            Map<String, List<String>> outputs = new TreeMap<>();
            read(outputs, "reorder-triggers", topics.reorderTriggers());
            read(outputs, "stockout-alerts", topics.stockoutAlerts());
            read(outputs, "overstock-warnings", topics.overstockWarnings());
            read(outputs, "forecasts", topics.forecasts());
            return outputs;
        }

        private static <V extends SpecificRecord> void read(Map<String, List<String>> into, String name, Topic<V> topic) {
            try (OutputReader<V> reader = KAFKA.reader(topic)) {
                for (V value : reader.readToEnd()) {
                    String sku = value.get(value.getSchema().getField("sku").pos()).toString();
                    into.computeIfAbsent(name + " " + sku, k -> new ArrayList<>()).add(value.toString());
                }
            }
        }
    }
}
