package io.stockpulse.bench;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.replay.ReplayClock;
import io.stockpulse.replay.ReplayStats;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/** Fills the input topics before a throughput run, so both topologies read the same, complete backlog. */
final class BenchInputs {

    private BenchInputs() {
    }

    /** The real dataset through the replayer, as fast as possible; returns the number of events sent. */
    static long replay(String bootstrap, Topics topics, Path data, long limit) throws IOException {
        try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(bootstrap, topics, Map.of())) {
            ReplayStats stats = new Replayer(producer, topics, new ReplayClock()).replay(Replayer.Options.of(data)
                    .withLimit(limit).withSpeed(0).withProgress(false).withMapping(RetailEventMapper.Settings.defaults()));
            return stats.eventsTotal();
        }
    }

    /**
     * {@code events} sales over {@code skus} SKUs, spread evenly over {@code days} days from 2025-01-01 in
     * time order (so every day closes and forecasts its SKUs), seeded.
     */
    static long synthetic(String bootstrap, Topics topics, int skus, long events, int days) {
        SplittableRandom random = new SplittableRandom(7);
        long start = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        long span = days * 86_400_000L;
        try (KafkaProducer<String, SpecificRecord> producer = Replayer.createProducer(bootstrap, topics, Map.of())) {
            for (long i = 0; i < events; i++) {
                String sku = "S" + random.nextInt(skus);
                long at = start + span * i / events;
                SaleEvent sale = SaleEvent.newBuilder().setEventId("syn-" + i).setSku(sku).setLocationId("WH-1")
                        .setQuantity(1 + random.nextInt(5)).setUnitPrice(2.5).setOrderId(null)
                        .setOccurredAt(Instant.ofEpochMilli(at)).build();
                producer.send(new ProducerRecord<>(topics.names().sales(), null, at, sku, sale));
            }
            producer.flush();
        }
        return events;
    }
}
