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
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, int port, int controllerPort, int defaultPartitions) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
    }

    /** Formats {@code logDir} if needed and starts a broker on {@code port} (0 = a free port). */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, port, 6);
    }

    public static EmbeddedKafkaBroker start(Path logDir, int port, int defaultPartitions) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, port == 0 ? freePort() : port, freePort(),
                defaultPartitions);
        broker.format();
        broker.startServer();
        return broker;
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

    public synchronized boolean isRunning() {
        return server != null;
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
            new Formatter()
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
