package io.stockpulse.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryRetryingDeserializerTest {

    private static SchemaRegistryUnavailableException down() {
        return new SchemaRegistryUnavailableException("registry down", 5,
                new SchemaRegistryException("Connection refused", -1, -1, null));
    }

    /** Records what the listener was told. */
    private static final class Calls implements RegistryRetryingDeserializer.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void unavailable(SchemaRegistryUnavailableException error, int attempt) {
            seen.add("down#" + attempt);
        }

        @Override
        public void available() {
            seen.add("up");
        }
    }

    @Test
    void waitsOutAShortOutageInPlaceAndSaysSo() {
        AtomicInteger calls = new AtomicInteger();
        Deserializer<String> flaky = (topic, data) -> {
            if (calls.incrementAndGet() <= 2) {
                throw down();
            }
            return "decoded";
        };
        Calls listener = new Calls();

        String value = new RegistryRetryingDeserializer<>(flaky, Duration.ofSeconds(5), listener).deserialize("t", new byte[1]);

        assertThat(value).isEqualTo("decoded");
        assertThat(calls).hasValue(3);
        assertThat(listener.seen).containsExactly("down#1", "down#2", "up");
    }

    @Test
    void givesUpAfterTheBudgetWithTheOutageNotADataFault() {
        AtomicInteger calls = new AtomicInteger();
        Deserializer<String> dead = (topic, data) -> {
            calls.incrementAndGet();
            throw down();
        };
        long start = System.nanoTime();

        assertThatThrownBy(() -> new RegistryRetryingDeserializer<>(dead, Duration.ofMillis(400), null)
                .deserialize("t", new byte[1])).isInstanceOf(SchemaRegistryUnavailableException.class);

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(400L, 3_000L);
        assertThat(calls.get()).isBetween(3, 5); // 0, 100, 300 ms, then the rest of the budget
    }

    @Test
    void dataFaultsFailAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        Deserializer<String> corrupt = (topic, data) -> {
            calls.incrementAndGet();
            throw new SerializationException("Unknown schema id 9");
        };
        Calls listener = new Calls();

        assertThatThrownBy(() -> new RegistryRetryingDeserializer<>(corrupt, Duration.ofSeconds(5), listener)
                .deserialize("t", new byte[1])).hasMessage("Unknown schema id 9");
        assertThat(calls).hasValue(1);
        assertThat(listener.seen).isEmpty();
    }

    @Test
    void infrastructureIsNoAnswerServerErrorsAndAuthNotFoundIsData() {
        assertThat(SchemaRegistryUnavailableException.isInfrastructure(new SchemaRegistryException("x", -1, -1, null))).isTrue();
        assertThat(SchemaRegistryUnavailableException.isInfrastructure(new SchemaRegistryException("x", 503, -1, null))).isTrue();
        assertThat(SchemaRegistryUnavailableException.isInfrastructure(new SchemaRegistryException("x", 401, -1, null))).isTrue();
        assertThat(SchemaRegistryUnavailableException.isInfrastructure(new SchemaRegistryException("x", 404, 40403, null)))
                .isFalse();
        assertThat(SchemaRegistryUnavailableException.isInfrastructure(new SchemaRegistryException("x", 200, -1, null)))
                .isFalse();
    }

    @Test
    void aRefusedConnectionIsAnOutageNotAnUnknownSchema() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient("http://127.0.0.1:" + port)) {
            ConfluentAvroDeserializer<io.stockpulse.avro.SaleEvent> deserializer =
                    new ConfluentAvroDeserializer<>(io.stockpulse.avro.SaleEvent.class, client);
            byte[] framed = {0, 0, 0, 0, 42, 0};

            assertThatThrownBy(() -> deserializer.deserialize("inventory.sales", framed))
                    .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class,
                            e -> assertThat(e.schemaId()).isEqualTo(42))
                    .hasMessageContaining("unavailable");
        }
    }
}
