package io.stockpulse.topology;

import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.topics.TopicNames;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How the inventory topology behaves, already validated by the configuration layer.
 *
 * @param topics            topic names
 * @param zone              zone whose midnight closes a day
 * @param dayCloseGrace     a day closes once stream time is this far past its end, so late events still land in it
 * @param historyDays       daily demand buckets kept per SKU × location
 * @param horizonDays       forecast horizon
 * @param forecastBatchSize histories per forecaster call at day close
 * @param forecastRefreshDays a SKU without sales still gets a fresh forecast this often
 * @param alertHysteresis   relative margin by which a condition must clear before its alert resolves
 * @param dedupRetention    how long event ids are remembered
 * @param maxFutureSkew     events further ahead of the wall clock are rejected
 * @param defaultPolicy     policy of SKUs without one on the policy topic
 * @param classes           ABC/XYZ shares, cut-offs, window, class service levels and TSB smoothing
 * @param decisions         the decision core's settings (service measure, special orders, alert thresholds)
 */
public record InventorySettings(TopicNames topics, ZoneId zone, Duration dayCloseGrace, int historyDays,
                                int horizonDays, int forecastBatchSize, int forecastRefreshDays,
                                double alertHysteresis, Duration dedupRetention, Duration maxFutureSkew,
                                PolicyParameters defaultPolicy, ClassSettings classes, DecisionSettings decisions) {

    /** With the default decision settings (the alert hysteresis given). */
    public InventorySettings(TopicNames topics, ZoneId zone, Duration dayCloseGrace, int historyDays, int horizonDays,
                             int forecastBatchSize, int forecastRefreshDays, double alertHysteresis,
                             Duration dedupRetention, Duration maxFutureSkew, PolicyParameters defaultPolicy,
                             ClassSettings classes) {
        this(topics, zone, dayCloseGrace, historyDays, horizonDays, forecastBatchSize, forecastRefreshDays,
                alertHysteresis, dedupRetention, maxFutureSkew, defaultPolicy, classes,
                DecisionSettings.DEFAULT.withHysteresis(alertHysteresis).withTsb(classes.tsbAlpha(), classes.tsbBeta()));
    }

    /** With the default class settings. */
    public InventorySettings(TopicNames topics, ZoneId zone, Duration dayCloseGrace, int historyDays, int horizonDays,
                             int forecastBatchSize, int forecastRefreshDays, double alertHysteresis,
                             Duration dedupRetention, Duration maxFutureSkew, PolicyParameters defaultPolicy) {
        this(topics, zone, dayCloseGrace, historyDays, horizonDays, forecastBatchSize, forecastRefreshDays,
                alertHysteresis, dedupRetention, maxFutureSkew, defaultPolicy, ClassSettings.DEFAULT);
    }

    public static InventorySettings defaults() {
        return new InventorySettings(TopicNames.defaults(), ZoneId.of("UTC"), Duration.ofHours(1), 730, 28, 128, 7,
                0.1, Duration.ofDays(7), Duration.ofDays(1),
                new PolicyParameters(7, 2, 0.95, 1.0, 2, 0.25, 1, 1, 90), ClassSettings.DEFAULT);
    }

    public InventorySettings withClasses(ClassSettings newClasses) {
        return new InventorySettings(topics, zone, dayCloseGrace, historyDays, horizonDays, forecastBatchSize,
                forecastRefreshDays, alertHysteresis, dedupRetention, maxFutureSkew, defaultPolicy, newClasses,
                decisions.withTsb(newClasses.tsbAlpha(), newClasses.tsbBeta()));
    }

    public InventorySettings withDecisions(DecisionSettings newDecisions) {
        return new InventorySettings(topics, zone, dayCloseGrace, historyDays, horizonDays, forecastBatchSize,
                forecastRefreshDays, alertHysteresis, dedupRetention, maxFutureSkew, defaultPolicy, classes, newDecisions);
    }

    /** Epoch day of an instant in the configured zone. */
    public int dayOf(long epochMillis) {
        return (int) Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate().toEpochDay();
    }
}
