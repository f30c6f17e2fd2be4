package io.stockpulse.replay;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.serde.ConfluentAvroSerializer;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topology.TopicNames;
import io.stockpulse.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The replay loop with Kafka's MockProducer and a fake monotonic clock: no broker, no real sleeping. */
class ReplayerTest {

    Topics topics;
    MockProducer<String, SpecificRecord> producer;
    ReplayClock clock;
    final AtomicLong fakeNanos = new AtomicLong(1_000_000_000L);
    final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void setUp() {
        topics = Topics.create(TopicNames.defaults(), SchemaRegistryClients.create("mock://replayer-test", null), true);
        producer = new MockProducer<>(true, null, new StringSerializer(), new TopicRoutingSerializer(topics));
        clock = new ReplayClock();
    }

    private Replayer replayer() {
        return new Replayer(producer, topics, clock, fakeNanos::get, nanos -> {
            sleeps.add(nanos);
            fakeNanos.addAndGet(nanos);
        }, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void publishesEveryEventToItsTopicKeyedBySkuInTimeOrder() throws Exception {
        ReplayStats stats = replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()).withProgress(true));

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertThat(sent).hasSize(16); // with line 18, dated before the rows above it: the file is read sorted
        assertThat(stats.eventsTotal()).isEqualTo(16);
        assertThat(sent).allSatisfy(r -> {
            if (r.value() instanceof SaleEvent sale) {
                assertThat(r.topic()).isEqualTo("inventory.sales");
                assertThat(r.key()).isEqualTo(sale.getSku());
            } else {
                assertThat(r.topic()).isEqualTo("inventory.stock-changes");
                assertThat(r.key()).isEqualTo(((StockChangeEvent) r.value()).getSku());
            }
            assertThat(r.timestamp()).as("record timestamp left to the producer").isNull();
        });
        assertThat(sent).extracting(r -> r.value() instanceof SaleEvent s ? s.getOccurredAt()
                : ((StockChangeEvent) r.value()).getOccurredAt()).isSorted();
        assertThat(producer.flushed()).isTrue();
        assertThat(clock.now()).contains(Instant.parse("2010-12-03T12:00:00Z"));
        assertThat(sleeps).as("speed 0: as fast as possible").isEmpty();
        assertThat(stats.interrupted()).isFalse();
        assertThat(stats.elapsed()).isNotNull();
    }

    @Test
    void valuesAreInTheConfluentWireFormat() throws Exception {
        replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()).withLimit(1));
        ProducerRecord<String, SpecificRecord> first = producer.history().get(0);
        byte[] bytes = new TopicRoutingSerializer(topics).serialize(first.topic(), first.value());
        assertThat(bytes[0]).isEqualTo(ConfluentAvroSerializer.MAGIC_BYTE);
        assertThat(topics.stockChanges().valueSerde().deserializer().deserialize(first.topic(), bytes)).isEqualTo(first.value());
        assertThatThrownBy(() -> new TopicRoutingSerializer(topics).serialize("other", first.value()))
                .hasMessageContaining("other");
    }

    @Test
    void aScaledClockSleepsTheEventTimeGapsDividedBySpeed() throws Exception {
        double speed = 86_400; // a day per second
        replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()).withSpeed(speed));

        Duration span = Duration.between(Instant.parse("2010-12-01T08:25:59Z"), Instant.parse("2010-12-03T12:00:00Z"));
        long slept = sleeps.stream().mapToLong(Long::longValue).sum();
        assertThat(slept / 1e9).isCloseTo(span.toMillis() / 1000.0 / speed, within(1e-6));
        assertThat(sleeps).allSatisfy(n -> assertThat(n).isPositive());
        // one sleep per later event time: 08:25:59 anchors, then 08:26, 08:28, 09:00 (line 18, read sorted), 09:41,
        // 09:44:59, 09:45, 10:00, 10:05, 10:44:59, 10:45, 12-02 08:59:59, 09:00, 12-03 12:00
        assertThat(sleeps).hasSize(13);
    }

    @Test
    void aReplayThatFallsBehindDoesNotSleep() throws Exception {
        Replayer slowBroker = new Replayer(producer, topics, clock, () -> fakeNanos.addAndGet(3_600_000_000_000L),
                nanos -> sleeps.add(nanos), new PrintStream(new ByteArrayOutputStream()));
        slowBroker.replay(Replayer.Options.of(RetailEventMapperTest.sample()).withSpeed(60));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anInterruptStopsTheReplayAfterTheCurrentEvent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Replayer replayer = new Replayer(producer, topics, clock, fakeNanos::get, nanos -> {
            if (calls.incrementAndGet() == 3) {
                throw new InterruptedException();
            }
            fakeNanos.addAndGet(nanos);
        }, new PrintStream(new ByteArrayOutputStream()));
        ReplayStats stats = replayer.replay(Replayer.Options.of(RetailEventMapperTest.sample()).withSpeed(3600));
        assertThat(stats.interrupted()).isTrue();
        // sleeps come only with a later event time: the 3rd is before the RETURN at 09:41, so 5 events went out
        assertThat(producer.history()).hasSize(5);
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }

    @Test
    void aFailedSendStopsTheReplay() {
        MockProducer<String, SpecificRecord> failing = new MockProducer<>(true, null, new StringSerializer(),
                new TopicRoutingSerializer(topics)) {
            int n;

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record, Callback callback) {
                if (++n == 2) {
                    callback.onCompletion(null, new TimeoutException("broker gone"));
                    return null;
                }
                return super.send(record, callback);
            }
        };
        Replayer replayer = new Replayer(failing, topics, clock);
        assertThatThrownBy(() -> replayer.replay(Replayer.Options.of(RetailEventMapperTest.sample())))
                .isInstanceOf(KafkaException.class).hasMessageContaining("broker gone").hasMessageContaining("line");
        assertThat(failing.history()).hasSize(1);
    }

    @Test
    void producerSettings() {
        var config = Replayer.producerConfig("b:9092", java.util.Map.of("linger.ms", 50));
        assertThat(config).containsEntry("enable.idempotence", true).containsEntry("acks", "all")
                .containsEntry("linger.ms", 50).containsEntry("bootstrap.servers", "b:9092");
    }
}
