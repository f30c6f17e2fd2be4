package io.stockpulse.cli;

import io.stockpulse.embedded.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code stockpulse broker}: a single-node KRaft Kafka broker in this process, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run an in-process single-node KRaft Kafka broker (Apache Kafka 4.3.1).")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Listener port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "9092")
    int port;

    @Option(names = "--dir", description = "Log directory; kept across restarts (default: a new temporary directory).")
    Path dir;

    @Option(names = "--partitions", description = "Default partitions of new topics (default: ${DEFAULT-VALUE}).",
            defaultValue = "6")
    int partitions;

    @Override
    public Integer call() throws Exception {
        Path logDir = dir != null ? dir : Files.createTempDirectory("stockpulse-kafka-");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, port, partitions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.println("log dir: " + logDir + " (Ctrl-C stops the broker)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
