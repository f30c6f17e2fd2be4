package io.stockpulse.serde;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads Confluent-framed Avro into a specific record class, resolving the writer's schema (looked
 * up by the id in the payload) against the class's {@code SCHEMA$}, so producers may evolve their
 * schema compatibly (added fields with defaults are filled in, removed ones dropped).
 *
 * <p>Why so many checks: a poison record should fail with a message that says what is wrong
 * (empty payload, not Confluent-framed, unknown schema id, another topic's schema, truncated data,
 * unknown enum symbol), always as {@link SerializationException} so a Kafka Streams
 * deserialization-exception handler can log-and-skip it.
 *
 * <p>The writer schema is checked once per id with Avro's {@link SchemaCompatibility}. Unknown
 * enum symbols and union branches are not rejected up front: as in Avro itself, only a record that
 * actually carries such a value fails. The resolved {@link DatumReader} (or the reason the id is
 * unreadable) is cached per id; readers are thread-safe, decoders are per call.
 *
 * <p>Configuration: {@code schema.registry.url}, and {@code specific.avro.value.type} /
 * {@code specific.avro.key.type} unless the class was given to the constructor.
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private record Resolved<T>(DatumReader<T> reader, String unreadable) { }

    private volatile Class<T> type;
    private volatile Schema readerSchema;
    private volatile SpecificData model;
    private final RegistryClientSlot client;
    private final Map<Integer, Resolved<T>> readers = new ConcurrentHashMap<>();

    /** For instantiation by Kafka; {@link #configure} must name the type and registry. */
    public ConfluentAvroDeserializer() {
        this.client = new RegistryClientSlot();
    }

    /** Typed; the registry comes from {@link #configure}. */
    public ConfluentAvroDeserializer(Class<T> type) {
        this(type, new RegistryClientSlot());
    }

    /** Ready to use. The client is shared, not closed by {@link #close()}. */
    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this(type, new RegistryClientSlot(client));
    }

    private ConfluentAvroDeserializer(Class<T> type, RegistryClientSlot client) {
        setType(Objects.requireNonNull(type, "type"));
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            Class<T> t = AvroSerdeConfig.specificType(configs, isKey);
            if (t == null) {
                throw new ConfigException("ConfluentAvroDeserializer needs the record class: set '"
                        + (isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE)
                        + "' or use the constructor taking a Class");
            }
            setType(t);
        }
        client.configureFrom(configs);
    }

    void adoptClient(SchemaRegistryClient shared, boolean owns) {
        client.adopt(shared, owns);
    }

    boolean hasClient() {
        return client.isSet();
    }

    private void setType(Class<T> t) {
        this.model = SpecificData.getForClass(t);
        this.readerSchema = model.getSchema(t);
        AvroClassTrust.trustNamedTypesOf(readerSchema);
        this.type = t;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (!client.isSet() || type == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or use the constructor taking a SchemaRegistryClient");
        }
        String where = "topic '" + topic + "'";
        if (data.length == 0) {
            throw new SerializationException("Cannot deserialize an empty payload on " + where + ": expected magic byte"
                    + " 0x00, a 4-byte schema id and Avro data (tombstones must be null, not empty)");
        }
        if (data[0] != ConfluentAvroSerializer.MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02X on %s: expected 0x00"
                    + " (Confluent wire format)%s", data[0] & 0xFF, where, hint(data)));
        }
        if (data.length < ConfluentAvroSerializer.HEADER_SIZE) {
            throw new SerializationException("Payload on " + where + " is " + data.length + " bytes, shorter than the"
                    + " 5-byte Confluent header (magic byte + 4-byte schema id)");
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        Resolved<T> resolved = resolve(id, where);
        if (resolved.unreadable != null) {
            throw new SerializationException(resolved.unreadable + " (" + where + ")");
        }
        int len = data.length - ConfluentAvroSerializer.HEADER_SIZE;
        // Built only on the error paths: a per-record concatenation showed in the stream thread's profile.
        Supplier<String> what = () -> type.getName() + " on " + where + " (writer schema id " + id
                + ", " + len + " Avro bytes)";
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentAvroSerializer.HEADER_SIZE, len, null);
        T value;
        try {
            value = resolved.reader.read(null, decoder);
        } catch (AvroTypeException e) {
            String msg = String.valueOf(e.getMessage());
            // Avro's resolver: "No match for SYMBOL" (enum), "Found X, expecting Y" (a union branch
            // the reader lacks); anything else (enum/union index out of range) means corrupt bytes.
            if (msg.startsWith("No match for")) {
                throw new SerializationException("Unknown enum symbol in " + what.get() + ": " + msg
                        + "; the reader schema does not know this symbol and its enum has no default", e);
            }
            if (msg.startsWith("Found ")) {
                throw new SerializationException("Record is not readable as " + what.get() + ": " + msg, e);
            }
            throw new SerializationException("Cannot decode " + what.get() + ": truncated or corrupt Avro data (" + e + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + what.get() + ": truncated or corrupt Avro data ("
                    + e + ")", e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException("Cannot decode " + what.get() + ": corrupt Avro data, trailing bytes after"
                        + " the record (does the payload really use schema id " + id + "?)");
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot decode " + what.get() + ": " + e, e);
        }
        return value;
    }

    private Resolved<T> resolve(int id, String where) {
        Resolved<T> r = readers.get(id);
        if (r != null) {
            return r;
        }
        Schema writer;
        try {
            writer = client.get().schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("Unknown schema id " + id + " on " + where
                        + ": the schema registry has no such schema (" + e.getMessage() + ")", e);
            }
            if (SchemaRegistryUnavailableException.isInfrastructure(e)) {
                // Nothing is cached for a failure: the same bytes decode once the registry answers again.
                throw new SchemaRegistryUnavailableException("Schema registry unavailable while fetching writer schema id "
                        + id + " for " + where + ": " + e.getMessage(), id, e);
            }
            throw new SerializationException("Cannot fetch writer schema id " + id + " for " + where + ": "
                    + e.getMessage(), e);
        }
        r = resolveAgainstReader(id, writer);
        Resolved<T> prior = readers.putIfAbsent(id, r);
        return prior != null ? prior : r;
    }

    private Resolved<T> resolveAgainstReader(int id, Schema writer) {
        Schema reader = readerSchema;
        List<String> blocking = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities().stream()
                // Per-datum problems: only records that carry the unknown value fail (see read()).
                .filter(i -> i.getType() != SchemaIncompatibilityType.MISSING_ENUM_SYMBOLS
                        && i.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH)
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.toList());
        if (!blocking.isEmpty()) {
            return new Resolved<>(null, "Writer schema id " + id + " (" + writer.getFullName()
                    + ") is not readable as " + reader.getFullName() + ": " + String.join("; ", blocking));
        }
        return new Resolved<>(new SpecificDatumReader<>(writer, reader, model), null);
    }

    private static String hint(byte[] data) {
        if (data[0] == '{' || data[0] == '[') {
            return "; the payload looks like JSON";
        }
        if ((data[0] & 0xFF) == 0xC3 && data.length > 1 && data[1] == 0x01) {
            return "; the payload looks like Avro single-object encoding (0xC3 0x01), not Confluent framing";
        }
        return "";
    }

    @Override
    public void close() {
        client.close();
    }
}
