package io.stockpulse.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An in-JVM schema registry for tests and local runs, selected by {@code schema.registry.url =
 * mock://<scope>}.
 *
 * <p>Why scopes: Kafka instantiates serializers and deserializers separately from config, so they
 * cannot be handed the same registry object. Every client created for the same
 * {@code mock://scope} URL in one JVM is the same instance (a static map), so a record serialized
 * by a producer deserializes in a consumer or a {@code TopologyTestDriver}. Tests should use a
 * unique scope and call {@link #dropScope} afterwards.
 *
 * <p>Semantics follow the Confluent registry: schema ids are global (not per subject), the same
 * schema gets the same id in every subject, and registering the same schema twice under a subject
 * is a no-op. Ids come from one JVM-wide increasing counter shared by all scopes, so a serializer
 * and a deserializer accidentally configured with different scopes fail with "unknown schema id"
 * instead of silently resolving another scope's schema. Registration enforces the subject's
 * {@link CompatibilityLevel} (default {@link CompatibilityLevel#BACKWARD}, like Confluent), so a
 * test that would be rejected by a real registry is rejected here too. Thread-safe (synchronized;
 * serializers/deserializers cache on their side).
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    /** Confluent compatibility levels, checked with Avro's {@link SchemaCompatibility}. */
    public enum CompatibilityLevel {
        NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

        boolean transitive() {
            return name().endsWith("_TRANSITIVE");
        }

        boolean backward() {
            return name().startsWith("BACKWARD") || name().startsWith("FULL");
        }

        boolean forward() {
            return name().startsWith("FORWARD") || name().startsWith("FULL");
        }
    }

    private static final ConcurrentMap<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    /** For subjects without their own level; fixed, as Confluent's default. */
    private static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    private final String scope;
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    /** subject -> schema ids of versions 1..n (index = version - 1). */
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();

    /** A private registry not shared through any scope. */
    public InMemorySchemaRegistryClient() {
        this("(unscoped)");
    }

    private InMemorySchemaRegistryClient(String scope) {
        this.scope = scope;
    }

    /** The shared registry of {@code scope} (the part after {@code mock://}), created on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistryClient::new);
    }

    /**
     * Forgets the registry of {@code scope}; the next {@link #forScope} starts empty. Clients
     * already holding the old instance keep working with it.
     */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope name this registry was created for. */
    public String scope() {
        return scope;
    }

    /** Sets the level of one subject (null restores the default). */
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireArgs(subject, schema);
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer known = idsBySchema.get(schema);
        if (known != null && versions.contains(known)) {
            return known;
        }
        String problem = incompatibility(subject, schema);
        if (problem != null) {
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject '"
                    + subject + "' (" + levelOf(subject) + ", error_code 409) in mock registry '" + scope + "': "
                    + problem, 409, SchemaRegistryException.INCOMPATIBLE_SCHEMA, null);
        }
        int id = known != null ? known : NEXT_ID.getAndIncrement();
        idsBySchema.putIfAbsent(schema, id);
        schemasById.putIfAbsent(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found (error_code 40403) in mock registry '"
                    + scope + "'", 404, SchemaRegistryException.SCHEMA_NOT_FOUND, null);
        }
        return schema;
    }

    @Override
    public synchronized Optional<Integer> idFor(String subject, Schema schema) {
        requireArgs(subject, schema);
        Integer id = idsBySchema.get(schema);
        List<Integer> versions = subjects.get(subject);
        return id != null && versions != null && versions.contains(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        requireArgs(subject, schema);
        return incompatibility(subject, schema) == null;
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        List<Integer> ids = subjects.get(subject);
        List<Integer> out = new ArrayList<>();
        for (int v = 1; ids != null && v <= ids.size(); v++) {
            out.add(v);
        }
        return out;
    }

    /** All subjects that have at least one version, for assertions in tests. */
    public synchronized List<String> subjects() {
        return subjects.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
    }

    /** Null when {@code schema} may follow the subject's versions, else a description why not. */
    private String incompatibility(String subject, Schema schema) {
        CompatibilityLevel level = levelOf(subject);
        List<Integer> ids = subjects.getOrDefault(subject, List.of());
        if (level == CompatibilityLevel.NONE || ids.isEmpty()) {
            return null;
        }
        List<Integer> toCheck = level.transitive() ? ids : List.of(ids.get(ids.size() - 1));
        for (Integer id : toCheck) {
            Schema earlier = schemasById.get(id);
            if (level.backward()) {
                String p = check(schema, earlier);
                if (p != null) {
                    return "new schema cannot read data written with schema id " + id + ": " + p;
                }
            }
            if (level.forward()) {
                String p = check(earlier, schema);
                if (p != null) {
                    return "schema id " + id + " cannot read data written with the new schema: " + p;
                }
            }
        }
        return null;
    }

    private static String check(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.joining("; "));
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, DEFAULT_LEVEL);
    }

    private static void requireArgs(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistryClient[mock://" + scope + "]";
    }
}
