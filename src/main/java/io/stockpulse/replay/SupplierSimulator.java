package io.stockpulse.replay;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A make-believe supplier for the demo and the replay: reads StockPulse's reorder triggers and answers
 * each in event time with a purchase order (ShipmentEvent ORDERED, dated at the trigger) and, one drawn
 * lead time later, its delivery (RECEIVED). The decisions live in {@link SupplierSchedule}; this class
 * only moves records.
 *
 * <p>Why receipts are published by the replay ({@link #reached}, a {@link ReplayHooks} call on the
 * replay thread) and not by this thread: the replay is the clock. A receipt goes out just before the
 * first replayed event at or after its due time, through the same producer, so StockPulse sees it in
 * time order with the sales — never ahead of them (a receipt dated ahead of the replay would drag
 * stream time forward and close days early) and never later than wall-clock luck decides. ORDERED
 * events go out from this thread as soon as a trigger is read; they are dated at the trigger, which is
 * never ahead of StockPulse's stream time.
 *
 * <p>Delivery: triggers are read with {@code isolation.level=read_committed} (StockPulse writes them
 * in exactly-once transactions) under the simulator's own group id; offsets are committed after the
 * answers were flushed, so a crash may answer a trigger twice — harmless, because the event ids are
 * deterministic and StockPulse drops repeats. Pending receipts live in memory only: a restarted
 * simulator does not deliver orders placed before the restart. {@link #answeredUpTo} tells a caller
 * (the demo's day lockstep) whether every trigger up to given offsets was answered and flushed.
 *
 * <p>Run it on its own thread ({@link #run()}); {@link #reached}, {@link #drain()}, {@link #stats()} and
 * {@link #close()} may be called from others.
 */
public final class SupplierSimulator implements Runnable, AutoCloseable, ReplayHooks {

    private static final Logger LOG = LoggerFactory.getLogger(SupplierSimulator.class);

    public static final String DEFAULT_GROUP_ID = "stockpulse-supplier-simulator";

    /**
     * @param leadTimes    the lead-time distribution and seed
     * @param groupId      consumer group of the trigger consumer
     * @param pollInterval longest wait for triggers before pending receipts are checked again
     */
    public record Settings(LeadTimeModel leadTimes, String groupId, Duration pollInterval) {

        public Settings {
            Objects.requireNonNull(leadTimes, "leadTimes");
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("groupId must not be empty");
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
            }
        }

        /** Lead time 7 ± 2 days (seed 42), group {@value #DEFAULT_GROUP_ID}, 100 ms polls. */
        public static Settings defaults() {
            return new Settings(LeadTimeModel.defaults(), DEFAULT_GROUP_ID, Duration.ofMillis(100));
        }
    }

    private final Consumer<String, ReorderTrigger> consumer;
    private final ShipmentPublisher shipments;
    private final Topics topics;
    private final SupplierSchedule schedule;
    private final Duration pollInterval;
    private final LongSupplier nanoTime;
    private final Object sendLock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile long lastTriggerNanos;
    private volatile long skippedRecords;
    /** Per trigger partition: the next offset to read, published only after the answers before it were flushed. */
    private final Map<TopicPartition, Long> answered = new ConcurrentHashMap<>();

    /**
     * @param consumer     the trigger consumer (value deserializer for ReorderTrigger); owned: closed by the run loop
     * @param producer     the shipment producer (value serializer e.g. {@link TopicRoutingSerializer})
     * @param ownsProducer close the producer in {@link #close()}
     */
    public SupplierSimulator(Consumer<String, ReorderTrigger> consumer, Producer<String, SpecificRecord> producer,
                             boolean ownsProducer, Topics topics, SupplierSchedule schedule, Duration pollInterval) {
        this(consumer, producer, ownsProducer, topics, schedule, pollInterval, System::nanoTime);
    }

    SupplierSimulator(Consumer<String, ReorderTrigger> consumer, Producer<String, SpecificRecord> producer,
                      boolean ownsProducer, Topics topics, SupplierSchedule schedule, Duration pollInterval,
                      LongSupplier nanoTime) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.shipments = new ShipmentPublisher(Objects.requireNonNull(producer, "producer"), ownsProducer,
                topics.shipments().name(), failure);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.nanoTime = nanoTime;
        this.lastTriggerNanos = nanoTime.getAsLong();
    }

    /** The trigger consumer's settings: read_committed, manual commits, earliest; {@code overrides} win. */
    public static Map<String, Object> consumerConfig(String bootstrapServers, String groupId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stockpulse-supplier-simulator");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (overrides != null) {
            config.putAll(overrides);
        }
        return config;
    }

    /**
     * A simulator with its own trigger consumer.
     *
     * @param producer the producer to publish shipments with, shared and not closed here; null to create
     *                 one (see {@link Replayer#createProducer}) that {@link #close()} closes
     */
    public static SupplierSimulator create(String bootstrapServers, Map<String, ?> clientOverrides, Topics topics,
                                           Settings settings,
                                           Producer<String, SpecificRecord> producer) {
        KafkaConsumer<String, ReorderTrigger> consumer = new KafkaConsumer<>(
                consumerConfig(bootstrapServers, settings.groupId(), clientOverrides), new StringDeserializer(),
                topics.reorderTriggers().valueSerde().deserializer());
        boolean own = producer == null;
        Producer<String, SpecificRecord> p = own
                ? Replayer.createProducer(bootstrapServers, topics, clientOverrides) : producer;
        return new SupplierSimulator(consumer, p, own, topics, new SupplierSchedule(settings.leadTimes()),
                settings.pollInterval());
    }

    /** Subscribes and answers triggers until {@link #close()}. */
    @Override
    public void run() {
        started = true;
        try {
            consumer.subscribe(List.of(topics.reorderTriggers().name()));
            while (running) {
                pollOnce(pollInterval);
            }
        } catch (WakeupException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            LOG.error("Supplier simulator stopped", e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the trigger consumer failed", e);
            }
            stopped.countDown();
        }
    }

    /**
     * One round: poll triggers, answer the new ones with their ORDERED events, flush, commit. Called by
     * {@link #run()}; public for callers that drive the loop themselves.
     *
     * @return the number of shipment events sent
     */
    public int pollOnce(Duration timeout) {
        ConsumerRecords<String, ReorderTrigger> records;
        try {
            records = consumer.poll(timeout);
        } catch (RecordDeserializationException e) {
            // Not a ReorderTrigger: skip it rather than stall on it forever.
            LOG.warn("Skipping undecodable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            skippedRecords++;
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return 0;
        }
        int sent = 0;
        for (ConsumerRecord<String, ReorderTrigger> record : records) {
            ReorderTrigger trigger = record.value();
            if (trigger == null) {
                skippedRecords++;
                continue;
            }
            lastTriggerNanos = nanoTime.getAsLong();
            // Under the lock: a replay far ahead of the stream could otherwise release the receipt between
            // its scheduling and the ORDERED send, and StockPulse rejects a receipt of an unknown order.
            synchronized (sendLock) {
                var ordered = schedule.onTrigger(trigger);
                if (ordered.isPresent()) {
                    shipments.send(ordered.get());
                    sent++;
                }
            }
        }
        if (!records.isEmpty()) {
            shipments.flush();
            try {
                consumer.commitSync();
            } catch (CommitFailedException e) {
                LOG.warn("Could not commit trigger offsets (group rebalanced); the triggers may be answered again", e);
            }
        }
        recordPositions();
        return sent;
    }

    /** After the flush: every trigger before these offsets has its ORDERED on the broker. */
    private void recordPositions() {
        for (TopicPartition partition : consumer.assignment()) {
            try {
                answered.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (TimeoutException unknownYet) {
                // no position yet (just assigned): nothing answered there so far
            }
        }
    }

    /**
     * Whether every trigger before {@code endOffsets} (e.g. the trigger topic's last stable offsets) was
     * read and answered, its ORDERED flushed. A partition with end offset 0 needs nothing.
     */
    public boolean answeredUpTo(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (end.getValue() > answered.getOrDefault(end.getKey(), 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The replay's event time is about to reach {@code at}: publishes, on the caller's (the replay's)
     * thread, every pending receipt due by then, earliest first.
     */
    @Override
    public void reached(Instant at) {
        releaseDue(at);
    }

    /** Publishes every pending receipt due at or before {@code replayTime}. @return receipts sent */
    public int releaseDue(Instant replayTime) {
        synchronized (sendLock) {
            List<ShipmentEvent> due = schedule.releaseDue(replayTime);
            due.forEach(shipments::send);
            return due.size();
        }
    }

    /**
     * Publishes every pending receipt whatever its date (at the end of the replay) and flushes.
     *
     * @return receipts sent
     */
    public int drain() {
        int n;
        synchronized (sendLock) {
            List<ShipmentEvent> all = schedule.drain();
            all.forEach(shipments::send);
            n = all.size();
        }
        shipments.flush();
        return n;
    }

    /**
     * Waits until no trigger has arrived for {@code quiet} (StockPulse has caught up with the replay),
     * or at most {@code max}. Sleeps; does not spin.
     *
     * @return true when quiet, false when {@code max} elapsed first
     */
    public boolean awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + max.toNanos();
        while (true) {
            long now = nanoTime.getAsLong();
            long quietFor = now - lastTriggerNanos;
            if (quietFor >= quiet.toNanos()) {
                return true;
            }
            if (now >= deadline) {
                return false;
            }
            long sleep = Math.min(quiet.toNanos() - quietFor, deadline - now);
            TimeUnit.NANOSECONDS.sleep(Math.max(sleep, 1_000_000));
        }
    }

    /** Triggers answered, units ordered and received, receipts pending. */
    public SupplierSchedule.Stats stats() {
        return schedule.stats();
    }

    /** Records on the trigger topic that were not triggers (null or undecodable values). */
    public long skippedRecords() {
        return skippedRecords;
    }

    /** The error that stopped the loop or a send, if any. */
    public Exception failure() {
        return failure.get();
    }

    /** Stops the loop (waits up to 10 s for it), closes the consumer and, if owned, the producer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (started) {
            try {
                if (!stopped.await(10, TimeUnit.SECONDS)) {
                    LOG.warn("Supplier simulator loop did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        shipments.close();
    }
}
