package io.stockpulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code run}'s options parse: the negatable {@code --create-topics} in its three spellings. */
class RunCommandOptionsTest {

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void topicsAreCreatedByDefaultAndWithTheFlag() {
        assertThat(parse().createTopics).isTrue();
        assertThat(parse("--create-topics").createTopics).isTrue();
    }

    @Test
    void noCreateTopicsTurnsCreationOff() {
        assertThat(parse("--no-create-topics").createTopics).isFalse();
    }
}
