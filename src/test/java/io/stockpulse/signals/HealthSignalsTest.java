package io.stockpulse.signals;

import io.stockpulse.serde.SchemaRegistryException;
import io.stockpulse.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HealthSignalsTest {

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static SchemaRegistryUnavailableException outage() {
        return new SchemaRegistryUnavailableException("registry down", 3,
                new SchemaRegistryException("Connection refused", -1, -1, null));
    }

    @Test
    void repeatedThreadReplacementMakesTheInstanceNotReadyUntilTheWindowPasses() {
        Manual clock = new Manual();
        HealthSignals health = new HealthSignals(clock);
        health.threadReplaced(new StreamsException("boom"));
        assertThat(health.readiness(KafkaStreams.State.RUNNING).ready()).as("one replacement is no loop").isTrue();

        clock.now = clock.now.plusSeconds(45);
        health.threadReplaced(new StreamsException("boom"));
        HealthSignals.Readiness looping = health.readiness(KafkaStreams.State.RUNNING);
        assertThat(looping.ready()).isFalse();
        assertThat(looping.reasons()).singleElement().asString().contains("2 stream thread replacements");
        assertThat(health.threadReplacements()).isEqualTo(2);

        clock.now = clock.now.plus(HealthSignals.CRASH_LOOP_WINDOW).plusSeconds(1);
        assertThat(health.readiness(KafkaStreams.State.RUNNING).ready()).isTrue();
    }

    @Test
    void onlyAFailedKafkaStreamsIsDead() {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
            assertThat(HealthSignals.alive(state)).as(state.name()).isEqualTo(!failed);
        }
    }

    @Test
    void aRegistryOutageIsNotReadyAndCallsTheListenerOncePerOutage() {
        HealthSignals health = new HealthSignals(new Manual());
        AtomicInteger began = new AtomicInteger();
        health.onRegistryOutage(e -> began.incrementAndGet());

        health.unavailable(outage(), 1);
        health.unavailable(outage(), 2);
        // the thread that gave up on the record dies of the outage: counted, but no crash loop
        health.threadReplaced(new StreamsException("failed", outage()));
        health.threadReplaced(new StreamsException("failed", outage()));

        HealthSignals.Readiness down = health.readiness(KafkaStreams.State.RUNNING);
        assertThat(down.ready()).isFalse();
        assertThat(down.reasons()).singleElement().asString().contains("schema registry unavailable");
        assertThat(began).hasValue(1);
        assertThat(health.registryRetries()).isEqualTo(2);
        assertThat(health.registryOutages()).isEqualTo(1);
        assertThat(health.threadReplacements()).isEqualTo(2);

        health.available();
        assertThat(health.readiness(KafkaStreams.State.RUNNING).ready()).isTrue();
        assertThat(health.readiness(KafkaStreams.State.REBALANCING).ready()).as("a rebalance is healthy").isTrue();
        assertThat(health.readiness(KafkaStreams.State.CREATED).reasons()).containsExactly("Kafka Streams is CREATED");
        assertThat(health.readiness(KafkaStreams.State.PENDING_SHUTDOWN).ready()).isFalse();
        assertThat(health.readiness(KafkaStreams.State.ERROR).ready()).isFalse();
    }
}
