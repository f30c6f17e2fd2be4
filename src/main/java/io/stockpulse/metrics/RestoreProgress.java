package io.stockpulse.metrics;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Changelog records still to restore, per store and changelog partition, from Kafka Streams' callbacks. */
final class RestoreProgress implements StateRestoreListener {

    private final Map<String, Map<TopicPartition, Long>> remaining = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        remaining.computeIfAbsent(store, s -> new ConcurrentHashMap<>())
                .put(partition, Math.max(0, endingOffset - startingOffset));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        remaining.computeIfAbsent(store, s -> new ConcurrentHashMap<>())
                .computeIfPresent(partition, (p, left) -> Math.max(0, left - numRestored));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        remaining.computeIfAbsent(store, s -> new ConcurrentHashMap<>()).remove(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // the task moved to another instance: nothing is left to restore here
        remaining.computeIfAbsent(store, s -> new ConcurrentHashMap<>()).remove(partition);
    }

    double remaining(String store) {
        return remaining.getOrDefault(store, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
