package io.stockpulse.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes specific records in the Confluent wire format: magic byte {@code 0x00}, the 4-byte
 * big-endian registry id of the record's schema, then Avro binary.
 *
 * <p>Why: consumers in the field (and {@link ConfluentAvroDeserializer}) need the writer schema id
 * to decode and evolve. The subject is {@code <topic>-value} or {@code <topic>-key}
 * (TopicNameStrategy). With {@code autoRegister} the schema is registered on first use (idempotent);
 * without it the schema must already be registered under the subject — the usual production
 * setting, where CI registers schemas and apps must not change them.
 *
 * <p>Two ways to build one:
 * <ul>
 *   <li>programmatic: {@code new ConfluentAvroSerializer<>(SaleEvent.class, client, true)};</li>
 *   <li>from config (Kafka instantiates it): no-arg, then {@link #configure} reads
 *       {@code schema.registry.url}, {@code auto.register.schemas} (default true) and optionally
 *       {@code specific.avro.key.type}/{@code specific.avro.value.type}. Values given to a
 *       constructor win over configuration.</li>
 * </ul>
 * Thread-safe after configuration: ids and datum writers are cached in concurrent maps, encoders
 * are per call.
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** First byte of every Confluent-framed payload. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte + 4-byte schema id. */
    public static final int HEADER_SIZE = 5;

    private record SubjectSchema(String subject, Schema schema) { }

    private volatile Class<T> type;
    private final RegistryClientSlot client;
    private volatile Boolean autoRegister;
    private volatile boolean isKey;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For instantiation by Kafka; {@link #configure} must be called before use. */
    public ConfluentAvroSerializer() {
        this.client = new RegistryClientSlot();
    }

    /** Typed, but registry and auto-registration come from {@link #configure}. */
    public ConfluentAvroSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = new RegistryClientSlot();
    }

    /**
     * Ready to use as a value serializer (call {@code configure(Map.of(), true)} for keys).
     *
     * @param client       shared registry client; not closed by {@link #close()}
     * @param autoRegister register unknown schemas (true) or require them registered (false)
     */
    public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = new RegistryClientSlot(client);
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (autoRegister == null) {
            autoRegister = AvroSerdeConfig.bool(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        }
        if (type == null) {
            type = AvroSerdeConfig.specificType(configs, isKey);
        }
        client.configureFrom(configs);
    }

    /** Used by {@link ConfluentAvroSerde} to share one client between its serializer and deserializer. */
    void adoptClient(SchemaRegistryClient shared, boolean owns) {
        client.adopt(shared, owns);
    }

    boolean hasClient() {
        return client.isSet();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        SchemaRegistryClient c = client.get();
        if (c == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient to the constructor");
        }
        Class<T> t = type;
        if (t != null && !t.isInstance(data)) {
            throw new SerializationException("Serializer for " + t.getName() + " got a " + data.getClass().getName()
                    + " for topic '" + topic + "'");
        }
        Schema schema = data.getSchema();
        String subject = AvroSerdeConfig.subject(topic, isKey);
        int id = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> schemaId(c, subject, schema));

        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            // Buffered, not direct: the direct encoder makes one (synchronized) stream write per field.
            BinaryEncoder encoder = AvroEncoders.bufferedOn(out);
            writer(data).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic '" + topic
                    + "' (schema id " + id + "): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(SchemaRegistryClient c, String subject, Schema schema) {
        boolean register = autoRegister == null || autoRegister;
        try {
            if (register) {
                return c.register(subject, schema);
            }
            return c.idFor(subject, schema).orElseThrow(() -> new SerializationException("Schema "
                    + schema.getFullName() + " is not registered under subject '" + subject + "' and "
                    + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false; register it first (or enable auto registration)"));
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot " + (register ? "register" : "look up") + " schema "
                    + schema.getFullName() + " under subject '" + subject + "': " + e.getMessage(), e);
        }
    }

    private DatumWriter<T> writer(T data) {
        Schema schema = data.getSchema();
        DatumWriter<T> w = writers.get(schema);
        if (w == null) {
            // The class's own SpecificData (MODEL$) knows its logical-type conversions (Instant, LocalDate).
            w = new SpecificDatumWriter<>(schema, SpecificData.getForClass(data.getClass()));
            writers.putIfAbsent(schema, w);
        }
        return w;
    }

    @Override
    public void close() {
        client.close();
    }
}
