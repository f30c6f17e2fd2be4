package io.stockpulse.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus' own checker on deploy/prometheus/: the configuration, the alert rules, and the rule unit
 * tests (alerts_test.yml: each alert fires on its situation and not on the healthy one). promtool
 * comes from Debian's prometheus package ({@code .ci/run} installs it); {@code PROMTOOL} names
 * another binary. Outside CI a machine without it skips; in CI (CI=true) it fails.
 */
class PromtoolTest {

    private static String promtool() {
        String configured = System.getenv("PROMTOOL");
        return configured == null || configured.isBlank() ? "promtool" : configured;
    }

    private static boolean available() {
        try {
            return new ProcessBuilder(promtool(), "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String... args) throws Exception {
        boolean present = available();
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "promtool not found; install Debian's prometheus package or set PROMTOOL");
        }
        assertThat(present).as("promtool (Debian package prometheus) is installed").isTrue();
        List<String> command = new java.util.ArrayList<>(List.of(promtool()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(DeployEnv.DEPLOY.resolve("prometheus").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }

    @Test
    void configurationIsValid() throws Exception {
        assertThat(run("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        int rules = 0;
        for (var group : DeployEnv.yaml("prometheus/alerts.yml").get("groups")) {
            rules += group.get("rules").size();
        }
        assertThat(rules).as("alerts.yml's rules").isGreaterThanOrEqualTo(8);
        assertThat(run("check", "rules", "alerts.yml")).contains("SUCCESS: " + rules + " rules found");
    }

    @Test
    void alertRuleUnitTestsPass() throws Exception {
        assertThat(run("test", "rules", "alerts_test.yml")).contains("SUCCESS");
    }
}
