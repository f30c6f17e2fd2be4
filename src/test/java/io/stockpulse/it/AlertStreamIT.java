package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.ReorderTrigger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert stream on a real broker: its slots are capped, a client that leaves frees its slot within
 * seconds (heartbeat writes notice it), and an unreadable record on an alert topic is skipped while the
 * stream goes on with the next alert.
 */
class AlertStreamIT {

    private static final int SLOTS = 4;

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();

    @TempDir
    Path temp;

    @Test
    void slotsAreCappedFreedPromptlyAndBadRecordsSkipped() throws Exception {
        StockPulseConfig config = KAFKA.settings("alert-stream-it").unset("commit.interval.ms")
                .stateDir(temp.resolve("state")).config();
        TopicAdmin.ensureTopics(config, 1);
        try (StockPulseApp app = new StockPulseApp(config)) {
            app.http().start(app); // the stream needs the server and the topics, not a running topology
            List<Stream> streams = new ArrayList<>();
            try {
                for (int i = 0; i < SLOTS; i++) {
                    streams.add(Stream.open(app.http().port()));
                }
                assertThat(Stream.statusOf(app.http().port())).isEqualTo(503);

                streams.remove(0).close();
                long left = System.nanoTime();
                await().atMost(Duration.ofSeconds(8)).until(() -> app.http().alertStreams() == SLOTS - 1);
                assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofSeconds(8));
                streams.add(Stream.open(app.http().port()));

                publishGarbageThenAnAlert(KAFKA.bootstrapServers(), app);
                for (Stream stream : streams) {
                    assertThat(stream.nextEvent()).contains("\"sku\":\"SSE-1\"").contains("\"kind\":\"reorder_trigger\"");
                }
                assertThat(app.http().alertStreams()).isEqualTo(SLOTS);
            } finally {
                for (Stream stream : streams) {
                    stream.close();
                }
            }
        }
    }

    private static void publishGarbageThenAnAlert(String bootstrap, StockPulseApp app) throws Exception {
        String topic = app.topics().reorderTriggers().name();
        ReorderTrigger trigger = ReorderTrigger.newBuilder().setTriggerId("SSE-1/WH1/1").setSku("SSE-1")
                .setLocationId("WH1").setOnHand(3).setOnOrder(0).setInventoryPosition(3).setReorderPoint(10)
                .setSafetyStock(4).setOrderQuantity(20).setLeadTimeDemand(6).setServiceLevel(0.95)
                .setForecastSource("moving-average@1").setAt(Instant.parse("2011-03-01T10:00:00Z")).build();
        byte[] alert = app.topics().reorderTriggers().valueSerde().serializer().serialize(topic, trigger);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "SSE-1", new byte[]{0, 0, 0, 0, 42, 1, 2, 3})).get();
            producer.send(new ProducerRecord<>(topic, "SSE-1", alert)).get();
        }
    }

    /** An SSE client on a raw socket: it can leave without a word, as a closed browser tab does. */
    private record Stream(Socket socket, BufferedReader in) implements AutoCloseable {

        static Stream open(int port) throws Exception {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            request(socket);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith(": connected"));
            assertThat(line).as("the stream says it is connected").isNotNull();
            return new Stream(socket, in);
        }

        static int statusOf(int port) throws Exception {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                request(socket);
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return Integer.parseInt(status.split(" ")[1]);
            }
        }

        private static void request(Socket socket) throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/alerts/stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The data line of the next event, heartbeats and chunk sizes passed over. */
        String nextEvent() throws Exception {
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("data: "));
            return line;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
