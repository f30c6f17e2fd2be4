package io.stockpulse.replay;

import io.stockpulse.topics.Topic;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * One value serializer for a {@code KafkaProducer<String, SpecificRecord>} that writes to several
 * StockPulse topics: each record goes through the serializer of its topic's serde from
 * {@link Topics} (Confluent wire format, subject {@code <topic>-value}).
 */
public final class TopicRoutingSerializer implements Serializer<SpecificRecord> {

    private final Map<String, Serializer<SpecificRecord>> byTopic = new HashMap<>();

    public TopicRoutingSerializer(Topics topics) {
        add(topics.sales());
        add(topics.shipments());
        add(topics.stockChanges());
        add(topics.skuPolicies());
        add(topics.reorderTriggers());
        add(topics.stockoutAlerts());
        add(topics.overstockWarnings());
        add(topics.forecasts());
    }

    @SuppressWarnings("unchecked")
    private void add(Topic<? extends SpecificRecord> topic) {
        byTopic.put(topic.name(), (Serializer<SpecificRecord>) topic.valueSerde().serializer());
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        Serializer<SpecificRecord> serializer = byTopic.get(topic);
        if (serializer == null) {
            throw new SerializationException("No StockPulse value serializer for topic '" + topic + "'");
        }
        return serializer.serialize(topic, data);
    }
}
