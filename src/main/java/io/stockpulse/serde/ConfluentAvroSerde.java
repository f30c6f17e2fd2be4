package io.stockpulse.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link Serde} pairing {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}, for
 * Kafka Streams sources and sinks of external, registry-governed topics.
 *
 * <p>Typical use: {@code new ConfluentAvroSerde<>(SaleEvent.class)} followed by
 * {@code configure(streamsProps, false)}, or {@code new ConfluentAvroSerde<>(SaleEvent.class,
 * client, autoRegister)} which needs no configuration for values. When configured from a URL the
 * serializer and deserializer share one registry client (and its cache).
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** For instantiation by Kafka; configure must supply URL and {@code specific.avro.*.type}. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    /** Typed; the registry comes from {@link #configure}. */
    public ConfluentAvroSerde(Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(type);
        this.deserializer = new ConfluentAvroDeserializer<>(type);
    }

    /** Ready to use as a value serde (configure with {@code isKey=true} for keys). */
    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        this.serializer = new ConfluentAvroSerializer<>(type, client, autoRegister);
        this.deserializer = new ConfluentAvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (!serializer.hasClient() && !deserializer.hasClient()) {
            SchemaRegistryClient shared = AvroSerdeConfig.clientFrom(configs);
            serializer.adoptClient(shared, true);
            deserializer.adoptClient(shared, false);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
