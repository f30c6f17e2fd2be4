package io.stockpulse.cli;

import io.stockpulse.app.BrokerCheck;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.replay.LeadTimeModel;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailCsv;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import io.stockpulse.topics.TopicNames;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code stockpulse replay}: publishes the Online Retail file to a StockPulse cluster as sales, returns,
 * write-offs and opening counts, and (unless {@code --no-supplier}) plays the supplier that answers
 * StockPulse's reorder triggers with purchase orders and deliveries.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the Online Retail CSV (.csv or .csv.gz) into the StockPulse input topics,",
                "as fast as possible or at a scaled clock, with a simulated supplier answering reorder triggers.",
                "Data: UCI Online Retail / Online Retail II by Daqing Chen, CC BY 4.0."})
public class ReplayCommand implements Callable<Integer> {

    static final String REGISTRY_ENV = "STOCKPULSE_SCHEMA_REGISTRY_URL";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The CSV or CSV.GZ file.")
    Path data;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Required unless " + BOOTSTRAP_ENV + " is set.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry (Confluent REST API). Required unless " + REGISTRY_ENV + " is set.")
    String schemaRegistryUrl;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "Event-time seconds per wall-clock second (86400 = one day per second); 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--from", paramLabel = "DATE", description = "Replay events at or after this time (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], UTC, or an ISO instant).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Replay events before this time (exclusive; same formats).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Read at most N data lines.")
    Long limit;

    @Option(names = "--location", defaultValue = RetailEventMapper.DEFAULT_LOCATION,
            description = "Location id of the single warehouse (default: ${DEFAULT-VALUE}).")
    String location;

    @Option(names = "--opening-cover-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Opening stock per SKU in days of its average daily demand (default: ${DEFAULT-VALUE}).")
    double openingCoverDays;

    @Option(names = "--cost-ratio", paramLabel = "RATIO", defaultValue = "0.6",
            description = "Before the events, publish each SKU's unit cost as RATIO x its median sale price "
                    + "(a SkuPolicy with only unitCost set); 0 = publish none (default: ${DEFAULT-VALUE}, as simulate).")
    double costRatio;

    @Option(names = "--no-progress", description = "No progress bar (there is none anyway when stderr is not a terminal).")
    boolean noProgress;

    @Option(names = "--no-supplier", description = "Do not simulate the supplier (no ORDERED/RECEIVED shipments).")
    boolean noSupplier;

    @Option(names = "--lead-time-mean-days", defaultValue = "7",
            description = "Supplier lead time mean in days (default: ${DEFAULT-VALUE}).")
    double leadTimeMeanDays;

    @Option(names = "--lead-time-std-days", defaultValue = "2",
            description = "Supplier lead time standard deviation in days, truncated at >= 1 day (default: ${DEFAULT-VALUE}).")
    double leadTimeStdDays;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the lead-time draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--supplier-group-id", defaultValue = SupplierSimulator.DEFAULT_GROUP_ID,
            description = "Consumer group of the supplier's trigger consumer (default: ${DEFAULT-VALUE}).")
    String supplierGroupId;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "After the replay, wait until no reorder trigger arrived for this long before delivering the pending orders (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--settle-max", paramLabel = "DURATION", defaultValue = "PT5M",
            description = "Wait at most this long for triggers to settle (default: ${DEFAULT-VALUE}).")
    Duration settleMax;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "Stop with an error when the Kafka cluster does not answer within this time (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting (repeatable), as for run: topic.* names (e.g. --set topic.sales=shop.sales), "
                    + "Kafka client and schema registry settings (e.g. --set kafka.security.protocol=SASL_SSL, "
                    + "--set basic.auth.user.info=u:p; a 'kafka.' prefix is stripped).")
    Map<String, String> properties = new HashMap<>();

    /** The option's name before 0.1.0; kept so that existing scripts keep working. */
    @Option(names = "--property", hidden = true, paramLabel = "KEY=VALUE", description = "Deprecated: --set.")
    Map<String, String> deprecatedProperties = new HashMap<>();

    /** Environment lookup; replaceable in tests. */
    Function<String, String> env = System::getenv;
    /** The environment for the client settings `run` also reads ({@code STOCKPULSE_KAFKA_*}, registry credentials). */
    Map<String, String> environment = System.getenv();
    static final String KAFKA_ENV_PREFIX = "STOCKPULSE_KAFKA_";
    static final String BOOTSTRAP_ENV = "STOCKPULSE_BOOTSTRAP_SERVERS";
    /** The registry credentials of `run` (StockPulseConfig's PASSWORD keys) and their environment variables. */
    static final Map<String, String> REGISTRY_CREDENTIAL_ENV = Map.of(
            "STOCKPULSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "schema.registry.basic.auth.user.info",
            "STOCKPULSE_SCHEMA_REGISTRY_BEARER_AUTH_TOKEN", "schema.registry.bearer.auth.token");

    public ReplayCommand() {
    }

    @Override
    public Integer call() throws Exception {
        Replayer.Options options = options();
        String registryUrl = registryUrl();
        bootstrapServers = bootstrapServers();
        TopicNames topicNames = topicNames(registryUrl);
        Map<String, Object> clientProps = clientProperties();
        PrintWriter out = spec.commandLine().getOut();
        BrokerCheck.requireReachable(bootstrapServers, clientProps, connectTimeout);

        try (SchemaRegistryClient registry = SchemaRegistryClients.create(registryUrl, clientProps)) {
            Topics topics = Topics.create(topicNames, registry, true);
            List<String> needed = neededTopics(topics);
            List<String> missing = missingTopics(clientProps, needed);
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("Missing topics " + missing + " on " + bootstrapServers
                        + ": start `stockpulse run` once (it creates them) or create them yourself.");
                return 1;
            }
            try (KafkaProducer<String, SpecificRecord> producer =
                         Replayer.createProducer(bootstrapServers, topics, only(clientProps, ProducerConfig.configNames()))) {
                // Event time: orders dated at their triggers, receipts merged into the replay (the shared
                // producer keeps them in order with the events) once it reaches their due time.
                SupplierSimulator supplier = noSupplier ? null : SupplierSimulator.create(bootstrapServers,
                        only(clientProps, ConsumerConfig.configNames()), topics, new SupplierSimulator.Settings(
                                LeadTimeModel.ofDays(leadTimeMeanDays, leadTimeStdDays, seed), supplierGroupId,
                                Duration.ofMillis(100)), producer);
                return new ReplaySession(out, settle, settleMax).run(producer, topics, options, supplier);
            }
        }
    }

    /** The replay's own topics, and those of the supplier and the unit-cost policies when they run. */
    private List<String> neededTopics(Topics topics) {
        List<String> needed = new ArrayList<>(List.of(topics.sales().name(), topics.stockChanges().name()));
        if (!noSupplier) {
            needed.addAll(List.of(topics.shipments().name(), topics.reorderTriggers().name()));
        }
        if (costRatio > 0) {
            needed.add(topics.skuPolicies().name());
        }
        return needed;
    }

    /** The topics of {@code names} the cluster does not have (a producer would otherwise block for a minute). */
    List<String> missingTopics(Map<String, Object> clientProps, List<String> names) throws Exception {
        Map<String, Object> adminProps = new HashMap<>(clientProps);
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(only(adminProps, AdminClientConfig.configNames()))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            return names.stream().filter(n -> !existing.contains(n)).toList();
        }
    }

    /** The -D settings a Kafka client knows (the registry's, e.g. basic.auth.user.info, would only earn warnings). */
    static Map<String, Object> only(Map<String, Object> props, Set<String> known) {
        Map<String, Object> out = new HashMap<>(props);
        out.keySet().retainAll(known);
        return out;
    }

    /** The validated options of the replay itself. */
    Replayer.Options options() {
        try {
            RetailCsv.check(data);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage());
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be a finite number >= 0, was " + speed);
        }
        if (limit != null && limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be > 0, was " + limit);
        }
        RetailEventMapper.Settings mapping;
        try {
            mapping = new RetailEventMapper.Settings(location, openingCoverDays, parseTime("--from", from),
                    parseTime("--to", to));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!(costRatio >= 0) || Double.isInfinite(costRatio)) {
            throw new ParameterException(spec.commandLine(), "--cost-ratio must be a finite number >= 0, was " + costRatio);
        }
        return new Replayer.Options(data, limit == null ? 0 : limit, speed, !noProgress, mapping, costRatio);
    }

    String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null || servers.isBlank()) {
            servers = env.apply(BOOTSTRAP_ENV);
        }
        if (servers == null || servers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing --bootstrap-servers (or " + BOOTSTRAP_ENV + ")");
        }
        return servers.trim();
    }

    /** --set, then the deprecated --property (which loses where both name a key). */
    Map<String, String> settings() {
        Map<String, String> all = new HashMap<>(deprecatedProperties);
        all.putAll(properties);
        return all;
    }

    /**
     * The topic names as {@code run} reads them: {@code topic.*} keys from the {@code STOCKPULSE_TOPIC_*}
     * environment variables and {@code --set}, validated by StockPulseConfig like run's.
     */
    TopicNames topicNames(String registryUrl) {
        Map<String, String> topicSettings = new HashMap<>();
        settings().forEach((key, value) -> {
            if (key.startsWith(StockPulseConfig.TOPIC_PREFIX)) {
                topicSettings.put(key, value);
            }
        });
        topicSettings.put(StockPulseConfig.BOOTSTRAP_SERVERS, bootstrapServers());
        topicSettings.put(StockPulseConfig.SCHEMA_REGISTRY_URL, registryUrl);
        Map<String, String> topicEnvironment = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(StockPulseConfig.envName(StockPulseConfig.TOPIC_PREFIX))) {
                topicEnvironment.put(name, value);
            }
        });
        try {
            return StockPulseConfig.load(null, topicEnvironment, topicSettings).topicNames();
        } catch (ConfigException invalid) {
            throw new ParameterException(spec.commandLine(), "Invalid setting: " + invalid.getMessage());
        }
    }

    String registryUrl() {
        String url = schemaRegistryUrl;
        if (url == null || url.isBlank()) {
            url = env.apply(REGISTRY_ENV);
        }
        if (url == null || url.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing --schema-registry-url (or " + REGISTRY_ENV
                    + "): the replay and StockPulse must share a schema registry");
        }
        return url.trim();
    }

    /**
     * Kafka client and registry settings: the same environment variables as {@code run}
     * ({@code STOCKPULSE_KAFKA_*}, registry credentials), so one container environment serves both;
     * {@code -D} settings win.
     */
    Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV_PREFIX)) {
                props.put(name.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else if (REGISTRY_CREDENTIAL_ENV.containsKey(name)) {
                props.put(REGISTRY_CREDENTIAL_ENV.get(name), value);
            }
        });
        settings().forEach((k, v) -> {
            if (!k.startsWith(StockPulseConfig.TOPIC_PREFIX)) {
                props.put(k.startsWith("kafka.") ? k.substring("kafka.".length()) : k, v);
            }
        });
        return props;
    }

    /** YYYY-MM-DD (midnight UTC), a local date-time (UTC) or an ISO instant/offset date-time; null stays null. */
    Instant parseTime(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + ": cannot read '" + text
                    + "' as YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (UTC) or an ISO instant");
        }
    }

    /** Runs the command stand-alone (the CLI registers it as a subcommand of {@code stockpulse}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCommand()).execute(args));
    }
}
