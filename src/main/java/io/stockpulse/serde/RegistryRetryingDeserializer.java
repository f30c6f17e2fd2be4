package io.stockpulse.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Retries a deserializer while the schema registry is unreachable, with capped exponential
 * backoff, for at most a time budget; then rethrows the {@link SchemaRegistryUnavailableException}.
 *
 * <p>Why in the deserializer and why bounded: Kafka Streams offers no "retry this record later" for
 * a deserialization failure, so an outage is best ridden out in place, on the same thread and group
 * member. Blocking is safe under exactly-once v2: if the wait outlasts the producer's
 * {@code transaction.timeout.ms} (10 s by Streams' default) the broker aborts the open transaction,
 * and the next send or commit fences the producer; Kafka Streams then closes the tasks dirty, restores
 * their state and re-reads from the committed offsets, without losing or repeating anything. The wait
 * must stay under {@code max.poll.interval.ms} (5 minutes by default), or the member is dropped from
 * the group; so stream threads get a budget, after which the exception is rethrown and the
 * dead-letter handler fails the thread without a dead letter (the record is read again once the
 * registry answers; see {@code DeadLetterDeserializationHandler} and {@code app.RegistryOutageGuard}).
 * Global-store threads hold no transaction and no group membership, and a failed global thread
 * cannot be replaced, so they wait without a budget ({@link #UNTIL_AVAILABLE}).
 *
 * <p>Only {@link SchemaRegistryUnavailableException} is retried; data faults (unknown schema id,
 * corrupt bytes) fail at once, as before.
 */
public final class RegistryRetryingDeserializer<T> implements Deserializer<T> {

    /** Told about failed attempts and recoveries, e.g. to drop readiness while the registry is away. */
    public interface Listener {
        void unavailable(SchemaRegistryUnavailableException error, int attempt);

        void available();

        /** True when waiting is pointless (the application is shutting down): give up at once. */
        default boolean stopWaiting() {
            return false;
        }

        Listener NONE = new Listener() {
            @Override
            public void unavailable(SchemaRegistryUnavailableException error, int attempt) {
            }

            @Override
            public void available() {
            }
        };
    }

    /** No budget: wait until the registry answers (for global-store threads). */
    public static final Duration UNTIL_AVAILABLE = Duration.ofMillis(Long.MAX_VALUE);
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 2_000;

    private final Deserializer<T> delegate;
    private final Supplier<Duration> budget;
    private final Listener listener;
    private volatile boolean closed;

    public RegistryRetryingDeserializer(Deserializer<T> delegate, Duration budget, Listener listener) {
        this(delegate, () -> budget, listener);
        Objects.requireNonNull(budget, "budget");
    }

    /** {@code budget} is read at each record, so it can be changed while the application runs. */
    public RegistryRetryingDeserializer(Deserializer<T> delegate, Supplier<Duration> budget, Listener listener) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.listener = listener == null ? Listener.NONE : listener;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return retrying(() -> delegate.deserialize(topic, data));
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return retrying(() -> delegate.deserialize(topic, headers, data));
    }

    private T retrying(Supplier<T> call) {
        long start = System.nanoTime();
        long budgetMs = budget.get().toMillis();
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                T value = call.get();
                if (attempt > 1) {
                    listener.available();
                }
                return value;
            } catch (SchemaRegistryUnavailableException e) {
                listener.unavailable(e, attempt);
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                long left = budgetMs - elapsedMs;
                if (closed || left <= 0 || listener.stopWaiting()) {
                    throw e;
                }
                sleep(Math.min(backoff, left));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            // Backoff between registry calls on the caller's own thread, not test synchronisation.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while waiting for the schema registry", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        delegate.close();
    }
}
