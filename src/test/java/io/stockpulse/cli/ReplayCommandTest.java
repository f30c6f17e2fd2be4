package io.stockpulse.cli;

import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.replay.RetailEventMapperTest;
import io.stockpulse.topics.TopicNames;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option parsing and validation of {@code stockpulse replay}; running it needs a broker (the lead's IT). */
class ReplayCommandTest {

    private static ReplayCommand parse(String... args) {
        ReplayCommand command = new ReplayCommand();
        command.env = name -> null;
        command.environment = Map.of();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static String data() {
        return RetailEventMapperTest.sample().toString();
    }

    @Test
    void defaults() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "localhost:9092",
                "--schema-registry-url", "http://registry:8081");
        Replayer.Options options = command.options();
        assertThat(options.speed()).isZero();
        assertThat(options.limit()).isZero();
        assertThat(options.progress()).isTrue();
        assertThat(options.mapping()).isEqualTo(RetailEventMapper.Settings.defaults());
        assertThat(options.costRatio()).as("unit costs from the prices, as simulate").isEqualTo(0.6);
        assertThat(command.registryUrl()).isEqualTo("http://registry:8081");
        assertThat(command.noSupplier).isFalse();
        assertThat(command.settle).hasSeconds(10);
    }

    @Test
    void everyOption() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "b:9092", "--schema-registry-url", "mock://x",
                "--speed", "86400", "--from", "2010-01-01", "--to", "2010-06-30T12:00", "--limit", "20000",
                "--location", "DC-1", "--opening-cover-days", "14.5", "--no-progress", "--no-supplier",
                "--lead-time-mean-days", "5", "--lead-time-std-days", "1", "--seed", "7", "--settle", "PT2S",
                "--cost-ratio", "0.45",
                "-D", "kafka.security.protocol=SSL", "-D", "basic.auth.user.info=u:p");
        Replayer.Options options = command.options();
        assertThat(options.speed()).isEqualTo(86400);
        assertThat(options.limit()).isEqualTo(20000);
        assertThat(options.progress()).isFalse();
        assertThat(options.costRatio()).isEqualTo(0.45);
        assertThat(options.mapping()).isEqualTo(new RetailEventMapper.Settings("DC-1", 14.5,
                Instant.parse("2010-01-01T00:00:00Z"), Instant.parse("2010-06-30T12:00:00Z")));
        assertThat(command.clientProperties()).isEqualTo(Map.of("security.protocol", "SSL", "basic.auth.user.info", "u:p"));
        assertThat(command.noSupplier).isTrue();
        assertThat(command.leadTimeMeanDays).isEqualTo(5);
    }

    @Test
    void clientSettingsComeFromTheSameEnvironmentAsRunAndDashDWins() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "localhost:9092",
                "-D", "kafka.sasl.mechanism=SCRAM-SHA-512");
        command.environment = Map.of("STOCKPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "STOCKPULSE_KAFKA_SASL_MECHANISM", "PLAIN",
                "STOCKPULSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p",
                "STOCKPULSE_APPLICATION_ID", "not-a-client-setting");
        assertThat(command.clientProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "schema.registry.basic.auth.user.info", "u:p"));
    }

    @Test
    void topicNamesComeFromTheEnvironmentAndSetLikeRunsAndStayOutOfTheClients() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "b:9092",
                "--set", "topic.shipments=shop.shipments", "--set", "kafka.acks=all");
        command.environment = Map.of("STOCKPULSE_TOPIC_SALES", "shop.sales", "STOCKPULSE_TOPIC_SKU_POLICIES", "shop.policies");
        TopicNames names = command.topicNames("mock://replay-topics");
        assertThat(names.sales()).isEqualTo("shop.sales");
        assertThat(names.skuPolicies()).isEqualTo("shop.policies");
        assertThat(names.shipments()).isEqualTo("shop.shipments");
        assertThat(names.stockChanges()).isEqualTo(TopicNames.defaults().stockChanges());
        assertThat(command.clientProperties()).isEqualTo(Map.of("acks", "all"));
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b:9092", "--set", "topic.sales=")
                .topicNames("mock://replay-topics")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("topic.sales");
    }

    @Test
    void theBootstrapServersMayComeFromTheEnvironmentButAreRequired() {
        ReplayCommand command = parse("--data", data());
        assertThatThrownBy(command::bootstrapServers).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("STOCKPULSE_BOOTSTRAP_SERVERS");
        command.env = name -> name.equals("STOCKPULSE_BOOTSTRAP_SERVERS") ? "kafka:9092" : null;
        assertThat(command.bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void theDeprecatedPropertyOptionStillWorksAndSetWins() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "b:9092",
                "--property", "acks=1", "--property", "linger.ms=5", "--set", "acks=all");
        assertThat(command.clientProperties()).isEqualTo(Map.of("acks", "all", "linger.ms", "5"));
    }

    @Test
    void theRegistryUrlMayComeFromTheEnvironmentButIsRequired() {
        ReplayCommand command = parse("--data", data(), "--bootstrap-servers", "b:9092");
        assertThatThrownBy(command::registryUrl).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("STOCKPULSE_SCHEMA_REGISTRY_URL");
        command.env = name -> name.equals("STOCKPULSE_SCHEMA_REGISTRY_URL") ? "http://env-registry:8081" : null;
        assertThat(command.registryUrl()).isEqualTo("http://env-registry:8081");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> parse("--bootstrap-servers", "b:9092")).isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b", "--from", "yesterday").options())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--from");
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b", "--from", "2011-01-01",
                "--to", "2010-01-01").options()).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b", "--speed", "-1").options())
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b", "--limit", "0").options())
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--data", data(), "--bootstrap-servers", "b", "--cost-ratio", "-0.5").options())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--cost-ratio");
        assertThat(parse("--data", data(), "--bootstrap-servers", "b", "--cost-ratio", "0").options().costRatio())
                .as("0: no unit-cost policies").isZero();
        assertThatThrownBy(() -> parse("--data", "/no/such/file.csv", "--bootstrap-servers", "b").options())
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void missingRegistryEndsWithAUsageError() {
        ReplayCommand command = new ReplayCommand();
        command.env = name -> null;
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setErr(new PrintWriter(err))
                .execute("--data", data(), "--bootstrap-servers", "localhost:1");
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--schema-registry-url");
    }

    @Test
    void helpRenders() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).execute("--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("replay", "--data", "--speed", "--opening-cover-days", "--no-progress", "CC BY 4.0");
    }
}
