package io.stockpulse.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.Objects;

/**
 * Plain Avro binary of a specific record, written and read with the class's own schema, with no
 * header and no registry.
 *
 * <p>Why: internal state stores and their changelog/repartition topics are written and read only
 * by StockPulse, so a registry round trip (and a registry outage taking the app down) buys nothing.
 * The price: the bytes carry no schema id, so the reader must use exactly the writer's schema.
 * After an incompatible change of an internal schema, reset the application (or use a new store
 * name / application.id); decoding old bytes fails with a {@link SerializationException} rather
 * than silently producing garbage where Avro can detect it.
 *
 * <p>Thread-safe: the datum writer/reader are immutable after construction and shared (Avro keeps
 * its per-thread resolver cache internally); decoders are created per call, encoders are one per
 * thread ({@link AvroEncoders}), so nothing is shared between stream threads.
 */
public final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {

    private static final byte[] NO_HEADER = new byte[0];

    private volatile Class<T> type;
    private volatile Schema schema;
    private volatile DatumWriter<T> writer;
    private volatile DatumReader<T> reader;

    /** For instantiation by Kafka; configure reads {@code specific.avro.key.type}/{@code .value.type}. */
    public AvroBinarySerde() {
    }

    public AvroBinarySerde(Class<T> type) {
        init(Objects.requireNonNull(type, "type"));
    }

    private void init(Class<T> t) {
        SpecificData model = SpecificData.getForClass(t);
        Schema s = model.getSchema(t);
        if (usesCustomCoders(t)) {
            // No logical types, so no conversions are needed: the generated coders instead of the class's model.
            model = AvroPayloads.customCoders(t);
        }
        AvroClassTrust.trustNamedTypesOf(s);
        this.writer = new SpecificDatumWriter<>(s, model);
        this.reader = new SpecificDatumReader<>(s, s, model);
        this.schema = s;
        this.type = t;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            Class<T> t = AvroSerdeConfig.specificType(configs, isKey);
            if (t == null) {
                throw new ConfigException("AvroBinarySerde needs the record class: set '"
                        + (isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE)
                        + "' or use the constructor taking a Class");
            }
            init(t);
        }
    }

    /** Avro binary of {@code value}; null for null. */
    public byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        DatumWriter<T> w = requireConfigured(writer);
        if (!type.isInstance(value)) {
            throw new SerializationException("AvroBinarySerde for " + type.getName() + " got a "
                    + value.getClass().getName() + " for '" + topic + "'");
        }
        return AvroPayloads.write(w, value, NO_HEADER, type, topic);
    }

    /** The record decoded from {@code data}; null for null. */
    public T decode(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        DatumReader<T> r = requireConfigured(reader);
        return AvroPayloads.read(r, data, 0, () -> type.getName() + " from " + data.length + " bytes for '" + topic + "'",
                "written with a different schema version");
    }

    /** The schema used both to write and to read. */
    public Schema schema() {
        return requireConfigured(schema);
    }

    @Override
    public Serializer<T> serializer() {
        return this::encode;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::decode;
    }

    private <X> X requireConfigured(X x) {
        if (x == null) {
            throw new IllegalStateException("AvroBinarySerde is not configured: use the constructor taking a Class"
                    + " or configure() with " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE);
        }
        return x;
    }

    /**
     * Whether the generated class carries its own encoder/decoder: Avro generates {@code customEncode}
     * only for schemas without logical types; otherwise the base class's version throws.
     */
    private static boolean usesCustomCoders(Class<?> type) {
        try {
            return type.getMethod("customEncode", Encoder.class).getDeclaringClass() == type;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
