package io.stockpulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stockpulse -V} says the pom's version: one version everywhere. */
class StockPulseVersionTest {

    private static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>stockpulse</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("the project's version in pom.xml").isTrue();
        return m.group(1);
    }

    @Test
    void dashVPrintsThePomsVersion() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = StockPulseCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("-V")).isZero();
        assertThat(out.toString().strip()).isEqualTo("StockPulse " + pomVersion());
        assertThat(StockPulseVersion.version()).doesNotContain("${");
    }
}
