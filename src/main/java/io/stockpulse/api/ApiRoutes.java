package io.stockpulse.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.state.InventoryReports;
import io.stockpulse.state.PolicyResolver;
import io.stockpulse.state.StoreKeys;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The JSON resources under /api/ (authorised by the server before they get here). SKU states live on
 * the instance owning the SKU's partition (input records are keyed by SKU): a request for a SKU owned
 * elsewhere is forwarded to the owner's {@code application.server}, once ({@link Peers}); while
 * partitions move, {@link SkuResource} answers from a copy flagged stale.
 */
final class ApiRoutes {

    /** Same limit as event validation's identifiers: printable, no separators. */
    private static final Pattern SKU = Pattern.compile("[\\p{Graph} ]{1,200}");

    private final ApiBackend app;
    private final AlertStream stream;
    private final SimulateOutput simulate;
    private final Peers peers;
    private final SkuResource skus;

    ApiRoutes(ApiBackend app, ApiServer server, String simulateFile) {
        this.app = app;
        this.stream = new AlertStream(app);
        this.simulate = new SimulateOutput(simulateFile);
        this.peers = new Peers(server);
        this.skus = new SkuResource(app, peers, this::policy);
    }

    void close() {
        stream.close();
    }

    int alertStreams() {
        return stream.clients();
    }

