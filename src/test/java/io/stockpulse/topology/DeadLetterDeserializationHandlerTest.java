package io.stockpulse.topology;

import io.stockpulse.metrics.PipelineCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterDeserializationHandlerTest {

    private static ErrorHandlerContext context(byte[] key, byte[] value, Headers headers) {
        return new ErrorHandlerContext() {
            public String topic() { return "inventory.sales"; }
            public int partition() { return 3; }
            public long offset() { return 42; }
            public Headers headers() { return headers; }
            public String processorNodeId() { return "sales-source"; }
            public TaskId taskId() { return new TaskId(0, 3); }
            public long timestamp() { return 1_300_000_000_000L; }
            public byte[] sourceRawKey() { return key; }
            public byte[] sourceRawValue() { return value; }
        };
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void buildsADeadLetterWithTheOriginalBytesAndWhereItCameFrom() {
        PipelineCounters counters = new PipelineCounters();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "inventory.dlq",
                PipelineCounters.CONFIG_KEY, counters));
        byte[] key = "SKU1".getBytes(StandardCharsets.UTF_8);
        byte[] value = {0, 0, 0, 0, 99, 1, 2};
        Headers original = new RecordHeaders().add("traceparent", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sales", 3, 42, key, value);

        DeserializationExceptionHandler.Response response = handler.handleError(context(key, value, original), record,
                new SerializationException("Unknown schema id 99"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> parked = response.deadLetterQueueRecords().get(0);
        assertThat(parked.topic()).isEqualTo("inventory.dlq");
        assertThat(parked.key()).isEqualTo(key);
        assertThat(parked.value()).isEqualTo(value);
        assertThat(header(parked, DeadLetters.HEADER_TOPIC)).isEqualTo("inventory.sales");
        assertThat(header(parked, DeadLetters.HEADER_PARTITION)).isEqualTo("3");
        assertThat(header(parked, DeadLetters.HEADER_OFFSET)).isEqualTo("42");
        assertThat(header(parked, DeadLetters.HEADER_EXCEPTION)).isEqualTo(SerializationException.class.getName());
        assertThat(header(parked, DeadLetters.HEADER_MESSAGE)).isEqualTo("Unknown schema id 99");
        assertThat(header(parked, DeadLetters.HEADER_REASON)).isEqualTo("unknown-schema-id");
        assertThat(header(parked, "traceparent")).isEqualTo("abc");
        assertThat(counters.get(PipelineCounters.DEAD_LETTERS, "unknown-schema-id")).isEqualTo(1);
    }
}
