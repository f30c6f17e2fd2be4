package io.stockpulse.demo;

import io.stockpulse.avro.OverstockWarning;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's live feed: reads the alert topics (read_committed) and prints at most a few lines per
 * second, summarising the rest, so a replay of 800k events stays readable. It also counts what it read
 * — every record on the stockout and overstock topics is one alert transition (raised, escalated or
 * resolved), as simulate counts them — and tells, through {@link #readUpTo}, whether it has read
 * everything up to given offsets, so the report's counts are complete.
 */
public final class AlertFeed implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final PrintStream out;
    private final int linesPerSecond;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong stockoutTransitions = new AtomicLong();
    private final AtomicLong overstockTransitions = new AtomicLong();
    private final AtomicLong triggers = new AtomicLong();
    /** Per partition, the next offset to read, recorded after each poll. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public AlertFeed(String bootstrapServers, Topics topics, PrintStream out, int linesPerSecond) {
        this.topics = topics;
        this.out = out;
        this.linesPerSecond = linesPerSecond;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "stockpulse-demo-feed",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Never committed: every run reads (and counts) the alert topics from their start.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The topics the feed reads. */
    public List<String> topicNames() {
        return List.of(topics.stockoutAlerts().name(), topics.overstockWarnings().name(), topics.reorderTriggers().name());
    }

    @Override
    public void run() {
        consumer.subscribe(topicNames());
        long windowStart = System.nanoTime();
        int printed = 0;
        long suppressed = 0;
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, byte[]> record : records) {
                    count(record.topic());
                    if (System.nanoTime() - windowStart > 1_000_000_000L) {
                        if (suppressed > 0) {
                            out.printf(Locale.ROOT, "  … and %,d more%n", suppressed);
                        }
                        windowStart = System.nanoTime();
                        printed = 0;
                        suppressed = 0;
                    }
                    if (printed < linesPerSecond) {
                        out.println("  " + describe(record));
                        printed++;
                    } else {
                        suppressed++;
                    }
                }
                for (TopicPartition partition : consumer.assignment()) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us up
        } finally {
            consumer.close();
        }
    }

    private void count(String topic) {
        seen.incrementAndGet();
        if (topic.equals(topics.stockoutAlerts().name())) {
            stockoutTransitions.incrementAndGet();
        } else if (topic.equals(topics.overstockWarnings().name())) {
            overstockTransitions.incrementAndGet();
        } else {
            triggers.incrementAndGet();
        }
    }

    long seen() {
        return seen.get();
    }

    /** Stockout alert transitions read so far. */
    public long stockoutTransitions() {
        return stockoutTransitions.get();
    }

    /** Overstock warning transitions read so far. */
    public long overstockTransitions() {
        return overstockTransitions.get();
    }

    /** Reorder triggers (regular and special) read so far. */
    long triggers() {
        return triggers.get();
    }

    /** Whether every record before {@code endOffsets} was read (and counted). */
    public boolean readUpTo(Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(e -> e.getValue() <= positions.getOrDefault(e.getKey(), 0L));
    }

    private String describe(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.stockoutAlerts().name())) {
            StockoutAlert a = decode(topics.stockoutAlerts().valueSerde().deserializer(), topic, record.value());
            return String.format(Locale.ROOT, "%s stockout %-8s %-12s %s@%s [%s] on hand %d%s", day(a.getAt()),
                    a.getState(), a.getSeverity(), a.getSku(), a.getLocationId(), classOf(a.getAbcClass(), a.getXyzClass()),
                    a.getOnHand(),
                    a.getProjectedStockoutDate() == null ? "" : ", runs out " + a.getProjectedStockoutDate());
        }
        if (topic.equals(topics.overstockWarnings().name())) {
            OverstockWarning w = decode(topics.overstockWarnings().valueSerde().deserializer(), topic, record.value());
            return String.format(Locale.ROOT, "%s overstock %-8s %s@%s [%s] on hand %d, excess %.0f, value at risk %.2f",
                    day(w.getAt()), w.getState(), w.getSku(), w.getLocationId(), classOf(w.getAbcClass(), w.getXyzClass()),
                    w.getOnHand(), w.getExcessQuantity(),
                    w.getValueAtRisk());
        }
        ReorderTrigger t = decode(topics.reorderTriggers().valueSerde().deserializer(), topic, record.value());
        return String.format(Locale.ROOT, "%s reorder   %s [%s] position %d <= s %.1f, order %d (%s)", day(t.getAt()),
                t.getTriggerId(), classOf(t.getAbcClass(), t.getXyzClass()), t.getInventoryPosition(), t.getReorderPoint(), t.getOrderQuantity(), t.getForecastSource());
    }

    /** "AX", or "-" before the SKU's first classification. */
    private static String classOf(String abc, String xyz) {
        return abc == null ? "-" : abc + (xyz == null ? "" : xyz);
    }

    private static <T extends SpecificRecord> T decode(Deserializer<T> d, String topic,
                                                       byte[] bytes) {
        return d.deserialize(topic, bytes);
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
