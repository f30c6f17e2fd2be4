package io.stockpulse.app;

import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryException;
import io.stockpulse.serde.SchemaRegistryUnavailableException;
import io.stockpulse.signals.HealthSignals;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pauses Kafka Streams processing while the schema registry is unreachable and resumes it when the
 * registry answers again.
 *
 * <p>Why pause: a stream thread that cannot decode a record gives up on it after waiting in place
 * for {@link HealthSignals#registryRetryBudget} and is replaced, so that the record is read again
 * (see {@code DeadLetterDeserializationHandler}).
 * Under exactly-once a replaced thread's tasks are closed dirty and restore their stores from the
 * changelogs; without a pause the replacement would hit the same record and die again every few
 * seconds for the length of the outage. Paused, the new thread restores and waits, and a probe on
 * this guard's own thread (the schema id that failed, with capped exponential backoff) decides when
 * to resume. Readiness is false meanwhile ({@link HealthSignals#readiness}).
 */
final class RegistryOutageGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageGuard.class);
    static final long FIRST_PROBE_MS = 250;
    static final long MAX_PROBE_MS = 5_000;

    private final List<KafkaStreams> clients;
    private final SchemaRegistryClient registry;
    private final HealthSignals health;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "registry-outage-guard");
        thread.setDaemon(true);
        return thread;
    });
    private boolean pausedByUs;

    /** {@code clients}: the instance's Kafka Streams clients (the inventory topology and the policy check). */
    RegistryOutageGuard(List<KafkaStreams> clients, SchemaRegistryClient registry, HealthSignals health) {
        this.clients = List.copyOf(clients);
        this.registry = registry;
        this.health = health;
        health.onRegistryOutage(error -> probe.execute(this::pause));
    }

    private synchronized void pause() {
        if (pausedByUs) {
            return;
        }
        pausedByUs = true;
        clients.forEach(KafkaStreams::pause);
        LOG.warn("Processing paused: schema registry unavailable; probing it until it answers");
        probe.schedule(() -> check(FIRST_PROBE_MS), FIRST_PROBE_MS, TimeUnit.MILLISECONDS);
    }

    private void check(long delayMs) {
        if (reachable()) {
            health.available();
            resume();
        } else {
            long next = Math.min(delayMs * 2, MAX_PROBE_MS);
            probe.schedule(() -> check(next), next, TimeUnit.MILLISECONDS);
        }
    }

    /** Any answer that is not an infrastructure failure (even "no such schema") means the registry is back. */
    private boolean reachable() {
        try {
            int id = health.registrySchemaId();
            if (id >= 0) {
                registry.schemaById(id);
            } else {
                registry.versions("stockpulse-registry-probe");
            }
            return true;
        } catch (SchemaRegistryException e) {
            return !SchemaRegistryUnavailableException.isInfrastructure(e);
        } catch (RuntimeException e) {
            LOG.debug("Registry probe failed", e);
            return false;
        }
    }

    private synchronized void resume() {
        if (pausedByUs) {
            pausedByUs = false;
            clients.forEach(KafkaStreams::resume);
            LOG.info("Processing resumed: schema registry reachable");
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
