package io.stockpulse.bench.jmh;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.serde.VersionedAvroSerde;
import io.stockpulse.state.SkuStateLayouts;
import io.stockpulse.state.SkuStates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The SKU state record as the sku-state store writes and reads it on every event: plain Avro binary
 * with a full two-year (730-day) demand history and a stored 28-day forecast with quantiles.
 */
@State(Scope.Thread)
public class SkuStateSerdeBenchmark {

    private VersionedAvroSerde<SkuState> serde;
    private SkuState state;
    private byte[] bytes;

    @Setup
    public void setUp() {
        serde = SkuStateLayouts.serde(); // the sku-state store's serde
        state = SkuStates.empty("85123A", "WH-1");
        SplittableRandom random = new SplittableRandom(3);
        int[] history = new int[730];
        for (int day = 0; day < 730; day++) {
            history[day] = random.nextInt(10) < 4 ? 0 : random.nextInt(1, 30);
        }
        SkuStates.setHistory(state, 19_000, history);
        state.setNetStock(120);
        List<Float> mean = new ArrayList<>();
        List<Float> p50 = new ArrayList<>();
        List<Float> p90 = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            mean.add(6.5f + i % 7);
            p50.add(6f + i % 7);
            p90.add(11f + i % 7);
        }
        state.setForecast(StoredForecast.newBuilder().setModel("lstm").setVersion("bench").setFirstDay(19_730)
                .setMean(mean).setP50(p50).setP90(p90).build());
        bytes = serde.serializer().serialize("sku-state-changelog", state);
    }

    @Benchmark
    public byte[] serialize() {
        return serde.serializer().serialize("sku-state-changelog", state);
    }

    @Benchmark
    public SkuState deserialize() {
        return serde.deserializer().deserialize("sku-state-changelog", bytes);
    }

    /** Size of the serialized record, printed beside the rates. */
    public static int serializedBytes() {
        SkuStateSerdeBenchmark benchmark = new SkuStateSerdeBenchmark();
        benchmark.setUp();
        return benchmark.bytes.length;
    }
}
