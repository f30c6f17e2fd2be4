package io.stockpulse.replay;

import io.stockpulse.avro.ShipmentEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SupplierSimulator}'s side of the shipment producer: sends asynchronously, keeps the first
 * send error and raises it at the next flush, so a lost ORDERED or RECEIVED never passes unnoticed
 * while the trigger offsets behind it get committed.
 */
final class ShipmentPublisher {

    private final Producer<String, SpecificRecord> producer;
    private final boolean ownsProducer;
    private final String topic;
    /** Shared with the simulator's loop: the first error of either stops it ({@link SupplierSimulator#failure}). */
    private final AtomicReference<Exception> failure;

    ShipmentPublisher(Producer<String, SpecificRecord> producer, boolean ownsProducer, String topic,
                      AtomicReference<Exception> failure) {
        this.producer = producer;
        this.ownsProducer = ownsProducer;
        this.topic = topic;
        this.failure = failure;
    }

    void send(ShipmentEvent event) {
        producer.send(new ProducerRecord<>(topic, event.getSku(), event), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    /** Waits until everything sent is on the broker; throws if a send failed. */
    void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Closes the producer if the simulator created it; a shared one stays open. */
    void close() {
        if (ownsProducer) {
            producer.close();
        }
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("Supplier simulator could not publish a shipment: " + e.getMessage(), e);
        }
    }
}
