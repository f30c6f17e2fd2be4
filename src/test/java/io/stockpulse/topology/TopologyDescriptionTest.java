package io.stockpulse.topology;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code topology/} holds the rendered topology, the policy check's topology (a Kafka Streams client
 * of its own, see {@link InventoryTopology#buildPolicyCheck}) and the topic catalog. They are documentation that
 * cannot drift: this test fails when the code and the committed files differ. After a deliberate
 * change, regenerate with {@code mvn test -Dtest=TopologyDescriptionTest -Dstockpulse.update-topology=true}.
 */
class TopologyDescriptionTest {

    private static final Path DESCRIPTION = Path.of("topology/topology.txt");
    private static final Path POLICY_CHECK = Path.of("topology/policy-check.txt");
    private static final Path CATALOG = Path.of("topology/topics.md");

    @Test
    void committedDescriptionMatchesTheCode() throws IOException {
        try (TopologyFixture fixture = new TopologyFixture()) {
            String description = fixture.topology.describe().toString();
            String policyCheck = fixture.policyCheckTopology.describe().toString();
            String catalog = TopicCatalog.markdown(fixture.topics, fixture.topology);
            if (Boolean.getBoolean("stockpulse.update-topology")) {
                Files.writeString(DESCRIPTION, description);
                Files.writeString(POLICY_CHECK, policyCheck);
                Files.writeString(CATALOG, catalog);
            }
            assertThat(DESCRIPTION).as("topology/topology.txt is stale; see this test's Javadoc").hasContent(description);
            assertThat(POLICY_CHECK).as("topology/policy-check.txt is stale; see this test's Javadoc").hasContent(policyCheck);
            assertThat(CATALOG).as("topology/topics.md is stale; see this test's Javadoc").hasContent(catalog);
        }
    }
}
