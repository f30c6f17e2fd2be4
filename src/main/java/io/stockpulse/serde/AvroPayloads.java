package io.stockpulse.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The Avro binary payload as {@link AvroBinarySerde} and {@link VersionedAvroSerde} write and read
 * it: one place for the buffered encoder, the whole-input check on reading and the error messages,
 * so the two serdes of internal state cannot drift apart.
 */
final class AvroPayloads {

    private AvroPayloads() {
    }

    /**
     * A model that uses the generated encode/decode methods where Avro generated them (schemas without
     * logical types): several times faster than Avro's reflective datum walk, and the state store
     * writes one record per event.
     */
    static SpecificData customCoders(Class<?> type) {
        SpecificData model = new SpecificData(type.getClassLoader());
        model.setCustomCoders(true);
        model.setFastReaderEnabled(false);
        return model;
    }

    /** {@code header} (may be empty) followed by the Avro binary of {@code value}. */
    static <T> byte[] write(DatumWriter<T> writer, T value, byte[] header, Class<?> type, String topic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            out.write(header);
            // Buffered, not direct: the direct encoder makes one (synchronized) stream write per varint,
            // which for a state with two years of daily demand was a visible share of each event's cost.
            BinaryEncoder encoder = AvroEncoders.bufferedOn(out);
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + type.getName() + " for '" + topic + "': "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The record of {@code data} from {@code offset} on, which it must fill to the end.
     *
     * @param what        the record, size and topic for an error message; built only on the error paths (a
     *                    per-record concatenation showed in the stream thread's profile)
     * @param likelyCause appended to the error messages as the probable cause, or null
     */
    static <T> T read(DatumReader<T> reader, byte[] data, int offset, Supplier<String> what, String likelyCause) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, null);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Cannot decode " + what.get() + ": trailing bytes after the record"
                        + (likelyCause == null ? "" : " (" + likelyCause + "?)"));
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("Cannot decode " + what.get() + ": truncated or corrupt Avro data"
                    + (likelyCause == null ? "" : ", or " + likelyCause) + " (" + e + ")", e);
        }
    }
}
