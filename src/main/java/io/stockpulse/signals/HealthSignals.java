package io.stockpulse.signals;

import io.stockpulse.serde.RegistryRetryingDeserializer;
import io.stockpulse.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What besides the Kafka Streams state decides readiness: a schema registry outage (processing is
 * paused until it ends) and stream threads being replaced again and again (a crash loop). One
 * instance per application, reached through {@link PipelineCounters#health()}, so the serdes, the
 * exception handlers (configured by Kafka Streams, possibly on a replaced thread) and the HTTP probe
 * see the same facts.
 */
public final class HealthSignals implements RegistryRetryingDeserializer.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HealthSignals.class);
    /** Replacements within {@link #CRASH_LOOP_WINDOW} that make the instance not ready. */
    public static final int CRASH_LOOP_REPLACEMENTS = 2;
    public static final Duration CRASH_LOOP_WINDOW = Duration.ofMinutes(5);
    /**
     * How long a stream thread waits in place for the registry before it gives up on the record:
     * under half of Kafka Streams' default {@code max.poll.interval.ms} (5 minutes), so the thread
     * stays in its consumer group meanwhile.
     */
    public static final Duration DEFAULT_REGISTRY_RETRY_BUDGET = Duration.ofMinutes(2);

    /** Why the instance is or is not ready, for /health/ready and the stockpulse_ready gauge. */
    public record Readiness(boolean ready, List<String> reasons) {
    }

    private final Clock clock;
    private final Deque<Long> replacements = new ArrayDeque<>();
    private final LongAdder replacementsTotal = new LongAdder();
    private final LongAdder registryRetries = new LongAdder();
    private final LongAdder registryOutages = new LongAdder();
    private final Set<String> stubDeadLetters = ConcurrentHashMap.newKeySet();
    private volatile long registryDownSince = -1;
    private volatile String registryError;
    private volatile int registrySchemaId = -1;
    private volatile Consumer<SchemaRegistryUnavailableException> outageListener = e -> { };
    private volatile Duration registryRetryBudget = DEFAULT_REGISTRY_RETRY_BUDGET;
    private volatile boolean stopping;

    public HealthSignals() {
        this(Clock.systemUTC());
    }

    public HealthSignals(Clock clock) {
        this.clock = clock;
    }

    /** Called (on the failing thread) when an outage begins; the application pauses processing there. */
    public void onRegistryOutage(Consumer<SchemaRegistryUnavailableException> listener) {
        this.outageListener = listener;
    }

    @Override
    public void unavailable(SchemaRegistryUnavailableException error, int attempt) {
        registryRetries.increment();
        registryError = error.getMessage();
        registrySchemaId = error.schemaId() >= 0 ? error.schemaId() : registrySchemaId;
        boolean began;
        synchronized (this) {
            began = registryDownSince < 0;
            if (began) {
                registryDownSince = clock.millis();
                registryOutages.increment();
            }
        }
        if (began) {
            LOG.warn("Schema registry unavailable: {}. Retrying with backoff; records are not dead-lettered, processing"
                    + " pauses until the registry answers", error.getMessage());
            outageListener.accept(error);
        }
    }

    @Override
    public void available() {
        long since;
        synchronized (this) {
            since = registryDownSince;
            registryDownSince = -1;
        }
        if (since >= 0) {
            LOG.info("Schema registry reachable again after {} ms; processing resumes", clock.millis() - since);
        }
    }

    /** The stream threads' in-place wait for the registry (see {@code RegistryRetryingDeserializer}). */
    public Duration registryRetryBudget() {
        return registryRetryBudget;
    }

    /** Changes the in-place wait, e.g. to lower it under a lowered {@code max.poll.interval.ms}. */
    public void registryRetryBudget(Duration budget) {
        this.registryRetryBudget = budget;
    }

    /** The application is closing: threads waiting for the registry give up so they can stop. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public boolean stopWaiting() {
        return stopping;
    }

    public boolean registryAvailable() {
        return registryDownSince < 0;
    }

    /** The schema id whose fetch failed last (a probe target), or -1. */
    public int registrySchemaId() {
        return registrySchemaId;
    }

    public long registryRetries() {
        return registryRetries.sum();
    }

    public long registryOutages() {
        return registryOutages.sum();
    }

    /**
     * A stream thread died with {@code cause} and was replaced. A death from a registry outage is
     * counted but is no crash loop: the outage itself already makes the instance not ready, and
     * processing stays paused until it ends.
     */
    public synchronized void threadReplaced(Throwable cause) {
        replacementsTotal.increment();
        if (!SchemaRegistryUnavailableException.causedByOutage(cause)) {
            replacements.addLast(clock.millis());
        }
        prune();
    }

    public long threadReplacements() {
        return replacementsTotal.sum();
    }

    /**
     * Remembers that the dead-letter copy of a source record was refused for its size, so that the
     * re-read after the aborted transaction sends a copy without the payload instead of failing again.
     */
    public void deadLetterRefused(String topic, int partition, long offset) {
        stubDeadLetters.add(topic + '\u0000' + partition + '\u0000' + offset);
    }

    public boolean deadLetterMustBeStub(String topic, int partition, long offset) {
        return stubDeadLetters.contains(topic + '\u0000' + partition + '\u0000' + offset);
    }

    /**
     * Ready while Kafka Streams is RUNNING or REBALANCING: a rebalance (an instance joining or leaving,
     * a rolling update) is healthy, and taking every pod out of the Service for it would leave the API
     * with no instance to answer. Starting, failed and stopping instances are not ready.
     */
    public Readiness readiness(KafkaStreams.State state) {
        List<String> reasons = new ArrayList<>();
        if (!state.isRunningOrRebalancing()) {
            reasons.add("Kafka Streams is " + state);
        }
        if (!registryAvailable()) {
            reasons.add("schema registry unavailable since " + Instant.ofEpochMilli(registryDownSince)
                    + " (" + registryError + "); processing paused");
        }
        int recent = recentReplacements();
        if (recent >= CRASH_LOOP_REPLACEMENTS) {
            reasons.add(recent + " stream thread replacements in the last " + CRASH_LOOP_WINDOW.toMinutes() + " minutes");
        }
        return new Readiness(reasons.isEmpty(), List.copyOf(reasons));
    }

    /**
     * Alive unless Kafka Streams failed for good (PENDING_ERROR, ERROR): {@code run} then exits on its
     * own, an embedding application may not, and the liveness probe restarts it.
     */
    public static boolean alive(KafkaStreams.State state) {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }

    synchronized int recentReplacements() {
        prune();
        return replacements.size();
    }

    private void prune() {
        long oldest = clock.millis() - CRASH_LOOP_WINDOW.toMillis();
        while (!replacements.isEmpty() && replacements.peekFirst() < oldest) {
            replacements.removeFirst();
        }
    }
}
