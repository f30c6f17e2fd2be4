package io.stockpulse.api;

import com.sun.net.httpserver.HttpExchange;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.state.PolicyResolver;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/skus/{sku}}: the SKU's state at every location. The fresh answer comes from the
 * running instance that owns the SKU's partition (input records are keyed by SKU); others forward to
 * it. While partitions move (a rolling restart, a failed instance) the answer may come from a copy
 * that lags a little, flagged {@code "stale": true}: the owner's copy while it rebalances or restores,
 * else each warm standby copy ({@code num.standby.replicas}) in turn, as Kafka Streams' metadata lists
 * them (KIP-535). A planner then still sees the SKU instead of a 503; the 503 stays for the moments
 * when no reachable instance holds a usable copy. Only the running owner answers 404 (unknown SKU):
 * a copy that is still restoring may lack SKUs the owner has.
 */
final class SkuResource {

    private final ApiBackend app;
    private final Peers peers;
    private final Function<String, SkuPolicy> policies;

    SkuResource(ApiBackend app, Peers peers, Function<String, SkuPolicy> policies) {
        this.app = app;
        this.peers = peers;
        this.policies = policies;
    }

    void serve(HttpExchange exchange, String sku) throws IOException {
        KafkaStreams streams = app.streams();
        KeyQueryMetadata owner = Peers.ownerOf(streams, StoreNames.SKU_STATE, sku,
                "no instance owns the SKU's partition right now (rebalancing)");
        peers.answerFromCopies(exchange, owner, () -> answerFromHere(exchange, streams, sku, owner));
    }

    /** The SKU from this instance's copy: fresh when it is the running owner's, else flagged stale. */
    private void answerFromHere(HttpExchange exchange, KafkaStreams streams, String sku, KeyQueryMetadata owner)
            throws IOException {
        boolean fresh = peers.isSelf(owner.activeHost()) && streams.state() == KafkaStreams.State.RUNNING;
        List<Map<String, Object>> locations;
        try {
            locations = read(streams, sku, owner.partition(), fresh);
        } catch (InvalidStateStoreException e) {
            if (!fresh) {
                throw new ApiException(503, "the SKU's state is not queryable right now: " + e.getMessage());
            }
            fresh = false; // the owner's task is not running yet (restoring, or just revoked): its copy may lag
            locations = readStale(streams, sku, owner.partition());
        }
        if (locations.isEmpty() && !fresh) {
            // A copy still restoring lacks SKUs the owner has: only the running owner may say "unknown".
            throw new ApiException(503, "this instance's copy of the SKU's partition has not caught up (rebalancing)");
        }
        if (locations.isEmpty()) {
            throw new ApiException(404, "unknown SKU: " + sku);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("servedBy", peers.self());
        body.put("stale", !fresh);
        body.put("locations", locations);
        ApiServer.sendJson(exchange, 200, body);
    }

    private List<Map<String, Object>> readStale(KafkaStreams streams, String sku, int partition) {
        try {
            return read(streams, sku, partition, false);
        } catch (InvalidStateStoreException e) {
            throw new ApiException(503, "the SKU's state is not queryable right now: " + e.getMessage());
        }
    }

    private List<Map<String, Object>> read(KafkaStreams streams, String sku, int partition, boolean fresh) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, SkuState>> parameters = StoreQueryParameters
                .fromNameAndType(StoreNames.SKU_STATE, QueryableStoreTypes.<String, SkuState>keyValueStore())
                .withPartition(partition);
        PolicyResolver resolver = new PolicyResolver(policies, app.defaultPolicy(), app.classServiceLevels());
        List<Map<String, Object>> locations = new ArrayList<>();
        try (KeyValueIterator<String, SkuState> entries = streams.store(fresh ? parameters : parameters.enableStaleStores())
                .prefixScan(sku + StoreKeys.SEPARATOR, new StringSerializer())) {
            while (entries.hasNext()) {
                SkuState state = entries.next().value;
                // With the class's service level, as the topology evaluates it.
                locations.add(SkuViews.location(state, resolver.resolve(sku, state.getLocationId(),
                        state.getAbcClass()), app.leadTimeLearning()));
            }
        }
        return locations;
    }
}
