package io.stockpulse.replay;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.topics.Topics;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Publishes the Online Retail file as StockPulse events: sales to {@code inventory.sales}, returns,
 * write-offs and opening counts to {@code inventory.stock-changes}, key = SKU, in event-time order,
 * as fast as possible or at a scaled clock, advancing a {@link ReplayClock} as it goes. Optionally
 * first one unit-cost SkuPolicy per SKU to {@code inventory.sku-policies} ({@link Options#costRatio}).
 * {@link ReplayHooks} merge other events (the supplier's receipts) into the replay in time order and
 * may hold the replay at each day's end.
 *
 * <p>Two passes over the file (the pre-pass sizes the opening stock, see {@link OpeningStock}); the
 * file is streamed both times. Record timestamps are left to the producer (wall clock): StockPulse
 * reads event time from {@code occurredAt}, and 2010 record timestamps would make the brokers'
 * time-based retention delete the replayed segments as soon as they roll.
 */
public final class Replayer {

    /** The unit cost of a SKU as a share of its median sale price, the {@code replay} and {@code demo} default. */
    public static final double DEFAULT_COST_RATIO = 0.6;

    /**
     * @param data      the CSV (.csv or .csv.gz)
     * @param limit     data rows to read, ≤ 0 for all
     * @param speed     event-time seconds per wall-clock second (86400 = a day per second); ≤ 0 = as fast as possible
     * @param progress  show a progress bar on stderr (only when attached to a terminal)
     * @param mapping   location, opening cover and the [from, to) window
     * @param costRatio before any event, publish a unit-cost policy per SKU of this ratio × its median
     *                  sale price; 0 = publish none (the configured default unit cost applies)
     */
    public record Options(Path data, long limit, double speed, boolean progress, RetailEventMapper.Settings mapping,
                          double costRatio) {

        public Options {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(mapping, "mapping");
            if (Double.isNaN(speed) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a finite number, was " + speed);
            }
            if (!(costRatio >= 0) || Double.isInfinite(costRatio)) {
                throw new IllegalArgumentException("cost ratio must be a finite number >= 0, was " + costRatio);
            }
        }

        /** Without unit-cost policies. */
        public Options(Path data, long limit, double speed, boolean progress, RetailEventMapper.Settings mapping) {
            this(data, limit, speed, progress, mapping, 0);
        }

        /** The whole file, as fast as possible, default mapping, no progress bar, no unit-cost policies. */
        public static Options of(Path data) {
            return new Options(data, 0, 0, false, RetailEventMapper.Settings.defaults(), 0);
        }

        public Options withLimit(long rows) {
            return new Options(data, rows, speed, progress, mapping, costRatio);
        }

        public Options withSpeed(double eventSecondsPerSecond) {
            return new Options(data, limit, eventSecondsPerSecond, progress, mapping, costRatio);
        }

        public Options withProgress(boolean show) {
            return new Options(data, limit, speed, show, mapping, costRatio);
        }

        public Options withMapping(RetailEventMapper.Settings settings) {
            return new Options(data, limit, speed, progress, settings, costRatio);
        }

        public Options withCostRatio(double ratio) {
            return new Options(data, limit, speed, progress, mapping, ratio);
        }
    }

    private final Producer<String, SpecificRecord> producer;
    private final Topics topics;
    private final ReplayClock clock;
    private final LongSupplier nanoTime;
    private final Pacer.Sleeper sleeper;
    private final PrintStream progressOut;

    /**
     * @param producer a producer whose value serializer handles the events (see {@link #createProducer});
     *                 not closed here
     */
    public Replayer(Producer<String, SpecificRecord> producer, Topics topics, ReplayClock clock) {
        this(producer, topics, clock, System::nanoTime, Pacer.THREAD_SLEEP, System.err);
    }

    Replayer(Producer<String, SpecificRecord> producer, Topics topics, ReplayClock clock, LongSupplier nanoTime,
             Pacer.Sleeper sleeper, PrintStream progressOut) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.progressOut = progressOut;
    }

    /**
     * The replay producer's settings: idempotent, {@code acks=all}, 20 ms linger, 128 KiB batches, lz4;
     * {@code overrides} (e.g. security settings) win.
     */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "stockpulse-replay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        if (overrides != null) {
            config.putAll(overrides);
        }
        return config;
    }

    /** A producer for every StockPulse input topic: String keys, values through {@link TopicRoutingSerializer}. */
    public static KafkaProducer<String, SpecificRecord> createProducer(String bootstrapServers, Topics topics,
                                                                       Map<String, ?> overrides) {
        return new KafkaProducer<>(producerConfig(bootstrapServers, overrides), new StringSerializer(),
                new TopicRoutingSerializer(topics));
    }

    /**
     * Replays the file and flushes the producer. Interrupting the calling thread stops the replay
     * after the current event ({@link ReplayStats#interrupted()}); a failed send stops it with a
     * {@link KafkaException}.
     *
     * @throws IOException when the file cannot be read
     */
    public ReplayStats replay(Options options) throws IOException {
        return replay(options, ReplayHooks.NONE);
    }

    /** {@link #replay(Options)}, calling {@code hooks} on this thread at the points it names. */
    public ReplayStats replay(Options options, ReplayHooks hooks) throws IOException {
        long started = nanoTime.getAsLong();
        RetailEventMapper mapper = new RetailEventMapper(options.mapping());
        try (TimeOrderedRows rows = TimeOrderedRows.open(options.data(), options.limit())) {
            return replay(options, rows, mapper, Objects.requireNonNull(hooks, "hooks"), started);
        }
    }

    private ReplayStats replay(Options options, TimeOrderedRows rows, RetailEventMapper mapper, ReplayHooks hooks,
                               long started) throws IOException {
        OpeningStock opening;
        try (Stream<RetailLine> lines = rows.lines()) {
            opening = mapper.openingStock(lines.iterator());
        }
        ReplayStats stats = new ReplayStats();
        stats.recordInputOrder(rows.describe());
        AtomicReference<Exception> failure = new AtomicReference<>();
        boolean interrupted = false;
        try (Stream<RetailLine> lines = rows.lines();
             ProgressBar bar = options.progress() && attachedToTerminal() ? progressBar(opening.linesRead()) : null) {
            publishPolicies(opening, options.costRatio(), stats, failure, hooks);
            interrupted = publishEvents(mapper.events(lines.iterator(), opening, stats), options, stats, failure, hooks,
                    bar);
            if (bar != null && !interrupted) {
                bar.stepTo(opening.linesRead());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            producer.flush();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Exception error = failure.get();
        if (error != null) {
            throw new KafkaException("Replay stopped: a record could not be sent: " + error.getMessage(), error);
        }
        stats.recordFinish(Duration.ofNanos(nanoTime.getAsLong() - started), interrupted);
        return stats;
    }

    /**
     * One SkuPolicy per priced SKU carrying only its unit cost (the other fields null fall through to
     * the configured defaults), sent and flushed before any event: the policy topic feeds a global store,
     * and a SKU's first events should already be valued at its own cost.
     */
    private void publishPolicies(OpeningStock opening, double costRatio, ReplayStats stats,
                                 AtomicReference<Exception> failure, ReplayHooks hooks) throws InterruptedException {
        if (costRatio <= 0) {
            return;
        }
        Map<String, Double> costs = opening.unitCosts(costRatio);
        costs.forEach((sku, cost) -> sendPolicy(SkuPolicy.newBuilder().setSku(sku).setUnitCost(cost).build(), failure));
        producer.flush();
        stats.recordPolicies(costs.size(), costRatio);
        hooks.policiesPublished(costs.size());
    }

    /** The main pass, a UTC day at a time. @return true when interrupted */
    private boolean publishEvents(Iterator<ReplayEvent> events, Options options, ReplayStats stats,
                                  AtomicReference<Exception> failure, ReplayHooks hooks, ProgressBar bar)
            throws InterruptedException {
        Pacer pacer = new Pacer(options.speed(), nanoTime, sleeper);
        List<ReplayEvent> day = new ArrayList<>();
        while (events.hasNext()) {
            // The flag is cleared here and set again at the end, so that the final flush still works.
            if (Thread.interrupted()) {
                return true;
            }
            ReplayEvent event = events.next();
            if (!day.isEmpty() && !dayOf(event).equals(dayOf(day.get(0)))) {
                publishDay(day, pacer, stats, failure, hooks, bar);
                day.clear();
            }
            day.add(event);
        }
        if (!day.isEmpty()) {
            publishDay(day, pacer, stats, failure, hooks, bar);
        }
        return false;
    }

    /**
     * One day's events in time order, each after {@link ReplayHooks#reached}; with
     * {@link ReplayHooks#openingCountsFirst} the day's opening counts go out first (see there), then the
     * day ends ({@link #endDay}). Interrupts surface as InterruptedException.
     */
    private void publishDay(List<ReplayEvent> events, Pacer pacer, ReplayStats stats, AtomicReference<Exception> failure,
                            ReplayHooks hooks, ProgressBar bar) throws InterruptedException {
        LocalDate day = dayOf(events.get(0));
        List<ReplayEvent> rest = events;
        if (hooks.openingCountsFirst()) {
            List<ReplayEvent> counts = events.stream().filter(e -> e.kind() == ReplayEvent.Kind.COUNT).toList();
            if (!counts.isEmpty()) {
                counts.forEach(e -> send(e, failure));
                producer.flush();
                hooks.openingCountsPublished(day);
                rest = events.stream().filter(e -> e.kind() != ReplayEvent.Kind.COUNT).toList();
            }
        }
        if (bar != null) {
            bar.setExtraMessage(day.toString());
        }
        for (ReplayEvent event : rest) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            pacer.awaitDue(event.occurredAt());
            // Advanced before the send: the supplier may release receipts up to this time.
            clock.advanceTo(event.occurredAt());
            hooks.reached(event.occurredAt());
            send(event, failure);
            if (bar != null) {
                bar.stepTo(stats.linesRead());
            }
        }
        endDay(day, hooks);
    }

    private static LocalDate dayOf(ReplayEvent event) {
        return event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** What is due by the day's end goes out, then the hooks may wait for the consumers (day lockstep). */
    private void endDay(LocalDate day, ReplayHooks hooks) throws InterruptedException {
        hooks.reached(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
        producer.flush();
        hooks.dayEnded(day);
    }

    private void sendPolicy(SkuPolicy policy, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topics.skuPolicies().name(), policy.getSku(), policy), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    private void send(ReplayEvent event, AtomicReference<Exception> failure) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new KafkaException("Replay stopped at line " + event.line() + ": an earlier record could not be sent: "
                    + earlier.getMessage(), earlier);
        }
        String topic = event.kind().isSale() ? topics.sales().name() : topics.stockChanges().name();
        producer.send(new ProducerRecord<>(topic, event.sku(), event.value()), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    private ProgressBar progressBar(long lines) {
        return new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(lines)
                .setUnit(" lines", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progressOut))
                .build();
    }

    /** Java 17: a console exists only when both stdin and stdout are terminals. */
    static boolean attachedToTerminal() {
        if (System.console() == null) {
            return false;
        }
        String term = System.getenv("TERM");
        return term == null || !term.equals("dumb");
    }
}
