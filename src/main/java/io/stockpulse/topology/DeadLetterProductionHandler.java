package io.stockpulse.topology;

import io.stockpulse.serde.SchemaRegistryUnavailableException;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Send failures. Why this exists: under exactly-once v2 any failed send aborts the transaction, so
 * the source record is read again; a send that fails the same way every time (a dead-letter copy
 * the broker refuses as too large for the topic's {@code max.message.bytes}) would replace the
 * stream thread forever. A refused dead-letter copy is therefore remembered by its source
 * coordinates, and the re-read sends a copy without payload ({@link DeadLetters}): one thread
 * replacement, then the stream moves on. Retriable send errors are retried (Kafka Streams revives
 * the task); a serializer that could not reach the schema registry fails the thread without a dead
 * letter, like the deserialization handler.
 */
public final class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private String deadLetterTopic;
    private PipelineCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        deadLetterTopic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        counters = (PipelineCounters) configs.get(PipelineCounters.CONFIG_KEY);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (record == null || deadLetterTopic == null || !deadLetterTopic.equals(record.topic())) {
            return super.handleError(context, record, exception);
        }
        if (counters != null) {
            counters.increment(PipelineCounters.DEAD_LETTER_SEND_FAILURES, exception.getClass().getSimpleName());
        }
        if (exception instanceof RetriableException) {
            LOG.warn("Dead-letter send to {} failed ({}); retrying the task", deadLetterTopic, exception.toString());
            return Response.retry();
        }
        String topic = header(record, DeadLetters.HEADER_TOPIC, context.topic());
        int partition = Integer.parseInt(header(record, DeadLetters.HEADER_PARTITION, Integer.toString(context.partition())));
        long offset = Long.parseLong(header(record, DeadLetters.HEADER_OFFSET, Long.toString(context.offset())));
        if (exception instanceof RecordTooLargeException && counters != null) {
            counters.health().deadLetterRefused(topic, partition, offset);
            LOG.warn("Dead-letter copy of {}-{}@{} refused as too large ({}); the transaction aborts and the record is"
                    + " read again, then parked without its payload", topic, partition, offset, exception.getMessage());
        } else {
            LOG.error("Dead-letter copy of {}-{}@{} could not be sent to {}", topic, partition, offset, deadLetterTopic,
                    exception);
        }
        // The transaction is already doomed: the producer moved to an abortable error with this send.
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (SchemaRegistryUnavailableException.causedByOutage(exception)) {
            if (counters != null) {
                counters.health().unavailable(new SchemaRegistryUnavailableException("Schema registry unavailable"
                        + " while serializing for " + (record == null ? "?" : record.topic()) + ": "
                        + exception.getMessage(), -1, null), 0);
            }
            LOG.warn("Output not serialized, schema registry unavailable; the stream thread restarts and the input is"
                    + " read again ({})", exception.getMessage());
            return Response.fail();
        }
        return super.handleSerializationError(context, record, exception, origin);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name, String fallback) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
    }
}
