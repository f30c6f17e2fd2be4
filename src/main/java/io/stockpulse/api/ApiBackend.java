package io.stockpulse.api;

import io.stockpulse.decision.LeadTimeLearning;
import io.stockpulse.metrics.StockPulseMetrics;
import io.stockpulse.policy.ClassServiceLevels;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.signals.HealthSignals;
import io.stockpulse.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * What the HTTP API needs of the running instance, and no more: the Kafka Streams client it queries
 * (interactive queries, metadata of the other instances, state for the probes), the health signals,
 * the metrics registry it exposes, the output topics the alert stream follows and the policy settings the
 * SKU views evaluate with. The application implements it; the API never sees the application itself, so
 * the two do not import each other and the API's tests can stand on any implementation.
 */
public interface ApiBackend {

    KafkaStreams streams();

    HealthSignals health();

    /** The registry served at /metrics; built (with the restore listener) before the streams start. */
    StockPulseMetrics metrics();

    Topics topics();

    /** The policy of SKUs without one of their own (its service level replaced by their class's). */
    PolicyParameters defaultPolicy();

    ClassServiceLevels classServiceLevels();

    /** Whether and when observed lead times replace the configured one, as the stream decides. */
    LeadTimeLearning leadTimeLearning();

    /**
     * Properties for the alert stream's own consumer: bootstrap servers and the client security
     * settings the instance itself uses (the stream adds isolation, offsets and deserializers).
     */
    Map<String, Object> clientProperties();

    String applicationId();
}
