package io.stockpulse.state;

import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Packs a daily demand series as consecutive Avro ints (zig-zag varints: one byte for 0..63), the
 * same encoding an Avro {@code array<int>} uses for its items, without the per-item decoding through
 * Avro's schema resolver. The state record carries the packed bytes; the series is unpacked only
 * where days are read or added.
 */
public final class DailyDemandCodec {

    private static final int[] NONE = new int[0];

    private DailyDemandCodec() {
    }

    public static ByteBuffer pack(int[] days, int length) {
        byte[] buffer = new byte[length * 5];
        int position = 0;
        for (int i = 0; i < length; i++) {
            position += BinaryData.encodeInt(days[i], buffer, position);
        }
        return ByteBuffer.wrap(Arrays.copyOf(buffer, position));
    }

    public static ByteBuffer pack(int[] days) {
        return pack(days, days.length);
    }

    /** The series; empty for a null or empty buffer. Leaves the buffer's position untouched. */
    public static int[] unpack(ByteBuffer packed) {
        if (packed == null || !packed.hasRemaining()) {
            return NONE;
        }
        ByteBuffer view = packed.duplicate();
        byte[] bytes;
        int offset;
        if (view.hasArray()) {
            bytes = view.array();
            offset = view.arrayOffset() + view.position();
        } else {
            bytes = new byte[view.remaining()];
            view.get(bytes);
            offset = 0;
        }
        int end = offset + packed.remaining();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, end - offset, null);
        int[] days = new int[end - offset]; // at least one byte per day
        int count = 0;
        try {
            while (!decoder.isEnd()) {
                days[count++] = decoder.readInt();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt daily demand series", e);
        }
        return Arrays.copyOf(days, count);
    }
}
