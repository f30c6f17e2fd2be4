package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.serde.InMemorySchemaRegistryClient.CompatibilityLevel;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Schema sale = SaleEvent.getClassSchema();
    private final Schema policy = SkuPolicy.getClassSchema();

    @Test
    void registrationIsIdempotentAndIdsAreGlobal() {
        int id = registry.register("a-value", sale);
        assertThat(registry.register("a-value", sale)).isEqualTo(id);
        assertThat(registry.register("a-value", new Schema.Parser().parse(sale.toString()))).isEqualTo(id);
        assertThat(registry.register("b-value", sale)).as("same schema, other subject").isEqualTo(id);
        int other = registry.register("c-value", policy);
        assertThat(other).isGreaterThan(id);

        assertThat(registry.versions("a-value")).containsExactly(1);
        assertThat(registry.versions("b-value")).containsExactly(1);
        assertThat(registry.versions("nope")).isEmpty();
        assertThat(registry.schemaById(id)).isEqualTo(sale);
        assertThat(registry.schemaById(other)).isEqualTo(policy);
        assertThat(registry.subjects()).containsExactly("a-value", "b-value", "c-value");
    }

    @Test
    void lookupDoesNotRegister() {
        assertThat(registry.idFor("a-value", sale)).isEmpty();
        int id = registry.register("a-value", sale);
        assertThat(registry.idFor("a-value", sale)).contains(id);
        assertThat(registry.idFor("b-value", sale)).as("registered elsewhere only").isEmpty();
        assertThat(registry.idFor("a-value", policy)).isEmpty();
        assertThat(registry.subjects()).containsExactly("a-value");
    }

    @Test
    void unknownIdIs40403() {
        assertThatThrownBy(() -> registry.schemaById(Integer.MAX_VALUE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining("Schema " + Integer.MAX_VALUE + " not found");
    }

    @Test
    void scopesAreSharedUntilDropped() {
        String scope = "scope-" + UUID.randomUUID();
        try {
            InMemorySchemaRegistryClient a = InMemorySchemaRegistryClient.forScope(scope);
            assertThat(InMemorySchemaRegistryClient.forScope(scope)).isSameAs(a);
            int id = a.register("a-value", sale);

            InMemorySchemaRegistryClient.dropScope(scope);
            InMemorySchemaRegistryClient b = InMemorySchemaRegistryClient.forScope(scope);
            assertThat(b).isNotSameAs(a);
            assertThat(b.subjects()).isEmpty();
            assertThat(b.register("a-value", sale)).as("ids are never reused").isGreaterThan(id);
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }

    @Test
    void compatibilityLevels() {
        Schema v1 = SampleRecords.withoutField(sale, "orderId");
        registry.register("s-value", sale);
        // removing an optional field: BACKWARD ok (new reader ignores it), FORWARD ok too (old reader has default)
        assertThat(registry.isCompatible("s-value", v1)).isTrue();
        assertThat(registry.isCompatible("fresh-value", policy)).as("no versions yet").isTrue();
        assertThat(registry.isCompatible("s-value", policy)).as("other record name").isFalse();

        registry.setCompatibility("s-value", CompatibilityLevel.NONE);
        assertThat(registry.isCompatible("s-value", policy)).isTrue();
        registry.register("s-value", policy);
        assertThat(registry.versions("s-value")).containsExactly(1, 2);

        registry.setCompatibility("s-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(registry.isCompatible("s-value", policy)).as("v1 is SaleEvent").isFalse();
        registry.setCompatibility("s-value", null);
        assertThat(registry.isCompatible("s-value", policy)).as("default BACKWARD: latest only").isTrue();

        Schema.Field required = new Schema.Field("channel", Schema.create(Schema.Type.STRING), null, (Object) null);
        Schema withRequired = SampleRecords.withExtraField(sale, required);
        registry.register("f-value", sale);
        registry.setCompatibility("f-value", CompatibilityLevel.FORWARD);
        assertThat(registry.isCompatible("f-value", withRequired)).as("old reader ignores new field").isTrue();
        registry.setCompatibility("f-value", CompatibilityLevel.FULL);
        assertThat(registry.isCompatible("f-value", withRequired)).isFalse();
    }

    @Test
    void concurrentRegistrationYieldsOneId() {
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200).parallel().forEach(i -> ids.add(registry.register("p-value", sale)));
        assertThat(new HashSet<>(ids)).hasSize(1);
        assertThat(registry.versions("p-value")).containsExactly(1);
    }
}
