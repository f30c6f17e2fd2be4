package io.stockpulse.schemas;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each released schema version is readable by the next one and by the current schema (Avro's own
 * BACKWARD rules), so consumers of StockPulse's outputs and producers of its inputs can upgrade one
 * side at a time. The registry applies the same rule in SchemaHistoryRegistryIT.
 */
class SchemaHistoryTest {

    @Test
    void everyPublishedSchemaHasAHistory() {
        assertThat(SchemaHistory.released().keySet()).contains("SaleEvent", "ShipmentEvent", "StockChangeEvent",
                "SkuPolicy", "ReorderTrigger", "StockoutAlert", "OverstockWarning", "ForecastUpdate");
        SchemaHistory.released().forEach((name, versions) -> {
            assertThat(versions).as(name).isNotEmpty();
            versions.forEach(v -> assertThat(v.getFullName()).isEqualTo(SchemaHistory.current(name).getFullName()));
        });
    }

    @Test
    void eachVersionReadsThePreviousOneAndTheCurrentSchemaReadsThemAll() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Schema>> entry : SchemaHistory.released().entrySet()) {
            List<Schema> versions = entry.getValue();
            Schema current = SchemaHistory.current(entry.getKey());
            for (int i = 0; i < versions.size(); i++) {
                check(problems, entry.getKey() + " v" + (i + 1) + " -> current", versions.get(i), current);
                if (i + 1 < versions.size()) {
                    check(problems, entry.getKey() + " v" + (i + 1) + " -> v" + (i + 2), versions.get(i), versions.get(i + 1));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckRejectsARequiredFieldAndAcceptsAnOptionalOne() {
        Schema v1 = SchemaHistory.released().get("ReorderTrigger").get(0);
        Schema optional = withField(v1, new Schema.Field("abcClass",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)), null,
                JsonProperties.NULL_VALUE));
        Schema required = withField(v1, new Schema.Field("abcClass", Schema.create(Schema.Type.STRING), null, (Object) null));
        assertThat(SchemaHistory.backwardProblem(v1, optional)).isNull();
        assertThat(SchemaHistory.backwardProblem(v1, required)).contains("abcClass");
    }

    private static void check(List<String> problems, String step, Schema older, Schema newer) {
        String problem = SchemaHistory.backwardProblem(older, newer);
        if (problem != null) {
            problems.add(step + ": " + problem);
        }
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
