package io.stockpulse.topology;

import io.stockpulse.serde.SchemaRegistryException;
import io.stockpulse.serde.SchemaRegistryUnavailableException;
import io.stockpulse.signals.PipelineCounters;
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
        return context(key, value, headers, new TaskId(0, 3));
    }

    private static ErrorHandlerContext context(byte[] key, byte[] value, Headers headers, TaskId task) {
        return new ErrorHandlerContext() {
            public String topic() { return "inventory.sales"; }
            public int partition() { return 3; }
            public long offset() { return 42; }
            public Headers headers() { return headers; }
            public String processorNodeId() { return "sales-source"; }
            public TaskId taskId() { return task; }
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

    private static DeadLetterDeserializationHandler handler(PipelineCounters counters, Map<String, Object> extra) {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "inventory.dlq");
        configs.put(PipelineCounters.CONFIG_KEY, counters);
        handler.configure(configs);
        return handler;
    }

    @Test
    void registryOutageFailsTheThreadWithoutADeadLetterAndDropsReadiness() {
        PipelineCounters counters = new PipelineCounters();
        byte[] value = {0, 0, 0, 0, 7, 2, 4};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sales", 3, 42, null, value);
        SchemaRegistryException refused = new SchemaRegistryException("no registry reachable (Connection refused)", -1,
                -1, new java.net.ConnectException("Connection refused"));
        // As Kafka Streams hands it over: the deserializer's exception, possibly wrapped.
        Exception error = new SerializationException("wrapped", new SchemaRegistryUnavailableException(
                "Schema registry unavailable while fetching writer schema id 7", 7, refused));

        DeserializationExceptionHandler.Response response = handler(counters, Map.of())
                .handleError(context(null, value, new RecordHeaders()), record, error);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counters.total(PipelineCounters.DEAD_LETTERS)).isZero();
        assertThat(counters.health().registryAvailable()).isFalse();
        assertThat(counters.health().registrySchemaId()).isEqualTo(7);
        assertThat(counters.health().readiness(org.apache.kafka.streams.KafkaStreams.State.RUNNING).ready()).isFalse();
    }

    @Test
    void unknownSchemaIdFromTheRegistryIsStillADataFault() {
        PipelineCounters counters = new PipelineCounters();
        byte[] value = {0, 0, 0, 0, 8, 2, 4};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sales", 3, 42, null, value);
        Exception error = new SerializationException("Unknown schema id 8 on topic 'inventory.sales'",
                new SchemaRegistryException("HTTP 404, error_code 40403", 404, 40403, null));

        DeserializationExceptionHandler.Response response = handler(counters, Map.of())
                .handleError(context(null, value, new RecordHeaders()), record, error);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        assertThat(counters.get(PipelineCounters.DEAD_LETTERS, "unknown-schema-id")).isEqualTo(1);
        assertThat(counters.health().registryAvailable()).isTrue();
    }

    @Test
    void aCopyOverTheProducerLimitIsTruncatedWithItsOriginalSizeAndReason() {
        PipelineCounters counters = new PipelineCounters();
        byte[] value = new byte[1_048_450];
        value[0] = 7; // not the wire format's magic byte
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sales", 3, 42, null, value);
        Headers original = new RecordHeaders().add("traceparent", "abc".getBytes(StandardCharsets.UTF_8));

        DeserializationExceptionHandler.Response response = handler(counters,
                Map.of("producer.max.request.size", "1048576")).handleError(context(null, value, original), record,
                new SerializationException("Unknown magic byte 0x07"));

        ProducerRecord<byte[], byte[]> parked = response.deadLetterQueueRecords().get(0);
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(parked.value()).hasSize(DeadLetters.TRUNCATED_VALUE_BYTES).startsWith(value[0]);
        assertThat(header(parked, DeadLetters.HEADER_REASON)).isEqualTo(DeadLetters.REASON_TOO_LARGE);
        assertThat(header(parked, DeadLetters.HEADER_ORIGINAL_REASON)).isEqualTo("wrong-magic-byte");
        assertThat(header(parked, DeadLetters.HEADER_ORIGINAL_SIZE)).isEqualTo("1048450");
        assertThat(header(parked, "traceparent")).isEqualTo("abc");
        assertThat(DeadLetters.estimatedSize(parked.key(), parked.value(), parked.headers())).isLessThan(1_048_576);
        assertThat(counters.get(PipelineCounters.DEAD_LETTERS, DeadLetters.REASON_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void aCopyTheBrokerRefusedBeforeIsSentWithoutPayload() {
        PipelineCounters counters = new PipelineCounters();
        counters.health().deadLetterRefused("inventory.sales", 3, 42);
        byte[] value = new byte[20_000];
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sales", 3, 42, null, value);

        DeserializationExceptionHandler.Response response = handler(counters, Map.of())
                .handleError(context(null, value, new RecordHeaders()), record, new SerializationException("bad"));

        ProducerRecord<byte[], byte[]> parked = response.deadLetterQueueRecords().get(0);
        assertThat(parked.value()).isNull();
        assertThat(parked.headers().lastHeader(DeadLetters.HEADER_STACKTRACE)).isNull();
        assertThat(header(parked, DeadLetters.HEADER_REASON)).isEqualTo(DeadLetters.REASON_TOO_LARGE);
        assertThat(header(parked, DeadLetters.HEADER_ORIGINAL_SIZE)).isEqualTo("20000");
        assertThat(header(parked, DeadLetters.HEADER_OFFSET)).isEqualTo("42");
    }

    /**
     * The global thread (task -1_-1, e.g. the policy store) cannot send dead letters: Kafka Streams 4.3
     * fails the global thread, i.e. the instance, on one. The record is skipped there and not counted;
     * the policy check parks the policy topic's copy.
     */
    @Test
    void onTheGlobalThreadAnUndecodableRecordIsSkippedWithoutADeadLetter() {
        PipelineCounters counters = new PipelineCounters();
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("inventory.sku-policies", 0, 42, null, value);

        DeserializationExceptionHandler.Response response = handler(counters, Map.of())
                .handleError(context(null, value, new RecordHeaders(), new TaskId(-1, -1)), record,
                        new SerializationException("Unknown magic byte 0x6E"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counters.total(PipelineCounters.DEAD_LETTERS)).isZero();
    }
}
