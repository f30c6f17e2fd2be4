package io.stockpulse.topology;

import io.stockpulse.signals.HealthSignals;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the deserialization and the processing handler share once they decided to park a record: the
 * dead-letter topic, the size cap, the copy without payload after the broker refused one as too large
 * (see {@link DeadLetterProductionHandler}) and the count per reason. One place, so both park alike.
 */
final class DeadLetterParking {

    private final String topic;
    private final PipelineCounters counters;
    private final int maxBytes;

    private DeadLetterParking(String topic, PipelineCounters counters, int maxBytes) {
        this.topic = topic;
        this.counters = counters;
        this.maxBytes = maxBytes;
    }

    /** From a handler's {@code configure}: the Streams dead-letter topic, the counters (may be absent), the cap. */
    static DeadLetterParking from(Map<String, ?> configs) {
        return new DeadLetterParking((String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG),
                (PipelineCounters) configs.get(PipelineCounters.CONFIG_KEY), DeadLetters.maxBytes(configs));
    }

    String topic() {
        return topic;
    }

    /** The counters, or null when the application handed none in (tests). */
    PipelineCounters counters() {
        return counters;
    }

    /** The dead-letter copy of the source record, counted under the reason it carries (which a cap may change). */
    ProducerRecord<byte[], byte[]> park(ErrorHandlerContext context, byte[] key, byte[] value, String reason,
                                        Exception error) {
        HealthSignals health = counters == null ? null : counters.health();
        boolean stub = health != null && health.deadLetterMustBeStub(context.topic(), context.partition(), context.offset());
        ProducerRecord<byte[], byte[]> copy = DeadLetters.record(topic, context, key, value, reason, error, maxBytes, stub);
        if (counters != null) {
            counters.increment(PipelineCounters.DEAD_LETTERS, parkedReason(copy));
        }
        return copy;
    }

    static String parkedReason(ProducerRecord<byte[], byte[]> copy) {
        return new String(copy.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8);
    }
}
