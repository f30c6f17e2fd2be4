package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.StockChangeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Duration;
import java.time.Instant;

/**
 * Stream time follows the events' own {@code occurredAt}, so days close by business time even when
 * a backlog is replayed. A record without a plausible event time (undecodable, or stamped before 2000 or
 * in the future) keeps the partition's current time: the validator sends it to the dead-letter topic,
 * and it must not drag stream time along — its record timestamp may be the wall clock while the
 * stream replays 2011, and stream time decides which days close.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    private final long maxFutureSkewMs;

    public EventTimeExtractor(Duration maxFutureSkew) {
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant occurredAt = null;
        Object value = record.value();
        if (value instanceof SaleEvent sale) {
            occurredAt = sale.getOccurredAt();
        } else if (value instanceof ShipmentEvent shipment) {
            occurredAt = shipment.getOccurredAt();
        } else if (value instanceof StockChangeEvent change) {
            occurredAt = change.getOccurredAt();
        }
        long fallback = Math.max(partitionTime, 0);
        if (occurredAt == null || occurredAt.isBefore(EventValidator.EARLIEST)
                || occurredAt.toEpochMilli() > System.currentTimeMillis() + maxFutureSkewMs) {
            return fallback;
        }
        return occurredAt.toEpochMilli();
    }
}
