package io.stockpulse.it;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A plain Kafka producer publishing Avro events in the Confluent wire format, as a warehouse system would. */
final class EventPublisher implements AutoCloseable {

    static final String LOCATION = "WH1";
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final AtomicLong sequence = new AtomicLong();
    private final String prefix;

    EventPublisher(String bootstrapServers, Topics topics, String prefix) {
        this(bootstrapServers, topics, prefix, true);
    }

    /**
     * {@code idempotent=false} (one request in flight, so order still holds) for publishing after the
     * embedded broker was restarted: the restarted broker handed out an already used producer id once,
     * and an idempotent producer then fails with OutOfOrderSequence (see README, Known issues).
     */
    EventPublisher(String bootstrapServers, Topics topics, String prefix, boolean idempotent) {
        this.topics = topics;
        this.prefix = prefix;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, idempotent ? 5 : 1,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    private <V> void send(Topic<V> topic, String sku, V value, Instant at) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), sku, bytes));
    }

    void raw(String topic, String sku, byte[] bytes) {
        producer.send(new ProducerRecord<>(topic, sku, bytes));
    }

    String id() {
        return prefix + sequence.incrementAndGet();
    }

    void sale(String sku, long quantity, Instant at) {
        send(topics.sales(), sku, SaleEvent.newBuilder().setEventId(id()).setSku(sku).setLocationId(LOCATION)
                .setQuantity(quantity).setOccurredAt(at).build(), at);
    }

    void stockChange(String sku, StockChangeKind kind, long quantity, Instant at) {
        send(topics.stockChanges(), sku, StockChangeEvent.newBuilder().setEventId(id()).setSku(sku).setLocationId(LOCATION)
                .setKind(kind).setQuantity(quantity).setOccurredAt(at).build(), at);
    }

    void shipment(String sku, String order, ShipmentStatus status, long quantity, Instant at) {
        send(topics.shipments(), sku, ShipmentEvent.newBuilder().setEventId(id()).setSku(sku).setLocationId(LOCATION)
                .setPurchaseOrderId(order).setStatus(status).setQuantity(quantity).setOccurredAt(at).build(), at);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
