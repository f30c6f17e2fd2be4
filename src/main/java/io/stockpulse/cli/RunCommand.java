package io.stockpulse.cli;

import io.stockpulse.app.BrokerCheck;
import io.stockpulse.app.ConfigLog;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code stockpulse run}: connect to a cluster and a registry and monitor until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitor against a Kafka cluster and a schema registry.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, description = "Properties file; STOCKPULSE_* environment variables override it.")
    Path configFile;

    @Option(names = {"-D", "--set"}, description = "Override one setting: key=value (repeatable).")
    Map<String, String> overrides = new HashMap<>();

    // A negatable option that defaults to true needs fallbackValue "true" too (picocli's rule): without it
    // picocli inverted the default for each form, so --no-create-topics created topics (RunCommandOptionsTest).
    @Option(names = "--create-topics", description = "Create missing StockPulse topics at start-up (default: ${DEFAULT-VALUE}); "
                    + "the internal <application.id>-* ones the instance creates either way.",
            defaultValue = "true", fallbackValue = "true", negatable = true)
    boolean createTopics;

    @picocli.CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = "--partitions", description = "Partitions of topics created at start-up (default: ${DEFAULT-VALUE}).",
            defaultValue = "6")
    int partitions;

    @Override
    public Integer call() throws Exception {
        StockPulseConfig config;
        try {
            config = StockPulseConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException invalid) {
            System.err.println("Invalid configuration: " + invalid.getMessage());
            return 2;
        }
        LOG.info("Configuration (secrets hidden):{}", ConfigLog.describe(config));
        BrokerCheck.requireReachable(String.join(",", config.getList(StockPulseConfig.BOOTSTRAP_SERVERS)),
                config.clientOverrides(), Duration.parse(config.getString(StockPulseConfig.BROKER_CONNECT_TIMEOUT)));
        if (createTopics) {
            TopicAdmin.ensureTopics(config, partitions);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        StockPulseApp app = new StockPulseApp(config);
        app.streams().setStateListener((now, before) -> {
            LOG.info("Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "stockpulse-shutdown"));
        app.start();
        LOG.info("StockPulse running: application.id={}, bootstrap.servers={}",
                config.getString(StockPulseConfig.APPLICATION_ID), config.getList(StockPulseConfig.BOOTSTRAP_SERVERS));
        stopped.await();
        return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
