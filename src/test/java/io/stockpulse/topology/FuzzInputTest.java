package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random and mutated records (fixed seed, so a failure reproduces) between good ones:
 * nothing crashes the stream, every record is accounted for (applied, parked or a duplicate) and the
 * good SKUs end with exactly the stock their good records say.
 */
class FuzzInputTest {

    private static final long SEED = 20261122L;
    private static final int ROUNDS = 3_000;
    private static final Instant T0 = Instant.parse("2011-03-01T00:00:00Z");

    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void randomAndMutatedRecordsNeitherCrashNorLoseGoodOnes() {
        Random random = new Random(SEED);
        List<TestInputTopic<String, byte[]>> raw = List.of(f.rawSales,
                f.driver.createInputTopic(f.topics.shipments().name(), new StringSerializer(), new ByteArraySerializer()),
                f.driver.createInputTopic(f.topics.stockChanges().name(), new StringSerializer(), new ByteArraySerializer()));
        String[] good = {"GOOD-A", "GOOD-B", "GOOD-C"};
        for (String sku : good) {
            f.stockChange(sku, StockChangeKind.COUNT, 1_000_000, "2011-03-01T00:00:00Z");
        }
        long[] sold = new long[good.length];
        int fuzzed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Instant at = T0.plusSeconds(60L * round);
            int which = random.nextInt(good.length);
            long quantity = 1 + random.nextInt(5);
            f.sale(good[which], quantity, at.toString());
            sold[which] += quantity;

            byte[] template = template(random, at);
            byte[] bad = switch (random.nextInt(5)) {
                case 0 -> randomBytes(random);
                case 1 -> flipBytes(random, template);
                case 2 -> Arrays.copyOf(template, random.nextInt(template.length)); // truncated
                case 3 -> withSchemaId(template, random.nextInt());
                default -> flipBytes(random, flipBytes(random, template));
            };
            // Fuzz keys are never the good SKUs, so a mutation that still decodes cannot touch their stock.
            String key = random.nextInt(10) == 0 ? null : "FUZZ-" + random.nextInt(20);
            raw.get(random.nextInt(raw.size())).pipeInput(key, bad, at);
            fuzzed++;
        }

        for (int i = 0; i < good.length; i++) {
            assertThat(f.state(good[i]).getNetStock()).as(good[i]).isEqualTo(1_000_000 - sold[i]);
        }
        long applied = f.counters.total(PipelineCounters.EVENTS);
        long parked = f.counters.total(PipelineCounters.DEAD_LETTERS);
        long duplicates = f.counters.total(PipelineCounters.DUPLICATES);
        long goodRecords = good.length + ROUNDS;
        assertThat(applied + parked + duplicates).as("every record applied, parked or a duplicate")
                .isEqualTo(goodRecords + fuzzed);
        assertThat(parked).as("most fuzz is rejected").isGreaterThan(fuzzed / 2);
        // Processing-side rejections are on the DLQ topic (deserialization ones are sent by the
        // handler outside TopologyTestDriver's capture, see DeadLetterTest).
        long processingRejections = f.deadLetters.getQueueSize();
        assertThat(processingRejections).isLessThanOrEqualTo(parked);
    }

    private byte[] template(Random random, Instant at) {
        String sku = "FUZZ-" + random.nextInt(20);
        return switch (random.nextInt(3)) {
            case 0 -> f.topics.sales().valueSerde().serializer().serialize(f.topics.sales().name(),
                    SaleEvent.newBuilder().setEventId("f" + random.nextLong()).setSku(sku).setLocationId("WH1")
                            .setQuantity(1 + random.nextInt(9)).setUnitPrice(1.5).setOccurredAt(at).build());
            case 1 -> f.topics.shipments().valueSerde().serializer().serialize(f.topics.shipments().name(),
                    ShipmentEvent.newBuilder().setEventId("f" + random.nextLong()).setSku(sku).setLocationId("WH1")
                            .setPurchaseOrderId("PO-" + random.nextInt(5)).setStatus(ShipmentStatus.ORDERED)
                            .setQuantity(10).setOccurredAt(at).build());
            default -> f.topics.stockChanges().valueSerde().serializer().serialize(f.topics.stockChanges().name(),
                    StockChangeEvent.newBuilder().setEventId("f" + random.nextLong()).setSku(sku).setLocationId("WH1")
                            .setKind(StockChangeKind.values()[random.nextInt(StockChangeKind.values().length)])
                            .setQuantity(random.nextInt(20) - 5).setOccurredAt(at).build());
        };
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipBytes(Random random, byte[] source) {
        byte[] copy = source.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips && copy.length > 5; i++) {
            int at = 5 + random.nextInt(copy.length - 5); // keep the wire header, damage the Avro body
            copy[at] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] withSchemaId(byte[] source, int id) {
        byte[] copy = source.clone();
        java.nio.ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }
}
