package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeExtractorTest {

    private final EventTimeExtractor extractor = new EventTimeExtractor(Duration.ofDays(1));
    private static final long NOW = System.currentTimeMillis();
    private static final long MARCH_2011 = Instant.parse("2011-03-01T12:00:00Z").toEpochMilli();

    private static ConsumerRecord<Object, Object> record(Object value, long timestamp) {
        return new ConsumerRecord<>("sales", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, "S", value,
                new RecordHeaders(), Optional.empty());
    }

    private static SaleEvent sale(Instant at) {
        return SaleEvent.newBuilder().setEventId("e").setSku("S").setLocationId("WH1").setQuantity(1).setOccurredAt(at)
                .build();
    }

    @Test
    void eventsCarryTheirOwnTimeWhateverTheRecordTimestamp() {
        assertThat(extractor.extract(record(sale(Instant.ofEpochMilli(MARCH_2011)), NOW), -1)).isEqualTo(MARCH_2011);
    }

    @Test
    void undecodableOrImplausibleRecordsDoNotMoveStreamTime() {
        // Stamped with the wall clock by their producer while the stream replays 2011: taking that
        // timestamp would close every day up to today.
        assertThat(extractor.extract(record(null, NOW), MARCH_2011)).isEqualTo(MARCH_2011);
        assertThat(extractor.extract(record(sale(Instant.parse("1999-12-31T00:00:00Z")), NOW), MARCH_2011))
                .isEqualTo(MARCH_2011);
        assertThat(extractor.extract(record(sale(Instant.ofEpochMilli(NOW).plus(Duration.ofDays(30))), NOW), MARCH_2011))
                .isEqualTo(MARCH_2011);
        // First record of a partition: no stream time yet, and a negative timestamp would drop the record
        // instead of dead-lettering it.
        assertThat(extractor.extract(record(null, NOW), -1)).isZero();
    }
}
