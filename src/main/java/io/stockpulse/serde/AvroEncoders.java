package io.stockpulse.serde;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.OutputStream;

/**
 * One buffered Avro encoder per thread, pointed at each call's output stream. Why: a new buffered
 * encoder allocates (and zeroes) its 2 KB buffer, and that allocation was 5 % of the stream thread's
 * samples in {@code stockpulse bench} (JFR, 2026-12-02: every state write and every output record
 * makes one). Serializers never nest on a thread, so one per thread is enough; the caller flushes
 * before returning, which leaves nothing buffered for the next call.
 */
final class AvroEncoders {

    private static final ThreadLocal<BinaryEncoder> REUSED = new ThreadLocal<>();

    private AvroEncoders() {
    }

    static BinaryEncoder bufferedOn(OutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, REUSED.get());
        REUSED.set(encoder);
        return encoder;
    }
}
