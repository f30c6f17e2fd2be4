package io.stockpulse.topology;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code topology/} holds the rendered topology and the topic catalog. They are documentation that
 * cannot drift: this test fails when the code and the committed files differ. After a deliberate
 * change, regenerate with {@code mvn test -Dtest=TopologyDescriptionTest -Dstockpulse.update-topology=true}.
 */
class TopologyDescriptionTest {

    private static final Path DESCRIPTION = Path.of("topology/topology.txt");
    private static final Path CATALOG = Path.of("topology/topics.md");

    @Test
    void committedDescriptionMatchesTheCode() throws IOException {
        try (TopologyFixture fixture = new TopologyFixture()) {
            String description = fixture.topology.describe().toString();
            String catalog = TopicCatalog.markdown(fixture.topics, fixture.topology);
            if (Boolean.getBoolean("stockpulse.update-topology")) {
                Files.writeString(DESCRIPTION, description);
                Files.writeString(CATALOG, catalog);
            }
            assertThat(DESCRIPTION).as("topology/topology.txt is stale; see this test's Javadoc").hasContent(description);
            assertThat(CATALOG).as("topology/topics.md is stale; see this test's Javadoc").hasContent(catalog);
        }
    }
}
