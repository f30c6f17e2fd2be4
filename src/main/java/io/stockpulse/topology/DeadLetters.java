package io.stockpulse.topology;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds dead-letter records: the source record's bytes untouched, its headers kept, and headers
 * saying where it came from and why it was parked. The {@code __streams.errors.*} names are the
 * ones Kafka Streams' own DLQ support (KIP-1034) writes, so existing DLQ tooling reads ours too;
 * {@code stockpulse.reason} adds a short stable code to group by.
 *
 * <p>Why copies can be truncated: a source record just under the broker's limit plus our headers
 * is over the producer's {@code max.request.size}. Under exactly-once that send failure aborts the
 * transaction, the record is read again, and the thread fails forever on the same record. A copy
 * that would not fit therefore keeps only the first {@value #TRUNCATED_VALUE_BYTES} bytes of the
 * value, with reason {@value #REASON_TOO_LARGE} and the original size and reason in headers.
 */
public final class DeadLetters {

    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_STACKTRACE = "__streams.errors.stacktrace";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";
    public static final String HEADER_REASON = "stockpulse.reason";
    /** On a truncated copy: the value's size in the source record, in bytes. */
    public static final String HEADER_ORIGINAL_SIZE = "stockpulse.original.size";
    /** On a truncated copy: the reason the record would have had. */
    public static final String HEADER_ORIGINAL_REASON = "stockpulse.original.reason";
    public static final String REASON_TOO_LARGE = "too-large";
    /** Bytes of the value a truncated copy keeps: enough for the wire-format header and a look at the payload. */
    public static final int TRUNCATED_VALUE_BYTES = 16 * 1024;
    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    private static final int TEXT_HEADER_CHARS = 4000;

    private DeadLetters() {
    }

    /**
     * Whether the error happened on the global thread (a global store's source), whose context has the
     * task id -1_-1. Kafka Streams 4.3 cannot send dead letters from there: returned with a
     * deserialization error they fail the global thread, and so the whole instance.
     */
    public static boolean onGlobalThread(ErrorHandlerContext context) {
        return context.taskId() != null && context.taskId().subtopology() < 0;
    }

    /** The copy with the default size limit. */
    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context,
                                                        byte[] key, byte[] value, String reason, Exception error) {
        return record(deadLetterTopic, context, key, value, reason, error, DEFAULT_MAX_BYTES, false);
    }

    /**
     * @param maxBytes the largest record the producer sends ({@link #maxBytes(Map)})
     * @param stub     send no payload at all: an earlier copy of this record was refused by the broker
     */
    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context,
                                                        byte[] key, byte[] value, String reason, Exception error,
                                                        int maxBytes, boolean stub) {
        Headers headers = new RecordHeaders(context.headers() == null ? null : context.headers().toArray());
        put(headers, HEADER_EXCEPTION, error.getClass().getName());
        put(headers, HEADER_MESSAGE, cap(String.valueOf(error.getMessage())));
        put(headers, HEADER_STACKTRACE, stackTrace(error));
        put(headers, HEADER_TOPIC, context.topic());
        put(headers, HEADER_PARTITION, Integer.toString(context.partition()));
        put(headers, HEADER_OFFSET, Long.toString(context.offset()));
        put(headers, HEADER_REASON, reason);
        if (stub || estimatedSize(key, value, headers) > maxBytes) {
            int size = value == null ? 0 : value.length;
            put(headers, HEADER_REASON, REASON_TOO_LARGE);
            put(headers, HEADER_ORIGINAL_REASON, reason);
            put(headers, HEADER_ORIGINAL_SIZE, Integer.toString(size));
            byte[] kept = stub || value == null ? null : Arrays.copyOf(value, Math.min(size, TRUNCATED_VALUE_BYTES));
            byte[] keptKey = key == null || key.length <= TRUNCATED_VALUE_BYTES ? key : Arrays.copyOf(key, TRUNCATED_VALUE_BYTES);
            if (stub || estimatedSize(keptKey, kept, headers) > maxBytes) {
                // The source's own headers are what is left: keep only ours, and no stack trace.
                Headers ours = new RecordHeaders();
                for (Header h : headers) {
                    if (h.key().startsWith("__streams.errors.") || h.key().startsWith("stockpulse.")) {
                        ours.add(h);
                    }
                }
                ours.remove(HEADER_STACKTRACE);
                headers = ours;
            }
            return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), keptKey, kept, headers);
        }
        return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value, headers);
    }

    /**
     * The producer's {@code max.request.size} as Kafka Streams will configure it (a {@code producer.}
     * prefixed value wins), i.e. the largest record a dead-letter send can carry.
     */
    public static int maxBytes(Map<String, ?> configs) {
        for (String key : new String[]{StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG}) {
            Object value = configs == null ? null : configs.get(key);
            if (value != null) {
                try {
                    return Integer.parseInt(value.toString().trim());
                } catch (NumberFormatException ignored) {
                    // the producer itself rejects it at start-up
                }
            }
        }
        return DEFAULT_MAX_BYTES;
    }

    /**
     * An upper bound of the producer's own estimate (record batch v2: 61 bytes of batch header, at
     * most 21 of record header, varint lengths), so a copy that passes here passes there.
     */
    static int estimatedSize(byte[] key, byte[] value, Headers headers) {
        long size = 61 + 21 + 10 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += 10 + h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size + 64);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String cap(String text) {
        return text.length() > TEXT_HEADER_CHARS ? text.substring(0, TEXT_HEADER_CHARS) : text;
    }

    private static String stackTrace(Exception error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return cap(out.toString());
    }
}
