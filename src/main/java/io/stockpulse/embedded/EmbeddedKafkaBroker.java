package io.stockpulse.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) running in this JVM, from Apache
 * Kafka's own server artifacts. Used by {@code stockpulse broker}, {@code stockpulse demo} and the
 * integration tests. It can be stopped and started again on the same log directory and ports, which
 * is how the tests simulate losing the broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    /** With a SCRAM user: a second listener, SASL_PLAINTEXT (or SASL_SSL) with SCRAM-SHA-512, on {@link #saslPort}. */
    private final ScramUser scramUser;
    private final TlsKeystore tls;
    private final int saslPort;
    private KafkaRaftServer server;

    /** A SCRAM-SHA-512 user created when the log directory is formatted. */
    public record ScramUser(String name, String password) {
    }

    /** The broker's TLS identity: a PKCS12 key store with its password. */
    public record TlsKeystore(Path pkcs12, String password) {
    }

    private EmbeddedKafkaBroker(Path logDir, int port, int controllerPort, int defaultPartitions, ScramUser scramUser,
                                TlsKeystore tls) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
        this.scramUser = scramUser;
        this.tls = tls;
        this.saslPort = scramUser == null ? -1 : freePort();
    }

    /** Formats {@code logDir} if needed and starts a broker on {@code port} (0 = a free port). */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, port, 6);
    }

    public static EmbeddedKafkaBroker start(Path logDir, int port, int defaultPartitions) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, port == 0 ? freePort() : port, freePort(),
                defaultPartitions, null, null);
        broker.format();
        broker.startServer();
        return broker;
    }

    /**
     * A broker that also authenticates clients: besides the PLAINTEXT listener, a SASL listener with
     * SCRAM-SHA-512 and {@code user} as its one account, over TLS with {@code tls} (SASL_SSL) or
     * without when it is null (SASL_PLAINTEXT). For tests of client security settings; see
     * {@link #saslBootstrapServers()}.
     */
    public static EmbeddedKafkaBroker startWithScram(Path logDir, ScramUser user, TlsKeystore tls) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, freePort(), freePort(), 6, user, tls);
        broker.format();
        broker.startServer();
        return broker;
    }

    /** The SASL (SCRAM-SHA-512) listener of a broker started with {@link #startWithScram}. */
    public String saslBootstrapServers() {
        if (scramUser == null) {
            throw new IllegalStateException("This broker has no SASL listener; start it with startWithScram");
        }
        return "localhost:" + saslPort;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker; its data stays in {@link #logDir()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
        }
    }

    /** Starts the broker again on the same log directory and ports. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (scramUser != null) {
            String protocol = tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
            String listener = "listener.name." + protocol.toLowerCase(Locale.ROOT) + ".";
            props.put("listeners", props.get("listeners") + "," + protocol + "://localhost:" + saslPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + "," + protocol + "://localhost:" + saslPort);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map")
                    + "," + protocol + ":" + protocol);
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            props.put(listener + "scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            if (tls != null) {
                props.put(listener + "ssl.keystore.type", "PKCS12");
                props.put(listener + "ssl.keystore.location", tls.pkcs12().toString());
                props.put(listener + "ssl.keystore.password", tls.password());
                props.put(listener + "ssl.key.password", tls.password());
            }
        }
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", Integer.toString(defaultPartitions));
        props.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica, and fewer partitions start faster.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // This broker mostly carries replays of history: records stamped 2010-2011 would be deleted by the
        // default 7-day time retention at the next retention check (every 5 minutes), in the middle of a
        // run. Keep everything; the broker lives in a temp or user-chosen directory.
        props.put("log.retention.ms", "-1");
        return props;
    }

    private void format() {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            Formatter formatter = new Formatter();
            if (scramUser != null) {
                formatter.setScramArguments(List.of("SCRAM-SHA-512=[name=" + scramUser.name() + ",password="
                        + scramUser.password() + "]"));
            }
            formatter
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setFeatureLevel("transaction.version", (short) 1)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void startServer() {
        long started = System.nanoTime();
        server = new KafkaRaftServer(new KafkaConfig(properties(), false), Time.SYSTEM);
        server.startup();
        LOG.info("Embedded Kafka {} broker on {} (log dir {}) started in {} ms", "4.3.1", bootstrapServers(), logDir,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
