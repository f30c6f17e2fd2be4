package io.stockpulse.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Avro binary of an internal state record behind Avro's single-object header (0xC3 0x01 and the
 * writer schema's 64-bit CRC fingerprint, as the Avro specification defines it), so that a new
 * version reads what an older one wrote: the header names the writer schema, Avro's schema
 * resolution fills fields added since with their defaults. The writer schemas a store may hold are
 * the archived layouts handed in; one more may be header-less (the plain Avro binary StockPulse
 * wrote before this serde), told apart by its first byte: a header-less record starts with its first
 * field, a string, whose length is a non-negative zig-zag varint and so an even byte, never 0xC3.
 *
 * <p>Why not Avro's {@code BinaryMessageEncoder}/{@code Decoder}, which implement the same header:
 * their encoder writes through Avro's direct encoder (a stream write per varint), which an earlier
 * profile showed costing several microseconds per state write; here the payload goes through the
 * buffered encoder and the generated custom coders, as {@link AvroBinarySerde} does.
 */
public final class VersionedAvroSerde<T extends SpecificRecord> implements Serde<T> {

    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = 0x01;
    static final int HEADER_BYTES = 10;

    private final Class<T> type;
    private final long currentFingerprint;
    private final byte[] header;
    private final DatumWriter<T> writer;
    private final DatumReader<T> currentReader;
    private final Map<Long, DatumReader<T>> archivedReaders = new HashMap<>();
    private final DatumReader<T> headerlessReader;
    private final UnaryOperator<T> migrateHeaderless;

    /**
     * @param archived          layouts older versions wrote with the header (the current one may be among them)
     * @param headerless        the layout of header-less records, or null when there are none
     * @param migrateHeaderless fills what Avro's defaults cannot for a header-less record (identity if nothing)
     */
    public VersionedAvroSerde(Class<T> type, List<Schema> archived, Schema headerless, UnaryOperator<T> migrateHeaderless) {
        this.type = type;
        SpecificData model = AvroPayloads.customCoders(type);
        Schema current = model.getSchema(type);
        AvroClassTrust.trustNamedTypesOf(current);
        this.currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
        this.header = header(currentFingerprint);
        this.writer = new SpecificDatumWriter<>(current, model);
        this.currentReader = new SpecificDatumReader<>(current, current, model);
        for (Schema layout : archived) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(layout);
            if (fingerprint != currentFingerprint) {
                archivedReaders.put(fingerprint, new SpecificDatumReader<>(layout, current, model));
            }
        }
        this.headerlessReader = headerless == null ? null : new SpecificDatumReader<>(headerless, current, model);
        this.migrateHeaderless = migrateHeaderless;
    }

    static byte[] header(long fingerprint) {
        byte[] h = new byte[HEADER_BYTES];
        h[0] = MAGIC_0;
        h[1] = MAGIC_1;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as the specification says
        }
        return h;
    }

    public long currentFingerprint() {
        return currentFingerprint;
    }

    public byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        return AvroPayloads.write(writer, value, header, type, topic);
    }

    public T decode(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        boolean framed = data.length >= HEADER_BYTES && data[0] == MAGIC_0 && data[1] == MAGIC_1;
        DatumReader<T> reader = framed ? readerFor(fingerprint(data), topic) : headerlessReader;
        if (reader == null) {
            throw new SerializationException("Cannot decode " + type.getName() + " for '" + topic
                    + "': no Avro single-object header and no header-less layout configured");
        }
        int offset = framed ? HEADER_BYTES : 0;
        T value = AvroPayloads.read(reader, data, offset,
                () -> type.getName() + " from " + data.length + " bytes for '" + topic + "'", null);
        if (framed) {
            return value;
        }
        try {
            return migrateHeaderless.apply(value);
        } catch (RuntimeException e) {
            // Still a record that cannot be read: the caller's deserialization handling applies, as for bad bytes.
            throw new SerializationException("Cannot migrate a header-less " + type.getName() + " for '" + topic
                    + "' (" + e + ")", e);
        }
    }

    private DatumReader<T> readerFor(long fingerprint, String topic) {
        if (fingerprint == currentFingerprint) {
            return currentReader;
        }
        DatumReader<T> reader = archivedReaders.get(fingerprint);
        if (reader == null) {
            throw new SerializationException("Cannot decode " + type.getName() + " for '" + topic + "': written with layout "
                    + Long.toHexString(fingerprint) + ", which this version does not know (a newer version's, or a layout"
                    + " missing from the archived ones)");
        }
        return reader;
    }

    static long fingerprint(byte[] data) {
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (data[2 + i] & 0xFFL) << (8 * i);
        }
        return fingerprint;
    }

    @Override
    public Serializer<T> serializer() {
        return this::encode;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::decode;
    }
}
