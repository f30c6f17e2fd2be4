package io.stockpulse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the Kafka cluster for its id before a command builds anything on it. Without this, an
 * unreachable cluster shows as a minute of client warnings and a bare TimeoutException; with it, the
 * command stops within the given time with one line naming the servers and the setting to fix.
 */
public final class BrokerCheck {

    /** Logs a warning per failed connection attempt: the one line of {@link Unreachable} says it better. */
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

    private BrokerCheck() {
    }

    /** The cluster did not answer; the message is meant for the user as it is. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /**
     * Returns when the cluster at {@code bootstrapServers} answers within {@code timeout}, else throws
     * {@link Unreachable}. {@code clientProps} carry the security settings the cluster may need.
     */
    public static void requireReachable(String bootstrapServers, Map<String, ?> clientProps, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Logger network = (Logger) LoggerFactory.getLogger(NETWORK_CLIENT);
        Level level = network.getLevel();
        network.setLevel(Level.ERROR);
        Admin admin = null;
        try {
            admin = Admin.create(props);
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, timeout, "no answer");
        } catch (ExecutionException e) {
            throw unreachable(bootstrapServers, timeout, e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    || e.getCause() == null ? "no answer" : e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(bootstrapServers, timeout, "interrupted");
        } catch (KafkaException e) {
            throw unreachable(bootstrapServers, timeout, e.getMessage());
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            network.setLevel(level);
        }
    }

    private static Unreachable unreachable(String servers, Duration timeout, String why) {
        return new Unreachable("Cannot reach the Kafka cluster at " + servers + " within " + timeout.toSeconds()
                + " s (" + why + "): check that it runs and that the bootstrap servers are right");
    }
}
