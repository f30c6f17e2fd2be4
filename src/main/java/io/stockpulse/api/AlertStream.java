package io.stockpulse.api;

import com.sun.net.httpserver.HttpExchange;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.topology.Topic;
import io.stockpulse.topology.Topics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET /api/alerts/stream: server-sent events of alerts as they are committed. Each client gets its
 * own consumer (no group: assigned all partitions of the three alert topics, from the end,
 * read_committed so aborted exactly-once attempts never show). Bounded to a few clients, as each
 * holds a server thread.
 */
final class AlertStream {

    static final int MAX_CLIENTS = 4;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final StockPulseApp app;
    private final AtomicInteger clients = new AtomicInteger();
    private volatile boolean closed;

    AlertStream(StockPulseApp app) {
        this.app = app;
    }

    void serve(HttpExchange exchange) throws IOException {
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            throw new ApiException(503, "at most " + MAX_CLIENTS + " alert streams at a time");
        }
        Topics topics = app.topics();
        Map<String, Topic<?>> byName = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (Map.Entry<String, Topic<?>> entry : Map.<String, Topic<?>>of("reorder_trigger", topics.reorderTriggers(),
                "stockout", topics.stockoutAlerts(), "overstock", topics.overstockWarnings()).entrySet()) {
            byName.put(entry.getValue().name(), entry.getValue());
            kinds.put(entry.getValue().name(), entry.getKey());
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(app.config()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : byName.keySet()) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // pin "the end" now, before the client is told it is connected
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, ": connected\n\n");
            long quietSince = System.nanoTime();
            while (!closed) {
                boolean wrote = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Topic<?> topic = byName.get(record.topic());
                    Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    if (value instanceof SpecificRecord alert) {
                        write(out, "event: alert\ndata: " + ApiServer.JSON.writeValueAsString(view(kinds.get(record.topic()),
                                alert)) + "\n\n");
                        wrote = true;
                    }
                }
                if (wrote) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > KEEP_ALIVE.toNanos()) {
                    write(out, ": keep-alive\n\n"); // also how a gone client is noticed
                    quietSince = System.nanoTime();
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } finally {
            clients.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An alert record as JSON-ready fields: numbers stay numbers, dates and enums become strings. */
    static Map<String, Object> view(String kind, SpecificRecord alert) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", kind);
        for (Schema.Field field : alert.getSchema().getFields()) {
            Object value = alert.get(field.pos());
            view.put(field.name(), value == null || value instanceof Number || value instanceof Boolean ? value
                    : value.toString());
        }
        view.putIfAbsent("state", "RAISED"); // triggers have no state: each one is raised once
        return view;
    }

    private static Map<String, Object> consumerProps(StockPulseConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.getList(StockPulseConfig.BOOTSTRAP_SERVERS)));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.getString(StockPulseConfig.APPLICATION_ID) + "-alert-stream");
        return props;
    }

    void close() {
        closed = true;
    }
}
