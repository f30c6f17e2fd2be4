package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.internal.HeldEvent;
import io.stockpulse.serde.AvroBinarySerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inventory task's queue of events held back while a day close waits for the ABC cut-offs (see
 * {@link InventoryProcessor}), in a changelogged store so a restart or a fail-over resumes the same
 * queue. Keys are arrival sequence numbers, zero-padded so the store's key order is arrival order.
 * The events keep their own Avro encoding: the store is internal, so no registry is involved.
 */
final class HeldEvents {

    /** One held event, as it was read. */
    record Held(String storeKey, String key, Object event, long timestamp) {
    }

    private static final Map<String, AvroBinarySerde<? extends SpecificRecord>> SERDES = Map.of(
            SaleEvent.class.getSimpleName(), new AvroBinarySerde<>(SaleEvent.class),
            ShipmentEvent.class.getSimpleName(), new AvroBinarySerde<>(ShipmentEvent.class),
            StockChangeEvent.class.getSimpleName(), new AvroBinarySerde<>(StockChangeEvent.class));

    private final KeyValueStore<String, HeldEvent> store;
    private long next;
    private long size;

    HeldEvents(KeyValueStore<String, HeldEvent> store) {
        this.store = store;
        // After a restart the queue is whatever the changelog restored: count it once.
        try (KeyValueIterator<String, HeldEvent> it = store.all()) {
            while (it.hasNext()) {
                next = Long.parseLong(it.next().key) + 1;
                size++;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    void add(String key, Object event, long timestamp) {
        String kind = event.getClass().getSimpleName();
        byte[] payload = serialize(kind, event);
        store.put(sequenceKey(next++), HeldEvent.newBuilder().setKey(key).setTimestamp(timestamp).setKind(kind)
                .setPayload(ByteBuffer.wrap(payload)).build());
        size++;
    }

    /** Up to {@code max} of the oldest held events, oldest first. */
    List<Held> oldest(int max) {
        List<Held> out = new ArrayList<>(Math.min(max, (int) Math.min(size, Integer.MAX_VALUE)));
        try (KeyValueIterator<String, HeldEvent> it = store.all()) {
            while (it.hasNext() && out.size() < max) {
                KeyValue<String, HeldEvent> entry = it.next();
                HeldEvent held = entry.value;
                ByteBuffer buffer = held.getPayload();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                Object event = SERDES.get(held.getKind()).deserializer().deserialize(null, bytes);
                out.add(new Held(entry.key, held.getKey(), event, held.getTimestamp()));
            }
        }
        return out;
    }

    void remove(Held held) {
        store.delete(held.storeKey());
        size--;
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(String kind, Object event) {
        AvroBinarySerde<SpecificRecord> serde = (AvroBinarySerde<SpecificRecord>) SERDES.get(kind);
        if (serde == null) {
            throw new IllegalArgumentException("not an input event: " + kind);
        }
        return serde.serializer().serialize(null, (SpecificRecord) event);
    }

    private static String sequenceKey(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
    }
}
