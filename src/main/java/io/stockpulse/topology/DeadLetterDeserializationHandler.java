package io.stockpulse.topology;

import io.stockpulse.serde.SchemaRegistryUnavailableException;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record that cannot be decoded goes to the dead-letter topic; the stream moves on. A record that
 * could not be decoded because the schema registry did not answer is a good record on a bad day: it
 * is never dead-lettered (see {@link #handleError}). On the global thread an undecodable record is
 * only skipped ({@link DeadLetters#onGlobalThread}).
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetterParking parking;

    @Override
    public void configure(Map<String, ?> configs) {
        parking = DeadLetterParking.from(configs);
    }

    /**
     * Registry outage: FAIL without a dead letter. Why FAIL is what keeps the record under
     * exactly-once v2: the stream thread dies, its transaction is aborted and the replacement thread
     * reads again from the last committed offset, which is at or before this record; RESUME would
     * commit past it. The retrying deserializer already waited out short outages in place, and the
     * application pauses processing (readiness false) until the registry answers, so this happens
     * once per outage, not once per record.
     */
    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        SchemaRegistryUnavailableException outage = SchemaRegistryUnavailableException.in(error);
        PipelineCounters counters = parking.counters();
        if (outage != null) {
            if (counters != null) {
                counters.health().unavailable(outage, 0);
            }
            LOG.warn("Record on {}-{}@{} not decoded, schema registry unavailable; not dead-lettered: the stream thread"
                    + " restarts and reads it again once the registry answers ({})", context.topic(), context.partition(),
                    context.offset(), error.getMessage());
            return Response.fail();
        }
        String reason = reasonOf(record, error);
        if (DeadLetters.onGlobalThread(context)) {
            // Skipped, not parked: no dead letters from the global thread (see DeadLetters.onGlobalThread), and every
            // instance reads a global topic. The policy topic's copy is parked once by the policy check.
            LOG.warn("Undecodable record on {}-{}@{} skipped by the global store: {} ({}); not dead-lettered here",
                    context.topic(), context.partition(), context.offset(), reason, error.getMessage());
            return Response.resume();
        }
        ProducerRecord<byte[], byte[]> copy = parking.park(context, record.key(), record.value(), reason, error);
        LOG.warn("Undecodable record on {}-{}@{} sent to {}: {} ({})", context.topic(), context.partition(),
                context.offset(), parking.topic(), DeadLetterParking.parkedReason(copy), error.getMessage());
        return Response.resume(List.of(copy));
    }

    static String reasonOf(ConsumerRecord<byte[], byte[]> record, Exception error) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return "empty-value";
        }
        if (value[0] != 0) {
            return "wrong-magic-byte";
        }
        String message = String.valueOf(error.getMessage()).toLowerCase();
        if (message.contains("unknown schema id") || message.contains("schema not found")) {
            return "unknown-schema-id";
        }
        if (message.contains("enum")) {
            return "unknown-enum-symbol";
        }
        if (message.contains("truncated") || message.contains("shorter") || message.contains("corrupt")) {
            return "truncated-avro";
        }
        if (message.contains("not readable") || message.contains("resolv") || message.contains("missing required")) {
            return "incompatible-schema";
        }
        return "undecodable";
    }
}
