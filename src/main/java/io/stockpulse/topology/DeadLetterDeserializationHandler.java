package io.stockpulse.topology;

import io.stockpulse.metrics.PipelineCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** A record that cannot be decoded goes to the dead-letter topic; the stream moves on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private String deadLetterTopic;
    private PipelineCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        counters = (PipelineCounters) configs.get(PipelineCounters.CONFIG_KEY);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        String reason = reasonOf(record, error);
        LOG.warn("Undecodable record on {}-{}@{} sent to {}: {} ({})", context.topic(), context.partition(),
                context.offset(), deadLetterTopic, reason, error.getMessage());
        if (counters != null) {
            counters.increment(PipelineCounters.DEAD_LETTERS, reason);
        }
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, record.key(), record.value(),
                reason, error)));
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
