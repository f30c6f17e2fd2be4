package io.stockpulse.api;

import com.sun.net.httpserver.HttpExchange;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET /api/alerts/stream: server-sent events of alerts as they are committed. Each client gets its
 * own consumer (no group: assigned all partitions of the three alert topics, from the end,
 * read_committed so aborted exactly-once attempts never show).
 *
 * <p>Streams run on their own pool of {@link #MAX_CLIENTS} threads, not on the server's connection
 * threads, and a comment line is written whenever nothing else was for {@link #HEARTBEAT}: writing is
 * the only way a server learns that the client left (the second write after a close fails), so a
 * left client's slot is free within about two heartbeats. A record that cannot be read is skipped
 * (logged with its topic, partition and offset); the stream goes on.
 */
final class AlertStream {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
    static final int MAX_CLIENTS = 4;
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(250);

    private final ApiBackend app;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final ExecutorService pool;
    private volatile boolean closed;

    AlertStream(ApiBackend app) {
        this.app = app;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(MAX_CLIENTS, r -> {
            Thread thread = new Thread(r, "alert-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes a slot and hands the exchange to the stream pool, which closes it; 503 when all slots are taken. */
    void serve(HttpExchange exchange) {
        if (closed || !slots.tryAcquire()) {
            throw new ApiException(503, "at most " + MAX_CLIENTS + " alert streams at a time");
        }
        try {
            pool.execute(() -> {
                try (exchange) {
                    stream(exchange);
                } catch (IOException e) {
                    LOG.debug("Alert stream {}: client went away ({})", ServerLimits.loggable(exchange.getRequestURI()),
                            e.toString());
                } catch (InterruptException e) {
                    Thread.currentThread().interrupt(); // the server is stopping
                } catch (RuntimeException e) {
                    LOG.error("Alert stream {} failed", ServerLimits.loggable(exchange.getRequestURI()), e);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            throw new ApiException(503, "the alert stream is shutting down");
        }
    }

    /** Number of streams open now. */
    int clients() {
        return MAX_CLIENTS - slots.availablePermits();
    }

    private void stream(HttpExchange exchange) throws IOException {
        Topics topics = app.topics();
        Map<String, Topic<?>> byName = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (Map.Entry<String, Topic<?>> entry : Map.<String, Topic<?>>of("reorder_trigger", topics.reorderTriggers(),
                "stockout", topics.stockoutAlerts(), "overstock", topics.overstockWarnings()).entrySet()) {
            byName.put(entry.getValue().name(), entry.getValue());
            kinds.put(entry.getValue().name(), entry.getKey());
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(app),
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
            long lastWrite = System.nanoTime();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    String event = event(record, byName.get(record.topic()), kinds.get(record.topic()));
                    if (event != null) {
                        write(out, event);
                        lastWrite = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastWrite >= HEARTBEAT.toNanos()) {
                    write(out, ": heartbeat\n\n");
                    lastWrite = System.nanoTime();
                }
            }
        }
    }

    /** The SSE text of one record, or null when it is no alert (logged; one bad record ends no stream). */
    private static String event(ConsumerRecord<String, byte[]> record, Topic<?> topic, String kind) {
        try {
            Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (value instanceof SpecificRecord alert) {
                return "event: alert\ndata: " + ApiServer.JSON.writeValueAsString(view(kind, alert)) + "\n\n";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Alert stream: skipped the unreadable record at {}-{}@{} ({})", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return null;
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

    private static Map<String, Object> consumerProps(ApiBackend app) {
        Map<String, Object> props = new HashMap<>(app.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, app.applicationId() + "-alert-stream");
        return props;
    }

    void close() {
        closed = true;
        pool.shutdownNow();
    }
}
