package io.stockpulse.bench.jmh;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.serde.ConfluentAvroSerde;
import io.stockpulse.serde.SchemaRegistryClients;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Map;

/**
 * An input event in the Confluent wire format (magic byte, schema id, Avro binary) through the
 * application's serde, with the in-memory registry (mock://): the schema id is looked up once and
 * cached, as with the real registry after the first record.
 */
@State(Scope.Thread)
public class SaleEventSerdeBenchmark {

    private static final String TOPIC = "inventory.sales";

    private Serializer<SaleEvent> serializer;
    private Deserializer<SaleEvent> deserializer;
    private SaleEvent sale;
    private byte[] bytes;

    @Setup
    public void setUp() {
        ConfluentAvroSerde<SaleEvent> serde = new ConfluentAvroSerde<>(SaleEvent.class,
                SchemaRegistryClients.create("mock://stockpulse-jmh", Map.of()), true);
        serializer = serde.serializer();
        deserializer = serde.deserializer();
        sale = SaleEvent.newBuilder().setEventId("489434-85048-1").setSku("85048").setLocationId("UK")
                .setQuantity(12).setUnitPrice(6.95).setOrderId("489434")
                .setOccurredAt(Instant.parse("2009-12-01T07:45:00Z")).build();
        bytes = serializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public SaleEvent deserialize() {
        return deserializer.deserialize(TOPIC, bytes);
    }
}
