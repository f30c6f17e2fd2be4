package io.stockpulse.replay;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stockpulse.replay.SupplierScheduleTest.T0;
import static io.stockpulse.replay.SupplierScheduleTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The Kafka side of the supplier with Kafka's mock clients: no broker. */
class SupplierSimulatorTest {

    Topics topics;
    MockConsumer<String, ReorderTrigger> consumer;
    MockProducer<String, SpecificRecord> producer;
    TopicPartition partition;
    long offset;

    @BeforeEach
    void setUp() {
        topics = Topics.create(TopicNames.defaults(), SchemaRegistryClients.create("mock://supplier-simulator-test", null), true);
        consumer = new MockConsumer<>("earliest");
        producer = new MockProducer<>(true, null, new StringSerializer(), new TopicRoutingSerializer(topics));
        partition = new TopicPartition(topics.reorderTriggers().name(), 0);
    }

    private SupplierSimulator simulator(LeadTimeModel leadTimes) {
        return new SupplierSimulator(consumer, producer, false, topics, new SupplierSchedule(leadTimes),
                Duration.ofMillis(10));
    }

    private void assign() {
        consumer.subscribe(List.of(partition.topic()));
        consumer.rebalance(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
    }

    private void publish(ReorderTrigger trigger) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), 0, offset++, trigger.getSku(), trigger));
    }

    private List<ShipmentEvent> shipments() {
        return producer.history().stream().peek(r -> assertThat(r.topic()).isEqualTo("inventory.shipments"))
                .peek(r -> assertThat(r.key()).isEqualTo(((ShipmentEvent) r.value()).getSku()))
                .map(ProducerRecord::value).map(ShipmentEvent.class::cast).toList();
    }

    @Test
    void ordersAtTheTriggerAndReceivesOnlyOnceTheReplayReachesTheDueTime() {
        SupplierSimulator simulator = simulator(SupplierScheduleTest.fixed(Duration.ofDays(7)));
        assign();
        publish(trigger("A/WH-UK/1", "A", 50, T0));
        publish(trigger("A/WH-UK/1", "A", 50, T0)); // a repeat: answered once

        assertThat(simulator.pollOnce(Duration.ZERO)).isEqualTo(1);
        assertThat(shipments()).singleElement().satisfies(o -> {
            assertThat(o.getStatus()).isEqualTo(ShipmentStatus.ORDERED);
            assertThat(o.getOccurredAt()).as("dated at the trigger, not when it was read").isEqualTo(T0);
            assertThat(o.getExpectedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        });
        assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isEqualTo(2);

        simulator.reached(T0.plus(Duration.ofDays(7)).minusMillis(1)); // the replay is 1 ms short of the receipt
        assertThat(shipments()).hasSize(1);
        simulator.reached(T0.plus(Duration.ofDays(7)));
        assertThat(shipments()).extracting(ShipmentEvent::getStatus, ShipmentEvent::getOccurredAt).containsExactly(
                tuple(ShipmentStatus.ORDERED, T0),
                tuple(ShipmentStatus.RECEIVED, T0.plus(Duration.ofDays(7))));
        assertThat(simulator.stats().duplicateTriggers()).isEqualTo(1);
        simulator.close();
    }

    @Test
    void tellsWhetherEveryTriggerUpToGivenOffsetsWasAnswered() {
        SupplierSimulator simulator = simulator(SupplierScheduleTest.fixed(Duration.ofDays(1)));
        assertThat(simulator.answeredUpTo(Map.of(partition, 0L))).as("an empty partition needs nothing").isTrue();
        assertThat(simulator.answeredUpTo(Map.of(partition, 1L))).isFalse();
        assign();
        publish(trigger("A/WH-UK/1", "A", 5, T0));
        publish(trigger("B/WH-UK/1", "B", 5, T0));
        simulator.pollOnce(Duration.ZERO);
        assertThat(producer.flushed()).isTrue();
        assertThat(simulator.answeredUpTo(Map.of(partition, 2L))).isTrue();
        assertThat(simulator.answeredUpTo(Map.of(partition, 3L))).as("a trigger committed since").isFalse();
        assertThat(simulator.answeredUpTo(Map.of(partition, 2L, new TopicPartition(partition.topic(), 1), 1L)))
                .as("a partition it has not read").isFalse();
        simulator.close();
    }

    @Test
    void drainDeliversWhatIsStillPendingAtTheEnd() {
        SupplierSimulator simulator = simulator(LeadTimeModel.defaults());
        assign();
        for (int i = 0; i < 5; i++) {
            publish(trigger("S" + i + "/WH-UK/1", "S" + i, 10, T0.plusSeconds(i)));
        }
        assertThat(simulator.pollOnce(Duration.ZERO)).isEqualTo(5);
        assertThat(simulator.drain()).isEqualTo(5);
        List<ShipmentEvent> received = shipments().stream().filter(s -> s.getStatus() == ShipmentStatus.RECEIVED).toList();
        assertThat(received).hasSize(5);
        assertThat(received).extracting(ShipmentEvent::getOccurredAt).isSorted();
        assertThat(simulator.stats().unitsReceived()).isEqualTo(50);
        simulator.close();
    }

    @Test
    void runsOnItsOwnThreadUntilClosed() throws Exception {
        SupplierSimulator simulator = simulator(SupplierScheduleTest.fixed(Duration.ofDays(1)));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            publish(trigger("R/WH-UK/1", "R", 3, T0));
        });
        Thread thread = new Thread(simulator, "supplier-test");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().ordersPlaced() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.answeredUpTo(Map.of(partition, 1L)));
        assertThat(simulator.releaseDue(T0.plus(Duration.ofDays(2)))).isEqualTo(1); // the replay thread's call
        assertThat(simulator.awaitQuiet(Duration.ofMillis(50), Duration.ofSeconds(5))).isTrue();
        simulator.close();
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(simulator.failure()).isNull();
        assertThat(consumer.closed()).isTrue();
        assertThat(shipments()).extracting(ShipmentEvent::getStatus)
                .containsExactly(ShipmentStatus.ORDERED, ShipmentStatus.RECEIVED);
    }

    @Test
    void consumerSettingsReadCommittedWithItsOwnGroup() {
        Map<String, Object> config = SupplierSimulator.consumerConfig("b:9092", "my-group", Map.of("security.protocol", "SSL"));
        assertThat(config).containsEntry("isolation.level", "read_committed").containsEntry("group.id", "my-group")
                .containsEntry("enable.auto.commit", false).containsEntry("security.protocol", "SSL");
    }
}
