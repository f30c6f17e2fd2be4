/**
 * Avro serialization for StockPulse topics and state stores.
 *
 * <p><b>Why this package exists.</b> Producers in the field write the <em>Confluent wire
 * format</em> (magic byte {@code 0x00}, 4-byte big-endian schema id, Avro binary) and talk to a
 * registry through the Confluent Schema Registry REST API, which Confluent SR, Apicurio
 * ({@code /apis/ccompat/v7}), Karapace and Redpanda all serve. Confluent's
 * {@code KafkaAvroSerializer} and its registry client are not published on Maven Central, so
 * StockPulse carries a small, careful re-implementation of just what it needs:
 *
 * <ul>
 *   <li>{@link io.stockpulse.serde.SchemaRegistryClient} with a REST implementation
 *       ({@link io.stockpulse.serde.RestSchemaRegistryClient}) and an in-JVM one for tests
 *       ({@link io.stockpulse.serde.InMemorySchemaRegistryClient}, URL {@code mock://scope});
 *       {@link io.stockpulse.serde.SchemaRegistryClients#create} picks one from a URL.</li>
 *   <li>{@link io.stockpulse.serde.ConfluentAvroSerializer},
 *       {@link io.stockpulse.serde.ConfluentAvroDeserializer} and
 *       {@link io.stockpulse.serde.ConfluentAvroSerde} for specific records on external topics
 *       (subject = TopicNameStrategy, {@code <topic>-value} / {@code <topic>-key}).</li>
 *   <li>{@link io.stockpulse.serde.AvroBinarySerde}: plain Avro binary without a registry, for
 *       internal state stores and changelogs that only StockPulse itself reads.</li>
 * </ul>
 *
 * <p>Every failure surfaces as {@link org.apache.kafka.common.errors.SerializationException}
 * (registry failures as its subclass {@link io.stockpulse.serde.SchemaRegistryException}) so that
 * Kafka's and Kafka Streams' deserialization-exception handlers see the usual type.
 * Configuration keys are listed in {@link io.stockpulse.serde.AvroSerdeConfig}.
 *
 * <p>Avro 1.12.2 only instantiates classes it is told to trust. Constructing/configuring a
 * deserializer or {@link io.stockpulse.serde.AvroBinarySerde} for a generated class trusts that
 * class and the named types it contains (see {@code AvroClassTrust}). Code that decodes specific
 * records with Avro directly (e.g. {@code SaleEvent.fromByteBuffer}) still needs
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.stockpulse.avro}.
 */
package io.stockpulse.serde;
