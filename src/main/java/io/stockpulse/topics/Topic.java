package io.stockpulse.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic paired with the serdes of its records. Keys are always the SKU as a UTF-8 string. */
public record Topic<V>(String name, Serde<String> keySerde, Serde<V> valueSerde) {
}
