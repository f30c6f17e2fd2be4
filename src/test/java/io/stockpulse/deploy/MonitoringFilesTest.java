package io.stockpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.stockpulse.deploy.DeployEnv.DEPLOY;
import static io.stockpulse.deploy.DeployEnv.JSON;
import static io.stockpulse.deploy.DeployEnv.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus rules use only metrics of the contract
 * (deploy/metrics.txt) with their labels, cover what operators need, and are wired to each other.
 */
class MonitoringFilesTest {

    private final MetricContract contract = MetricContract.load();

    @Test
    void dashboardQueriesUseOnlyContractMetricsAndCoverTheEssentials() throws IOException {
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/dashboards/stockpulse.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("stockpulse");
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(t -> queries.add(t.get("expr").asText())));
        dashboard.get("templating").get("list").forEach(variable -> {
            if (variable.get("type").asText().equals("query")) {
                queries.add(variable.get("definition").asText());
            }
        });
        assertThat(queries).hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (String query : queries) {
            problems.addAll(contract.problems(query));
            used.addAll(MetricContract.metricNames(query));
        }
        assertThat(problems).isEmpty();
        assertThat(used).as("lag, throughput, alerts by kind, forecast error by model version, inference latency, state size")
                .contains("stockpulse_consumer_lag_records", "stockpulse_events_total", "stockpulse_alerts_total",
                        "stockpulse_forecast_wape_ratio", "stockpulse_forecast_mae", "stockpulse_inference_seconds_bucket",
                        "stockpulse_state_store_entries", "stockpulse_state_dir_bytes");
        assertThat(used).as("the JVM's memory, GC, CPU and threads; model loads and rejections")
                .contains("jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "process_cpu_usage",
                        "jvm_threads_live_threads", "stockpulse_model_loads_total");
        assertThat(used.stream().filter(m -> m.startsWith("kafka_stream_"))).as("Kafka Streams' own metrics").isNotEmpty();
    }

    @Test
    void alertRulesUseOnlyContractMetricsAndCoverTheFailureModes() {
        List<String> alerts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        yaml("prometheus/alerts.yml").get("groups").forEach(group -> group.get("rules").forEach(rule -> {
            alerts.add(rule.get("alert").asText());
            problems.addAll(contract.problems(rule.get("expr").asText()));
            assertThat(rule.get("labels").get("severity").asText()).isIn("warning", "critical");
            assertThat(rule.get("annotations").get("summary")).isNotNull();
        }));
        assertThat(problems).isEmpty();
        assertThat(alerts).contains("StockPulseConsumerLagGrowing", "StockPulseDeadLettersHigh",
                "StockPulseForecastErrorDrift", "StockPulseNotReady", "StockPulseModelRejected");
    }

    /** Prometheus' naming: base units in the name (_seconds, _bytes), fractions end in _ratio. */
    @Test
    void contractNamesFollowPrometheusConventions() {
        assertThat(contract.metrics.keySet()).isNotEmpty()
                .noneMatch(name -> name.matches(".*_(ms|millis|milliseconds|percent|kb|mb)(_total)?$"))
                .filteredOn(name -> name.matches("stockpulse_forecast_(wape|bias|p90_coverage).*"))
                .as("the forecast accuracy fractions").hasSize(3).allMatch(name -> name.endsWith("_ratio"));
        assertThat(contract.metrics.keySet()).contains("stockpulse_state_dir_bytes", "stockpulse_model_loads_total");
        assertThat(contract.histograms).contains("stockpulse_inference_seconds");
    }

    @Test
    void theMetricScanFindsMetricsAndRejectsUnknownOnes() {
        assertThat(MetricContract.metricNames("sum by (topic) (rate(foo_total{a=\"b(c)\"}[5m] offset 1d)) / bar > 1e-9"))
                .containsExactly("foo_total", "bar");
        assertThat(MetricContract.metricNames("label_values(stockpulse_ready, instance)")).containsExactly("stockpulse_ready");
        assertThat(contract.problems("rate(stockpulse_events_total{kind=\"sale\"}[5m])")).isEmpty();
        assertThat(contract.problems("rate(stockpulse_event_total[5m])")).singleElement().asString().contains("unknown metric");
        assertThat(contract.problems("stockpulse_ready{topic=\"x\"}")).singleElement().asString().contains("no label topic");
        assertThat(contract.problems("kafka_stream_thread_poll_rate{anything=\"x\"}")).isEmpty();
    }

    @Test
    void grafanaProvisioningPointsAtComposePrometheusAndTheDashboardMount() {
        JsonNode datasource = yaml("grafana/provisioning/datasources/prometheus.yml").get("datasources").get(0);
        assertThat(datasource.get("type").asText()).isEqualTo("prometheus");
        JsonNode compose = yaml("compose.yaml").get("services");
        assertThat(compose.get("prometheus").get("ports").get(0).asText()).endsWith(":9090");
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");

        String path = yaml("grafana/provisioning/dashboards/stockpulse.yml").get("providers").get(0).get("options")
                .get("path").asText();
        List<String> grafanaVolumes = new ArrayList<>();
        compose.get("grafana").get("volumes").forEach(v -> grafanaVolumes.add(v.asText()));
        assertThat(grafanaVolumes).contains("./grafana/dashboards:" + path + ":ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");
        List<String> prometheusVolumes = new ArrayList<>();
        compose.get("prometheus").get("volumes").forEach(v -> prometheusVolumes.add(v.asText()));
        assertThat(prometheusVolumes).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(yaml("prometheus/prometheus.yml").get("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    }
}
