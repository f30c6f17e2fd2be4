package io.stockpulse.demo;

import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.metrics.ConsumerLag;
import io.stockpulse.replay.ReplayHooks;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.state.StoreNames;
import io.stockpulse.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's day lockstep, as {@link ReplayHooks} of the replay: the replay is the clock, and before it
 * publishes a new day it waits (bounded) until StockPulse has processed and committed everything
 * published so far and the supplier has answered every reorder trigger StockPulse committed. So what
 * StockPulse decides no longer depends on how fast the machine is — the supplier's orders, receipts
 * and the stream's day closes see the same events in every run (what can still differ is listed in
 * docs/demo-vs-simulate.md). Receipts are handed to the supplier's {@link SupplierSimulator#reached}.
 */
public final class DemoLockstep implements ReplayHooks {

    /** Between two checks; each check is three admin round trips on the local broker. */
    private static final long POLL_MS = 20;

    private final Admin admin;
    private final String applicationId;
    private final Topics topics;
    private final SupplierSimulator supplier;
    private final KafkaStreams streams;
    private final Duration maxWait;
    private long days;
    private long waitedNanos;
    /** Checks that found the supplier behind, StockPulse behind, or a trigger committed meanwhile. */
    private long supplierBehind;
    private long streamBehind;
    private long triggersMoved;

    public DemoLockstep(Admin admin, String applicationId, Topics topics, SupplierSimulator supplier, KafkaStreams streams,
                 Duration maxWait) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.supplier = supplier;
        this.streams = streams;
        this.maxWait = maxWait;
    }

    /** The policies feed a global store: no event goes out before every SKU's unit cost is in it. */
    @Override
    public void policiesPublished(int count) throws InterruptedException {
        await("the unit-cost policies to reach the global store", () -> policiesStored() >= count);
    }

    @Override
    public boolean openingCountsFirst() {
        return true;
    }

    /** The day's opening counts are taken before any of its sales is published. */
    @Override
    public void openingCountsPublished(LocalDate day) throws InterruptedException {
        awaitSettled(List.of());
    }

    @Override
    public void reached(Instant at) {
        supplier.reached(at);
    }

    @Override
    public void dayEnded(LocalDate day) throws InterruptedException {
        long started = System.nanoTime();
        awaitSettled(List.of());
        days++;
        waitedNanos += System.nanoTime() - started;
    }

    /** Days the replay waited for, and the wall time spent waiting. */
    public String summary() {
        return String.format(Locale.ROOT, "%,d days in lockstep, %.1f s waiting for StockPulse and the "
                + "supplier (checks finding StockPulse behind %,d, the supplier %,d, new triggers %,d)", days,
                waitedNanos / 1e9, streamBehind, supplierBehind, triggersMoved);
    }

    /**
     * Until StockPulse has no lag on its inputs (and on {@code moreTopics}) and the supplier has answered
     * every committed trigger — with the trigger topic's end unchanged across the check, so no trigger
     * committed meanwhile (by processing the supplier's last answers) is missed.
     */
    public void awaitSettled(Collection<String> moreTopics) throws InterruptedException {
        List<String> inputs = new ArrayList<>(topics.inputNames());
        inputs.addAll(moreTopics);
        List<String> triggerTopic = List.of(topics.reorderTriggers().name());
        await("StockPulse and the supplier to catch up", () -> {
            Map<TopicPartition, Long> triggers = lastStableOffsets(admin, triggerTopic);
            if (!supplier.answeredUpTo(triggers)) {
                supplierBehind++;
                return false;
            }
            if (ConsumerLag.total(ConsumerLag.of(admin, applicationId, inputs)) > 0) {
                streamBehind++;
                return false;
            }
            if (!lastStableOffsets(admin, triggerTopic).equals(triggers)) {
                triggersMoved++;
                return false;
            }
            return true;
        });
    }

    /** Polls {@code condition} every {@value #POLL_MS} ms until it holds; fails after {@code maxWait}. */
    public void await(String what, Check condition) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!holds(condition, what)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + maxWait);
            }
            if (streams.state() == KafkaStreams.State.ERROR || supplier.failure() != null) {
                throw new IllegalStateException("StockPulse or the supplier failed while waiting for " + what,
                        supplier.failure());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    private static boolean holds(Check condition, String what) throws InterruptedException {
        try {
            return condition.holds();
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not check for " + what + ": " + e.getMessage(), e);
        }
    }

    /** A condition that may need the broker. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private long policiesStored() {
        try {
            ReadOnlyKeyValueStore<String, SkuPolicy> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.POLICIES, QueryableStoreTypes.keyValueStore()));
            long n = 0;
            try (KeyValueIterator<String, SkuPolicy> all = store.all()) {
                for (; all.hasNext(); all.next()) {
                    n++;
                }
            }
            return n;
        } catch (InvalidStateStoreException notReady) {
            return 0;
        }
    }

    /**
     * The last stable offsets (what a read_committed consumer can reach) of every partition of
     * {@code topicNames}.
     */
    public static Map<TopicPartition, Long> lastStableOffsets(Admin admin, Collection<String> topicNames) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topicNames).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
