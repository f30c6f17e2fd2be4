package io.stockpulse.registry;

import io.stockpulse.schemas.SchemaHistory;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema history (schemas/history/) against the real registry's compatibility rule: on a subject
 * set to BACKWARD, each released version, then the current schema, is accepted as the next version
 * ({@code POST /compatibility/subjects/{subject}/versions/latest}, then registered), and the current
 * schema is accepted after each released version on its own. This is what a registry managed with
 * Confluent's default rule will say when StockPulse (or a producer) registers a new version.
 */
class SchemaHistoryRegistryIT {

    private static ApicurioRegistry registry;
    private static SchemaRegistryClient client;
    private final String prefix = "history-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared();
        client = SchemaRegistryClients.create(registry.ccompatUrl(), Map.of());
    }

    @Test
    void everyVersionIsBackwardCompatibleWithTheNextAndWithTheCurrentSchema() {
        List<String> rejected = new ArrayList<>();
        SchemaHistory.released().forEach((name, versions) -> {
            Schema current = SchemaHistory.current(name);
            String subject = prefix + name + "-value";
            client.register(subject, versions.get(0));
            registry.setCompatibility(subject, "BACKWARD");
            List<Schema> successors = new ArrayList<>(versions.subList(1, versions.size()));
            successors.add(current);
            for (Schema next : successors) {
                if (!client.isCompatible(subject, next)) {
                    rejected.add(name + ": " + next + " after version " + client.versions(subject));
                } else {
                    client.register(subject, next);
                }
            }
            for (int i = 0; i < versions.size(); i++) {
                String pair = prefix + name + "-v" + (i + 1) + "-value";
                client.register(pair, versions.get(i));
                registry.setCompatibility(pair, "BACKWARD");
                if (!client.isCompatible(pair, current)) {
                    rejected.add(name + ": current schema after v" + (i + 1));
                }
            }
        });
        assertThat(rejected).isEmpty();
    }

    @Test
    void theRegistryRejectsAnIncompatibleNextVersion() {
        Schema v1 = SchemaHistory.released().get("StockoutAlert").get(0);
        String subject = prefix + "StockoutAlert-value";
        client.register(subject, v1);
        registry.setCompatibility(subject, "BACKWARD");
        Schema required = withField(v1, new Schema.Field("abcClass", Schema.create(Schema.Type.STRING), null, (Object) null));
        Schema optional = withField(v1, new Schema.Field("abcClass",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)), null,
                JsonProperties.NULL_VALUE));

        assertThat(client.isCompatible(subject, required)).as("a new required field").isFalse();
        assertThat(client.isCompatible(subject, optional)).as("a new optional field").isTrue();
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
