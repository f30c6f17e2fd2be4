package io.stockpulse.topology;

import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.state.PolicyResolver;

/**
 * What a day close shares with the event path of {@link InventoryProcessor}: one instance of each per
 * task, so the close's classes, policies and alert flags are the ones the events see. Bundled so the
 * close's parts take one argument instead of five.
 */
record CloseServices(ForecasterProvider forecasters, PolicyResolver policies, AlertEmitter alerts,
                     SkuClassifier classifier, PipelineCounters counters) {

    /**
     * Re-evaluates the alerts of {@code state} at the close of {@code closedDay} under its resolved
     * policy (with its ABC class's service level); {@code replan} after a new forecast.
     *
     * @return whether the state changed and must be written back
     */
    boolean alertsAtClose(SkuState state, int closedDay, long streamTime, boolean replan) {
        return alerts.atClose(state, policies.resolve(state.getSku(), state.getLocationId(), state.getAbcClass()),
                closedDay, streamTime, replan);
    }
}
