package io.stockpulse.app;

import io.stockpulse.topics.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the StockPulse topics that do not exist yet; never touches existing ones. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    public static Map<String, Object> adminProperties(StockPulseConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.getList(StockPulseConfig.BOOTSTRAP_SERVERS)));
        return props;
    }

    /** Partitions of the sales topic (= of every input topic, which are co-partitioned), or empty if unknown. */
    public static Optional<Integer> inputPartitions(StockPulseConfig config) {
        String sales = config.topicNames().sales();
        try (Admin admin = Admin.create(adminProperties(config))) {
            return Optional.of(admin.describeTopics(List.of(sales)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(sales).partitions().size());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Cannot read the partition count of {} ({}); the ABC split waits for partition 0 only", sales,
                    e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Creates every missing topic of the catalog ({@link TopicLayout}). */
    public static void ensureTopics(StockPulseConfig config, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        create(config, layout(config, partitions));
    }

    /**
     * Creates the missing internal topics ({@code <application.id>-…}) only: what {@code run
     * --no-create-topics} still creates, as Kafka Streams creates its changelogs.
     */
    public static void ensureInternalTopics(StockPulseConfig config, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        create(config, layout(config, partitions).stream().filter(TopicLayout.Spec::internal).toList());
    }

    private static List<TopicLayout.Spec> layout(StockPulseConfig config, int partitions) {
        return TopicLayout.all(config.topicNames(), config.getString(StockPulseConfig.APPLICATION_ID), partitions);
    }

    private static void create(StockPulseConfig config, List<TopicLayout.Spec> specs)
            throws ExecutionException, InterruptedException, TimeoutException {
        int replication = config.getInt(StockPulseConfig.REPLICATION_FACTOR);
        Optional<Short> rf = replication < 0 ? Optional.empty() : Optional.of((short) replication);
        List<NewTopic> wanted = specs.stream()
                .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), rf).configs(spec.configs()))
                .toList();
        try (Admin admin = Admin.create(adminProperties(config))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