    /** True when the exchange went to the alert stream's own pool, which closes it. */
    boolean handle(HttpExchange exchange, String path) throws IOException {
        try {
            return route(exchange, path);
        } catch (IllegalStateException e) {
            // Kafka Streams can leave RUNNING between a route's requireRunning check and its store or
            // metadata call (a shutdown or rebalance starting mid-request); its IllegalStateException
            // then means "not ready", like the check itself, not an internal error.
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.RUNNING) {
                throw e;
            }
            throw new ApiException(503, "not ready: Kafka Streams is " + state);
        }
    }

    private boolean route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/api/alerts/stream")) {
            stream.serve(exchange);
            return true;
        }
        if (path.startsWith("/api/skus/")) {
            sku(exchange, path.substring("/api/skus/".length()));
        } else if (path.equals("/api/alerts")) {
            alerts(exchange);
        } else if (path.equals("/api/report")) {
            report(exchange);
        } else if (path.equals("/api/exceptions")) {
            exceptions(exchange);
        } else if (path.equals("/api/simulate")) {
            simulate.serve(exchange);
        } else {
            throw new ApiException(404, "no such resource: " + path);
        }
        return false;
    }

    private void sku(HttpExchange exchange, String sku) throws IOException {
        if (!SKU.matcher(sku).matches() || sku.indexOf(StoreKeys.SEPARATOR) >= 0) {
            throw new ApiException(400, "sku must be 1 to 200 printable characters");
        }
        skus.serve(exchange, sku);
    }

    /**
     * The latest daily inventory report, {@code ?location=WH1} or all locations (default). Its store
     * lives with the report aggregator's single task, on one instance: others forward to it. While that
     * task moves, a standby copy answers (header {@code X-StockPulse-Stale: true}), as for SKUs.
     */
    private void report(HttpExchange exchange) throws IOException {
        String location = query(exchange).getOrDefault("location", InventoryReports.ALL);
        if (!SKU.matcher(location).matches()) {
            throw new ApiException(400, "location must be 1 to 200 printable characters");
        }
        KafkaStreams streams = app.streams();
        KeyQueryMetadata owner = Peers.ownerOf(streams, StoreNames.INVENTORY_REPORTS, location,
                "no instance holds the reports right now (rebalancing)");
        peers.answerFromCopies(exchange, owner, () -> reportFromHere(exchange, streams, location, owner));
    }

    private void reportFromHere(HttpExchange exchange, KafkaStreams streams, String location, KeyQueryMetadata owner)
            throws IOException {
        boolean fresh = peers.isSelf(owner.activeHost()) && streams.state() == KafkaStreams.State.RUNNING;
        StoreQueryParameters<ReadOnlyKeyValueStore<String, InventoryReport>> parameters = StoreQueryParameters
                .fromNameAndType(StoreNames.INVENTORY_REPORTS, QueryableStoreTypes.<String, InventoryReport>keyValueStore())
                .withPartition(owner.partition());
        Optional<InventoryReport> report;
        try {
            report = InventoryReports.latest(streams.store(fresh ? parameters : parameters.enableStaleStores()), location);
        } catch (InvalidStateStoreException e) {
            if (!fresh) {
                throw new ApiException(503, "the reports are not queryable right now: " + e.getMessage());
            }
            fresh = false; // the owner's task is not running yet: its copy may lag
            try {
                report = InventoryReports.latest(streams.store(parameters.enableStaleStores()), location);
            } catch (InvalidStateStoreException again) {
                throw new ApiException(503, "the reports are not queryable right now: " + again.getMessage());
            }
        }
        if (report.isEmpty()) {
            // Only the running owner may say "none yet": a copy still restoring may lack the latest.
            throw fresh ? new ApiException(404, "no report yet for " + location)
                    : new ApiException(503, "this instance's copy of the reports has not caught up (rebalancing)");
        }
        exchange.getResponseHeaders().set(Peers.STALE_HEADER, Boolean.toString(!fresh));
        // Avro's own JSON rendering of the record: the same field names as the inventory.reports schema.
        ApiServer.send(exchange, 200, "application/json", report.get().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** ?state=open (the only state kept); ?scope=local for this instance only, default all instances. */
    private void alerts(HttpExchange exchange) throws IOException {
        String state = query(exchange).getOrDefault("state", "open");
        if (!state.equals("open")) {
            throw new ApiException(400, "state must be open (resolved alerts are on the alert topics)");
        }
        String scope = scope(exchange);
        KafkaStreams streams = app.streams();
        requireRunning(streams);
        ApiServer.sendJson(exchange, 200, gathered(exchange, scope, localRows(streams, (entry, policies) ->
                SkuViews.openAlerts(entry)), "/api/alerts?state=open&scope=local", "alerts"));
    }

    /**
     * The planner's open exceptions valued at unit cost (see {@link ExceptionViews}), largest first;
     * ?scope=local for this instance only, default all instances (gathered as /api/alerts does).
     */
    private void exceptions(HttpExchange exchange) throws IOException {
        String scope = scope(exchange);
        KafkaStreams streams = app.streams();
        requireRunning(streams);
        // policies are looked up only for the few states with an open exception, not for every SKU
        Map<String, Object> body = gathered(exchange, scope, localRows(streams, (entry, policies) ->
                !ExceptionViews.hasOpen(entry) ? List.of() : ExceptionViews.of(entry, policies.resolve(entry.getSku(),
                        entry.getLocationId(), entry.getAbcClass()), unitCostFromData(entry.getSku(), entry.getLocationId()))),
                "/api/exceptions?scope=local", "exceptions");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) body.get("exceptions");
        rows.sort(ExceptionViews.LARGEST_FIRST);
        body.put("valuation", "unitsAtStake x unitCost; unitCostSource policy = a SKU policy's unit cost, "
                + "default = the configured policy.default.unit-cost");
        ApiServer.sendJson(exchange, 200, body);
    }

    private static String scope(HttpExchange exchange) {
        String scope = query(exchange).getOrDefault("scope", "all");
        if (!scope.equals("all") && !scope.equals("local")) {
            throw new ApiException(400, "scope must be all or local");
        }
        return scope;
    }

    /** This instance's rows, and with scope=all every other instance's ({@code remotePath} asks for theirs). */
    private Map<String, Object> gathered(HttpExchange exchange, String scope, List<Map<String, Object>> local,
                                         String remotePath, String listKey) {
        List<Object> rows = new ArrayList<>(local);
        List<String> instances = new ArrayList<>(List.of(peers.self()));
        List<String> unreachable = new ArrayList<>();
        if (scope.equals("all") && !Peers.wasForwarded(exchange)) {
            for (StreamsMetadata other : app.streams().metadataForAllStreamsClients()) {
                if (peers.isSelf(other.hostInfo()) || other.stateStoreNames().isEmpty()) {
                    continue;
                }
                String endpoint = other.host() + ":" + other.port();
                try {
                    HttpResponse<String> response = peers.get(exchange, other.hostInfo(), remotePath);
                    if (response.statusCode() == 200) {
                        Map<String, Object> remote = ApiServer.JSON.readValue(response.body(), new TypeReference<>() { });
                        rows.addAll((List<?>) remote.get(listKey));
                        instances.add(endpoint);
                        continue;
                    }
                } catch (IOException | ApiException | ClassCastException e) {
                    // reported below: a partial answer says which instance is missing
                }
                unreachable.add(endpoint);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope.equals("all") ? "all instances" : "this instance only");
        body.put("instances", instances);
        if (!unreachable.isEmpty()) {
            body.put("unreachable", unreachable);
        }
        body.put(listKey, rows);
        return body;
    }

    private List<Map<String, Object>> localRows(KafkaStreams streams,
                                               BiFunction<SkuState, PolicyResolver,
                                                       List<Map<String, Object>>> rowsOf) {
        PolicyResolver policies = new PolicyResolver(this::policy, app.defaultPolicy(), app.classServiceLevels());
        List<Map<String, Object>> rows = new ArrayList<>();
        try (KeyValueIterator<String, SkuState> all = skuStates(streams).all()) {
            while (all.hasNext()) {
                rows.addAll(rowsOf.apply(all.next().value, policies));
            }
        } catch (InvalidStateStoreException e) {
            throw new ApiException(503, "the state is not queryable right now: " + e.getMessage());
        }
        return rows;
    }

    /** True when the data, not the configured default, sets the unit cost (a SKU@location or SKU policy). */
    private boolean unitCostFromData(String sku, String locationId) {
        for (String key : List.of(PolicyResolver.key(sku, locationId), sku)) {
            SkuPolicy policy = policy(key);
            if (policy != null && policy.getUnitCost() != null) {
                return true;
            }
        }
        return false;
    }

    private SkuPolicy policy(String key) {
        ReadOnlyKeyValueStore<String, SkuPolicy> store = app.streams().store(
                StoreQueryParameters.fromNameAndType(StoreNames.POLICIES, QueryableStoreTypes.keyValueStore()));
        return store.get(key);
    }

    private static ReadOnlyKeyValueStore<String, SkuState> skuStates(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.SKU_STATE, QueryableStoreTypes.keyValueStore()));
    }

    private static void requireRunning(KafkaStreams streams) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new ApiException(503, "not ready: Kafka Streams is " + streams.state());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return QueryString.parse(exchange);
    }
}
