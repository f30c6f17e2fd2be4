package io.stockpulse.replay;

import io.stockpulse.topology.Topics;
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
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Publishes the Online Retail file as StockPulse events: sales to {@code inventory.sales}, returns,
 * write-offs and opening counts to {@code inventory.stock-changes}, key = SKU, in event-time order,
 * as fast as possible or at a scaled clock, advancing a {@link ReplayClock} as it goes.
 *
 * <p>Two passes over the file (the pre-pass sizes the opening stock, see {@link OpeningStock}); the
 * file is streamed both times. Record timestamps are left to the producer (wall clock): StockPulse
 * reads event time from {@code occurredAt}, and 2010 record timestamps would make the brokers'
 * time-based retention delete the replayed segments as soon as they roll.
 */
public final class Replayer {

    /**
     * @param data     the CSV (.csv or .csv.gz)
     * @param limit    data rows to read, ≤ 0 for all
     * @param speed    event-time seconds per wall-clock second (86400 = a day per second); ≤ 0 = as fast as possible
     * @param progress show a progress bar on stderr (only when attached to a terminal)
     * @param mapping  location, opening cover and the [from, to) window
     */
    public record Options(Path data, long limit, double speed, boolean progress, RetailEventMapper.Settings mapping) {

        public Options {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(mapping, "mapping");
            if (Double.isNaN(speed) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a finite number, was " + speed);
            }
        }

        /** The whole file, as fast as possible, default mapping, no progress bar. */
        public static Options of(Path data) {
            return new Options(data, 0, 0, false, RetailEventMapper.Settings.defaults());
        }

        public Options withLimit(long rows) {
            return new Options(data, rows, speed, progress, mapping);
        }

        public Options withSpeed(double eventSecondsPerSecond) {
            return new Options(data, limit, eventSecondsPerSecond, progress, mapping);
        }

        public Options withProgress(boolean show) {
            return new Options(data, limit, speed, show, mapping);
        }

        public Options withMapping(RetailEventMapper.Settings settings) {
            return new Options(data, limit, speed, progress, settings);
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
        long started = nanoTime.getAsLong();
        RetailEventMapper mapper = new RetailEventMapper(options.mapping());
        try (TimeOrderedRows rows = TimeOrderedRows.open(options.data(), options.limit())) {
            return replay(options, rows, mapper, started);
        }
    }

    private ReplayStats replay(Options options, TimeOrderedRows rows, RetailEventMapper mapper, long started)
            throws IOException {
        OpeningStock opening;
        try (Stream<RetailLine> lines = rows.lines()) {
            opening = mapper.openingStock(lines.iterator());
        }
        ReplayStats stats = new ReplayStats();
        stats.recordInputOrder(rows.describe());
        Pacer pacer = new Pacer(options.speed(), nanoTime, sleeper);
        AtomicReference<Exception> failure = new AtomicReference<>();
        boolean interrupted = false;
        try (Stream<RetailLine> lines = rows.lines();
             ProgressBar bar = options.progress() && attachedToTerminal() ? progressBar(opening.linesRead()) : null) {
            Iterator<ReplayEvent> events = mapper.events(lines.iterator(), opening, stats);
            long shownDay = Long.MIN_VALUE;
            while (events.hasNext()) {
                // The flag is cleared here and set again at the end, so that the final flush still works.
                if (Thread.interrupted()) {
                    interrupted = true;
                    break;
                }
                ReplayEvent event = events.next();
                try {
                    pacer.awaitDue(event.occurredAt());
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                // Advanced before the send: the supplier may release receipts up to this time.
                clock.advanceTo(event.occurredAt());
                send(event, failure);
                if (bar != null) {
                    bar.stepTo(stats.linesRead());
                    long day = Math.floorDiv(event.occurredAt().getEpochSecond(), 86_400L);
                    if (day != shownDay) {
                        shownDay = day;
                        bar.setExtraMessage(event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
                    }
                }
            }
            if (bar != null && !interrupted) {
                bar.stepTo(opening.linesRead());
            }
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
