package io.stockpulse.topology;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Builds dead-letter records: the source record's bytes untouched, its headers kept, and headers
 * saying where it came from and why it was parked. The {@code __streams.errors.*} names are the
 * ones Kafka Streams' own DLQ support (KIP-1034) writes, so existing DLQ tooling reads ours too;
 * {@code stockpulse.reason} adds a short stable code to group by.
 */
public final class DeadLetters {

    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_STACKTRACE = "__streams.errors.stacktrace";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";
    public static final String HEADER_REASON = "stockpulse.reason";

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context,
                                                        byte[] key, byte[] value, String reason, Exception error) {
        Headers headers = new RecordHeaders(context.headers() == null ? null : context.headers().toArray());
        put(headers, HEADER_EXCEPTION, error.getClass().getName());
        put(headers, HEADER_MESSAGE, String.valueOf(error.getMessage()));
        put(headers, HEADER_STACKTRACE, stackTrace(error));
        put(headers, HEADER_TOPIC, context.topic());
        put(headers, HEADER_PARTITION, Integer.toString(context.partition()));
        put(headers, HEADER_OFFSET, Long.toString(context.offset()));
        put(headers, HEADER_REASON, reason);
        return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value, headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Exception error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
