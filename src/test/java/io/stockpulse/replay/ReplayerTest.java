package io.stockpulse.replay;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.serde.ConfluentAvroSerializer;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
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
    void publishesEverySkusUnitCostAsAPolicyBeforeAnyEvent() throws Exception {
        List<Integer> historyAtHook = new ArrayList<>();
        ReplayHooks hooks = new ReplayHooks() {
            @Override
            public void policiesPublished(int count) {
                assertThat(producer.flushed()).as("flushed before the hook").isTrue();
                historyAtHook.add(producer.history().size());
                historyAtHook.add(count);
            }
        };
        ReplayStats stats = replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()).withCostRatio(0.6), hooks);

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        // Priced sales: 85123A at 2.55 (three lines; the free line is left out), 71053 at 3.39, 22752 at 7.65.
        // 22139 and 21730 never sell at a price: no policy, the configured default applies.
        assertThat(sent.subList(0, 3)).allSatisfy(r -> assertThat(r.topic()).isEqualTo("inventory.sku-policies"))
                .extracting(ProducerRecord::key).containsExactly("22752", "71053", "85123A");
        assertThat(sent.subList(0, 3)).extracting(r -> ((SkuPolicy) r.value()).getUnitCost())
                .containsExactly(0.6 * 7.65, 0.6 * 3.39, 0.6 * 2.55);
        assertThat(sent.subList(0, 3)).allSatisfy(r -> {
            SkuPolicy p = (SkuPolicy) r.value();
            assertThat(p.getSku()).isEqualTo(r.key());
            assertThat(p.getLocationId()).as("for every location").isNull();
            assertThat(List.of(p.getLeadTimeDays() == null, p.getServiceLevel() == null, p.getOrderCost() == null,
                    p.getPolicyType() == null, p.getMoq() == null)).as("everything else falls through").containsOnly(true);
        });
        assertThat(sent.subList(3, sent.size())).noneMatch(r -> r.topic().equals("inventory.sku-policies"));
        assertThat(historyAtHook).containsExactly(3, 3);
        assertThat(stats.unitCostPolicies()).isEqualTo(3);
        assertThat(stats.summary()).contains("unit costs       3 SKU policies (0.60 x median sale price)");
        assertThat(stats.eventsTotal()).isEqualTo(16);
    }

    @Test
    void noPoliciesWithoutACostRatio() throws Exception {
        replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()));
        assertThat(producer.history()).noneMatch(r -> r.topic().equals("inventory.sku-policies"));
        assertThatThrownBy(() -> Replayer.Options.of(RetailEventMapperTest.sample()).withCostRatio(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMedianPriceOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        OpeningStock.Prices prices = new OpeningStock.Prices();
        assertThat(prices.median()).isZero();
        for (double p : new double[] {4, 1, 9, 2, 5, 3, 8, 7, 6, 10}) { // more than the initial capacity of 8
            prices.add(p);
        }
        assertThat(prices.median()).isEqualTo(5.5);
        prices.add(11);
        assertThat(prices.median()).isEqualTo(6);
    }

    @Test
    void hooksSeeEveryEventTimeBeforeItsEventAndEachDayEndAfterItsLastEvent() throws Exception {
        List<String> calls = new ArrayList<>();
        ReplayHooks hooks = new ReplayHooks() {
            @Override
            public void reached(Instant at) {
                calls.add("reached " + at + " after " + producer.history().size());
            }

            @Override
            public void dayEnded(java.time.LocalDate day) {
                assertThat(producer.flushed()).isTrue();
                calls.add("ended " + day + " after " + producer.history().size());
            }
        };
        replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()), hooks);

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        for (int i = 0; i < sent.size(); i++) {
            assertThat(calls).contains("reached " + occurredAt(sent.get(i)) + " after " + i);
        }
        // 12-01 holds the first 13 events, 12-02 the next 2 (an opening count and a sale), 12-03 the last one
        assertThat(calls.stream().filter(c -> c.startsWith("ended")).toList()).containsExactly(
                "ended 2010-12-01 after 13", "ended 2010-12-02 after 15", "ended 2010-12-03 after 16");
        assertThat(calls).containsSubsequence("reached 2010-12-01T23:59:59.999Z after 13", "ended 2010-12-01 after 13",
                "reached 2010-12-03T23:59:59.999Z after 16", "ended 2010-12-03 after 16");
    }

    @Test
    void withOpeningCountsFirstEachDaysCountsGoOutAheadOfItsOtherEvents() throws Exception {
        List<String> countsDone = new ArrayList<>();
        ReplayHooks hooks = new ReplayHooks() {
            @Override
            public boolean openingCountsFirst() {
                return true;
            }

            @Override
            public void openingCountsPublished(java.time.LocalDate day) {
                assertThat(producer.flushed()).isTrue();
                countsDone.add(day + " after " + producer.history().size());
            }
        };
        replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()), hooks);

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertThat(sent).hasSize(16);
        // 12-01: the four opening counts, then its other 9 events in time order; 12-02: 22752's count, then its sale
        assertThat(countsDone).containsExactly("2010-12-01 after 4", "2010-12-02 after 14");
        assertThat(sent.subList(0, 4)).allSatisfy(r -> assertThat(((StockChangeEvent) r.value()).getKind())
                .isEqualTo(io.stockpulse.avro.StockChangeKind.COUNT));
        assertThat(sent.subList(4, 13)).noneMatch(r -> r.value() instanceof StockChangeEvent c
                && c.getKind() == io.stockpulse.avro.StockChangeKind.COUNT);
        assertThat(sent.subList(4, 13)).extracting(ReplayerTest::occurredAt).isSorted();
        assertThat(((StockChangeEvent) sent.get(13).value()).getSku()).isEqualTo("22752");
        assertThat(((SaleEvent) sent.get(14).value()).getSku()).isEqualTo("22752");
    }

    @Test
    void theSuppliersReceiptGoesOutJustBeforeTheFirstEventAtItsDueTime() throws Exception {
        MockConsumer<String, ReorderTrigger> consumer = new MockConsumer<>("earliest");
        TopicPartition triggers = new TopicPartition(topics.reorderTriggers().name(), 0);
        consumer.assign(List.of(triggers));
        consumer.updateBeginningOffsets(java.util.Map.of(triggers, 0L));
        ReorderTrigger trigger = SupplierScheduleTest.trigger("22752/WH-UK/1", "22752", 12,
                Instant.parse("2010-12-01T09:00:00Z"));
        consumer.addRecord(new ConsumerRecord<>(triggers.topic(), 0, 0, "22752", trigger));
        try (SupplierSimulator supplier = new SupplierSimulator(consumer, producer, false, topics,
                new SupplierSchedule(SupplierScheduleTest.fixed(Duration.ofDays(1))), Duration.ofMillis(10))) {
            supplier.pollOnce(Duration.ZERO);
            replayer().replay(Replayer.Options.of(RetailEventMapperTest.sample()), supplier);
        }
        List<String> sent = producer.history().stream().map(r -> r.topic().substring("inventory.".length()) + " "
                + occurredAt(r)).toList();
        assertThat(sent).hasSize(18).first().isEqualTo("shipments 2010-12-01T09:00:00Z"); // ORDERED at the trigger
        assertThat(sent).containsSubsequence("stock-changes 2010-12-02T08:59:59Z", "shipments 2010-12-02T09:00:00Z",
                "sales 2010-12-02T09:00:00Z");
        assertThat(sent.subList(1, sent.size())).extracting(t -> Instant.parse(t.substring(t.indexOf(' ') + 1))).isSorted();
    }

    private static Instant occurredAt(ProducerRecord<String, SpecificRecord> r) {
        if (r.value() instanceof SaleEvent sale) {
            return sale.getOccurredAt();
        }
        if (r.value() instanceof ShipmentEvent shipment) {
            return shipment.getOccurredAt();
        }
        return ((StockChangeEvent) r.value()).getOccurredAt();
    }

    @Test
    void producerSettings() {
        var config = Replayer.producerConfig("b:9092", java.util.Map.of("linger.ms", 50));
        assertThat(config).containsEntry("enable.idempotence", true).containsEntry("acks", "all")
                .containsEntry("linger.ms", 50).containsEntry("bootstrap.servers", "b:9092");
    }
}
