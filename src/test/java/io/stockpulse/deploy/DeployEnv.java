package io.stockpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stockpulse.app.StockPulseConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading deploy/ files, and which STOCKPULSE_* environment variables StockPulse understands. */
final class DeployEnv {

    static final Path DEPLOY = Path.of("deploy");
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Kafka Streams' client tags for rack-aware standby placement: {@code client.tag.<name>}. */
    private static final String CLIENT_TAG_PREFIX = StreamsConfig.CLIENT_TAG_PREFIX;

    private DeployEnv() {
    }

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(DEPLOY.resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/" + relative + " is not valid YAML", e);
        }
    }

    /** All documents of a multi-document YAML file. */
    static List<JsonNode> yamlDocuments(String relative) {
        try (var parser = new YAMLFactory().createParser(DEPLOY.resolve(relative).toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream().filter(n -> !n.isNull()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/" + relative + " is not valid YAML", e);
        }
    }

    static String text(String relative) {
        try {
            return Files.readString(DEPLOY.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable names of StockPulseConfig's keys, derived by the code's own rule. */
    static Set<String> configEnvNames() {
        Set<String> names = new HashSet<>();
        StockPulseConfig.definition().names().forEach(key -> names.add(StockPulseConfig.envName(key)));
        return names;
    }

    /** Kafka client settings a {@code STOCKPULSE_KAFKA_*} variable may name (Streams and its clients). */
    static Set<String> kafkaClientKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }

    /** Null when StockPulse understands {@code name}; otherwise why not. */
    static String problem(String name) {
        if (!name.startsWith(StockPulseConfig.ENV_PREFIX)) {
            return null; // not ours (POD_NAME, JAVA_TOOL_OPTIONS, ...)
        }
        String kafkaEnvPrefix = StockPulseConfig.ENV_PREFIX + "KAFKA_";
        if (name.startsWith(kafkaEnvPrefix)) {
            // the rule of StockPulseConfig.load: lower case, underscores become dots
            String key = name.substring(kafkaEnvPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return kafkaClientKeys().contains(key) || (key.startsWith(CLIENT_TAG_PREFIX) && key.length() > CLIENT_TAG_PREFIX.length())
                    ? null : name + " -> kafka." + key + " is not a Kafka client setting";
        }
        if (configEnvNames().contains(name)) {
            return null;
        }
        return name + " names no key of StockPulseConfig";
    }
}
