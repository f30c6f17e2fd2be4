package io.stockpulse.app;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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

    public static void ensureTopics(StockPulseConfig config, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        var names = config.topicNames();
        int replication = config.getInt(StockPulseConfig.REPLICATION_FACTOR);
        Optional<Short> rf = replication < 0 ? Optional.empty() : Optional.of((short) replication);
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : List.of(names.sales(), names.shipments(), names.stockChanges(), names.reorderTriggers(),
                names.stockoutAlerts(), names.overstockWarnings(), names.forecasts(), names.deadLetters())) {
            wanted.add(new NewTopic(topic, Optional.of(partitions), rf));
        }
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        wanted.add(new NewTopic(names.skuPolicies(), Optional.of(1), rf).configs(compact));
        wanted.add(new NewTopic(names.skuClasses(), Optional.of(partitions), rf).configs(compact));
        // One key ("all") feeds the single ABC aggregator; its cut-offs are one compacted record per day.
        wanted.add(new NewTopic(names.skuSalesValues(), Optional.of(1), rf));
        wanted.add(new NewTopic(names.abcThresholds(), Optional.of(1), rf).configs(compact));
        // Partial reports meet in one partition; the combined reports are compacted by location.
        wanted.add(new NewTopic(names.reportPartials(), Optional.of(1), rf));
        wanted.add(new NewTopic(names.reports(), Optional.of(1), rf).configs(compact));
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
