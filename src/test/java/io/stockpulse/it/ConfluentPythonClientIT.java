package io.stockpulse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.registry.ApicurioRegistry;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proof that warehouse systems can publish to StockPulse unchanged: Confluent's own Python
 * client ({@code confluent_kafka} with its {@code AvroSerializer} and {@code SchemaRegistryClient},
 * src/test/python/confluent_client_interop.py) publishes sales, shipments and stock changes to a real
 * broker through the real Apicurio registry (Confluent API), evolves {@code SaleEvent} to a version 2
 * with a new optional field while StockPulse runs, and reads the triggers and alerts back with its
 * {@code AvroDeserializer}. The script asserts what it read; this test asserts StockPulse's side.
 *
 * <p>Python: {@code STOCKPULSE_INTEROP_PYTHON}, else {@code .ci/.venv-interop/bin/python} when present,
 * else {@code python3}; it needs Debian's python3-confluent-kafka plus src/test/python/requirements.txt
 * ({@code .ci/run} sets that up). Outside CI a machine without them skips this test; in CI it fails.
 */
class ConfluentPythonClientIT {

    private static final Path SCRIPT = Path.of("src/test/python/confluent_client_interop.py");
    private static final int PARTITIONS = 6;

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;
    static ApicurioRegistry registry;

    @BeforeAll
    static void start() {
        registry = ApicurioRegistry.shared();
    }

    static String python() {
        String configured = System.getenv("STOCKPULSE_INTEROP_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venv = Path.of(".ci/.venv-interop/bin/python");
        return Files.isExecutable(venv) ? venv.toAbsolutePath().toString() : "python3";
    }

    @Test
    void confluentPythonProducerFeedsStockPulseAndReadsItsAlertsBack() throws Exception {
        String python = python();
        boolean ready = new ProcessBuilder(python, "-c",
                "import fastavro, requests; from confluent_kafka.schema_registry.avro import AvroSerializer")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "Confluent's Python client not found (" + python + "); install "
                    + "python3-confluent-kafka and src/test/python/requirements.txt, or set STOCKPULSE_INTEROP_PYTHON");
        }
        assertThat(ready).as(python + " imports confluent_kafka's Avro serde, fastavro and requests").isTrue();

        String appId = "py-" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = "." + appId;
        StockPulseConfig config = config(appId, suffix);
        TopicAdmin.ensureTopics(config, PARTITIONS);
        Path result = temp.resolve("python-result.json");
        Path log = Path.of("target/it-logs/confluent-python-interop.log");
        Files.createDirectories(log.getParent());

        try (StockPulseApp app = new StockPulseApp(config);
             SchemaRegistryClient client = SchemaRegistryClients.create(registry.ccompatUrl(), Map.of())) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);

            Process script = new ProcessBuilder(python, SCRIPT.toString(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                    "--registry", registry.ccompatUrl(), "--topic-suffix", suffix, "--schemas", "schemas",
                    "--out", result.toString(), "--timeout", "150")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(script.waitFor(5, TimeUnit.MINUTES)).as("the Python client finished; see " + log).isTrue();
            assertThat(script.exitValue()).as("the Python client's own assertions; see " + log).isZero();

            PipelineCounters counters = app.counters();
            assertThat(counters.get(PipelineCounters.EVENTS, "sale")).as("sales, v1 and v2").isEqualTo(26);
            assertThat(counters.get(PipelineCounters.EVENTS, "stock_change")).isEqualTo(4);
            assertThat(counters.get(PipelineCounters.EVENTS, "shipment")).isEqualTo(2);
            assertThat(counters.total(PipelineCounters.DEAD_LETTERS)).as("dead letters").isZero();

            // The Python client registered SaleEvent v2 (new optional field) under BACKWARD, and StockPulse read it.
            String salesSubject = config.topicNames().sales() + "-value";
            assertThat(client.versions(salesSubject)).containsExactly(1, 2);
            assertThat(registry.get("/config/" + salesSubject).body()).contains("BACKWARD");
            assertThat(registry.get("/subjects/" + salesSubject + "/versions/2").body()).contains("channel");

            // What Python decoded equals what StockPulse's own deserializer reads.
            JsonNode read = new ObjectMapper().readTree(result.toFile());
            Topics topics = Topics.create(config.topicNames(), client, false);
            try (OutputReader<ReorderTrigger> triggers = KAFKA.reader(topics.reorderTriggers())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> triggers.values().size() >= read.get("triggers").size());
                Map<String, ReorderTrigger> byId = new HashMap<>();
                triggers.values().forEach(t -> byId.put(t.getTriggerId(), t));
                assertThat(byId).containsKeys("A/WH1/1", "B/WH1/1");
                assertThat(read.get("triggers").size()).isGreaterThanOrEqualTo(2);
                for (JsonNode fromPython : read.get("triggers")) {
                    ReorderTrigger fromJava = byId.get(fromPython.get("triggerId").asText());
                    assertThat(fromPython.get("orderQuantity").asLong()).isEqualTo(fromJava.getOrderQuantity());
                    assertThat(fromPython.get("reorderPoint").asDouble()).isEqualTo(fromJava.getReorderPoint());
                    assertThat(fromPython.get("forecastSource").asText()).isEqualTo(fromJava.getForecastSource());
                }
            }
            assertThat(read.get("stockouts")).filteredOn(n -> n.get("sku").asText().equals("A"))
                    .extracting(n -> n.get("state").asText() + " " + n.get("severity").asText())
                    .containsExactly("RAISED OUT_OF_STOCK", "RESOLVED OUT_OF_STOCK");

            // The client's murmur2 partitioner puts each SKU where Java producers (and Streams) would.
            for (String topic : List.of(config.topicNames().sales(), config.topicNames().stockChanges(),
                    config.topicNames().shipments())) {
                for (ConsumerRecord<byte[], byte[]> record : readAll(topic)) {
                    assertThat(record.partition()).as("partition of key %s on %s", new String(record.key()), topic)
                            .isEqualTo(Utils.toPositive(Utils.murmur2(record.key())) % PARTITIONS);
                }
            }
        }
    }

    private static StockPulseConfig config(String appId, String suffix) {
        return KAFKA.settings(appId).registry(registry.ccompatUrl()).stateDir(temp.resolve("state-" + appId))
                .set("decision.overstock.min-value", "0") // any stockout is an alert: this test is about the clients
                .ownTopics(StockPulseFixture.TOPICS, suffix).config();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
            assertThat(records).as("records on " + topic).isNotEmpty();
            return records;
        }
    }
}
