package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.serde.AvroBinarySerde;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.EventIdBuckets;
import io.stockpulse.state.SkuStateLayouts;
import io.stockpulse.state.StoreNames;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade without a reset: one topology runs a stream straight through; another runs its first
 * part, then has every SKU state replaced by the bytes version 1 (before the state layouts were
 * versioned) wrote for it, as its store and changelog hold them after the upgrade, and runs the rest.
 * Both must send the same alerts and forecasts and end in the same states, and an event re-sent
 * from before the upgrade must still be recognised.
 */
class StateUpgradeTopologyTest {

    @Test
    void aVersion1StateIsTakenOverAndTheOutputsContinueAsWithoutTheUpgrade() {
        try (TopologyFixture straight = new TopologyFixture(); TopologyFixture upgraded = new TopologyFixture()) {
            Outputs straightOut = run(straight, false);
            Outputs upgradedOut = run(upgraded, true);

            assertThat(upgradedOut.afterUpgrade).isNotEmpty().isEqualTo(straightOut.afterUpgrade);
            assertThat(upgraded.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);
            assertThat(straight.counters.get(PipelineCounters.DUPLICATES, "sale")).isEqualTo(1);
            // Version 1 did not time purchase orders: PO-1, ordered before the upgrade, measures no lead time.
            assertThat(upgraded.state("A").getLeadTimes()).isEmpty();
            assertThat(straight.state("A").getLeadTimes()).hasSize(1);
            assertThat(withoutVersion2Fields(states(upgraded))).isEqualTo(withoutVersion2Fields(states(straight)));
        }
    }

    private record Outputs(List<Object> afterUpgrade) {
    }

    /** Three SKUs over two weeks: counts, daily sales, an order and its receipt; the upgrade after day 8. */
    private static Outputs run(TopologyFixture f, boolean upgradeMidway) {
        List<SaleEvent> firstPart = new ArrayList<>();
        for (String sku : List.of("A", "B", "C")) {
            f.stockChange(sku, StockChangeKind.COUNT, 60, "2011-03-01T07:00:00Z");
        }
        for (int day = 1; day <= 8; day++) {
            for (String sku : List.of("A", "B", "C")) {
                firstPart.add(f.sale(sku, sku.equals("A") ? 6 : 2, String.format("2011-03-%02dT10:00:00Z", day)));
            }
        }
        f.ordered("A", "PO-1", 40, "2011-03-08T12:00:00Z", "2011-03-11T12:00:00Z");
        drain(f);
        if (upgradeMidway) {
            rewriteAsVersion1(f);
        }
        f.sales.pipeInput("A", firstPart.get(firstPart.size() - 3), firstPart.get(firstPart.size() - 3).getOccurredAt());
        for (int day = 9; day <= 14; day++) {
            for (String sku : List.of("A", "B", "C")) {
                f.sale(sku, sku.equals("A") ? 6 : 2, String.format("2011-03-%02dT10:00:00Z", day));
            }
            if (day == 11) {
                f.shipment("A", "PO-1", ShipmentStatus.RECEIVED, 40, "2011-03-11T12:00:00Z");
            }
        }
        return new Outputs(drain(f));
    }

    private static List<Object> drain(TopologyFixture f) {
        List<Object> out = new ArrayList<>();
        out.addAll(f.triggers.readValuesToList());
        out.addAll(f.stockouts.readValuesToList());
        out.addAll(f.overstocks.readValuesToList());
        out.addAll(f.forecasts.readValuesToList());
        return out;
    }

    /** Overwrites every state with version 1's bytes for it, through the store's caching and changelog layers. */
    @SuppressWarnings("unchecked")
    private static void rewriteAsVersion1(TopologyFixture f) {
        Map<String, SkuState> current = states(f);
        KeyValueStore<Bytes, byte[]> raw = (KeyValueStore<Bytes, byte[]>)
                ((WrappedStateStore<?, ?, ?>) f.driver.<String, SkuState>getKeyValueStore(StoreNames.SKU_STATE)).wrapped();
        // Version 1 kept every event id in the window store, none in the state.
        org.apache.kafka.streams.state.WindowStore<String, Long> eventIds = f.driver.getWindowStore(StoreNames.EVENT_IDS);
        long retention = f.settings.dedupRetention().toMillis();
        current.forEach((key, state) -> {
            state.getRecentEventIds().forEach(seen ->
                    eventIds.put(seen.getId(), seen.getAt(), EventIdBuckets.start(seen.getAt(), retention)));
            raw.put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), asVersion1(state));
        });
        assertThat(f.state("A").getRecentEventIds()).isEmpty();
        assertThat(f.state("A").getEventIdsSpilledUntil()).isNotNull();
    }

    /** The state as version 1 encoded it: its schema's plain Avro binary, the fields added since dropped. */
    static byte[] asVersion1(SkuState state) {
        Schema v1 = SkuStateLayouts.archived().get(0);
        byte[] current = new AvroBinarySerde<>(SkuState.class).encode("t", state);
        try {
            GenericRecord old = new GenericDatumReader<GenericRecord>(SkuState.getClassSchema(), v1)
                    .read(null, DecoderFactory.get().binaryDecoder(current, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, SkuState> states(TopologyFixture f) {
        Map<String, SkuState> states = new TreeMap<>();
        KeyValueStore<String, SkuState> store = f.driver.getKeyValueStore(StoreNames.SKU_STATE);
        try (KeyValueIterator<String, SkuState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, SkuState> entry = all.next();
                states.put(entry.key, entry.value);
            }
        }
        return states;
    }

    /** The states without what version 1 could not hold: recent event ids, lead times, on-hand history. */
    private static Map<String, SkuState> withoutVersion2Fields(Map<String, SkuState> states) {
        Map<String, SkuState> out = new TreeMap<>();
        states.forEach((key, state) -> {
            SkuState copy = SkuState.newBuilder(state).setRecentEventIds(List.of()).setEventIdsSpilledUntil(null)
                    .setOrderTimings(Map.of()).setLeadTimes(List.of())
                    .setOnHandByDay(java.nio.ByteBuffer.allocate(0)).build();
            out.put(key, copy);
        });
        return out;
    }
}
