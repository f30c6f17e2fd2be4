package io.stockpulse.serde;

import java.util.Map;
import java.util.Objects;

/**
 * The registry client of a Confluent serializer or deserializer, and who closes it: one handed in
 * (shared, by a caller or by {@link ConfluentAvroSerde}) stays open; one made from the configuration
 * is owned and closed with its user. Shared by both so their rules cannot drift apart.
 */
final class RegistryClientSlot {

    private volatile SchemaRegistryClient client;
    private volatile boolean owned;

    /** Empty until {@link #configureFrom} or {@link #adopt}. */
    RegistryClientSlot() {
    }

    /** Holds a shared client, never closed here. */
    RegistryClientSlot(SchemaRegistryClient shared) {
        this.client = Objects.requireNonNull(shared, "client");
    }

    /** The client, or null while there is none. */
    SchemaRegistryClient get() {
        return client;
    }

    boolean isSet() {
        return client != null;
    }

    /** Without a client yet: one from {@code configs}' registry settings, owned. */
    void configureFrom(Map<String, ?> configs) {
        if (client == null) {
            client = AvroSerdeConfig.clientFrom(configs);
            owned = true;
        }
    }

    /** Without a client yet: {@code shared}, closed here only if {@code owns}. */
    void adopt(SchemaRegistryClient shared, boolean owns) {
        if (client == null) {
            client = shared;
            owned = owns;
        }
    }

    /** Closes the client if it is owned. */
    void close() {
        if (owned && client != null) {
            client.close();
        }
    }
}
