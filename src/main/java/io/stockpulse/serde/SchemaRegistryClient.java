package io.stockpulse.serde;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The small subset of the Confluent Schema Registry API that StockPulse needs.
 *
 * <p>Why an interface: the same serdes run against a real registry in production
 * ({@link RestSchemaRegistryClient}) and an in-JVM registry in tests
 * ({@link InMemorySchemaRegistryClient}); {@link SchemaRegistryClients#create} chooses from the
 * {@code schema.registry.url}.
 *
 * <p>Implementations must be thread-safe (Kafka Streams calls serdes from several stream threads)
 * and should cache, because serializers call {@link #register}/{@link #idFor} and deserializers
 * {@link #schemaById} for every record. All failures are {@link SchemaRegistryException}s.
 */
public interface SchemaRegistryClient extends Closeable {

    /**
     * Registers {@code schema} under {@code subject} and returns its global id. Idempotent:
     * registering a schema that is already registered returns the existing id.
     *
     * @throws SchemaRegistryException e.g. with error code 409 when the registry rejects the
     *                                 schema as incompatible with the subject's earlier versions
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema with the given global id.
     *
     * @throws SchemaRegistryException with error code 40403 when the id is unknown
     */
    Schema schemaById(int id);

    /**
     * Looks up the id of {@code schema} under {@code subject} without registering it
     * (Confluent {@code POST /subjects/{subject}}).
     *
     * @return the id, or empty when the subject does not exist or does not contain the schema
     */
    Optional<Integer> idFor(String subject, Schema schema);

    /**
     * Whether {@code schema} may be registered as the next version of {@code subject} under the
     * subject's compatibility level (Confluent
     * {@code POST /compatibility/subjects/{subject}/versions/latest}). A subject without versions
     * accepts any schema, so this returns true for it.
     */
    boolean isCompatible(String subject, Schema schema);

    /**
     * The version numbers (1, 2, ...; not schema ids) registered under {@code subject}, ascending;
     * empty when the subject does not exist.
     */
    List<Integer> versions(String subject);

    /** Releases resources. The default does nothing; serdes close only clients they created. */
    @Override
    default void close() {
    }
}
