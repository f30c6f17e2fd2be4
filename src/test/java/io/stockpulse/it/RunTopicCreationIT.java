package io.stockpulse.it;

import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.topics.TopicLayout;
import io.stockpulse.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code stockpulse run --no-create-topics} (how compose and the StatefulSet start it) leaves the
 * cluster's shared topics alone and creates only its internal {@code <application.id>-*} ones, and {@code run} without the flag creates them: both from the packaged jar
 * against a real KRaft broker, checked once the instance runs or has ended (topic creation comes
 * before either).
 */
class RunTopicCreationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUNNING = "StockPulse running";
    private static final Path LOGS = Path.of("target/it-logs");

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();
    @TempDir
    static Path temp;

    @Test
    void noCreateTopicsCreatesNoSharedTopic() throws Exception {
        Map<String, String> settings = settings("no-create");
        try (StockPulseProcess run = StockPulseProcess.start(List.of("--no-create-topics"), settings,
                LOGS.resolve("topics-no-create.log"))) {
            awaitRunningOrEnded(run);
            Set<String> present = topicsOnTheBroker();
            assertThat(present).as("the shared topics are the operator's").doesNotContainAnyElementsOf(external(settings));
            assertThat(present).as("its own <application.id>-* topics the instance creates, as Kafka Streams does")
                    .contains(TopicNames.reportPartials(settings.get("application.id")));
        }
    }

    @Test
    void runWithoutTheFlagCreatesEveryTopic() throws Exception {
        Map<String, String> settings = settings("create");
        try (StockPulseProcess run = StockPulseProcess.start(List.of(), settings, LOGS.resolve("topics-create.log"))) {
            awaitRunningOrEnded(run);
            assertThat(Files.readString(run.log())).as("log: %s", run.log()).contains(RUNNING);
            assertThat(topicsOnTheBroker()).containsAll(topicNames(settings));
        }
    }

    /** Every topic under a name of its own, so the two runs on one broker cannot see each other's topics. */
    private static Map<String, String> settings(String run) {
        Map<String, String> settings = KAFKA.settings("topics-" + run).registry("mock://" + run).unset("commit.interval.ms")
                .stateDir(temp.resolve("state-" + run)).map();
        TopicNames.defaults().all().stream().filter(name -> name.startsWith("inventory.")).forEach(name ->
                settings.put("topic." + name.substring("inventory.".length()), name + "." + run));
        return settings;
    }

    private static List<String> external(Map<String, String> settings) {
        StockPulseConfig config = StockPulseConfig.load(null, Map.of(), settings);
        List<String> names = TopicLayout.external(config.topicNames(), settings.get("application.id"), 6).stream()
                .map(TopicLayout.Spec::name).toList();
        assertThat(names).as("the catalog's shared topics").hasSizeGreaterThanOrEqualTo(9);
        return names;
    }

    private static List<String> topicNames(Map<String, String> settings) {
        List<String> names = StockPulseConfig.load(null, Map.of(), settings).topicNames().all();
        assertThat(names).as("every topic renamed for this run").doesNotContainAnyElementsOf(TopicNames.defaults().all());
        return names;
    }

    /**
     * Until the instance runs or has ended: either way it is past the point where it creates topics.
     * Without its topics it ends (Kafka Streams finds no partitions for the global policies store).
     */
    private static void awaitRunningOrEnded(StockPulseProcess run) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> !run.isAlive() || Files.readString(run.log()).contains(RUNNING));
    }

    private static Set<String> topicsOnTheBroker() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
