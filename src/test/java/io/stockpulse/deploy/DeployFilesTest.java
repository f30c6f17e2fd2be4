package io.stockpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockpulse.topics.TopicLayout;
import io.stockpulse.topics.TopicNames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static io.stockpulse.deploy.DeployEnv.text;
import static io.stockpulse.deploy.DeployEnv.yaml;
import static io.stockpulse.deploy.DeployEnv.yamlDocuments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose.yaml, deploy/Dockerfile and deploy/k8s/ against the code: environment variables name
 * real settings, ports and probes meet the HTTP port, the state directory is on the volume, the
 * topics are StockPulse's.
 */
class DeployFilesTest {

    /** The default of {@code http.port} (the app's HTTP server: /metrics, /health/*, /api/*). */
    static final int HTTP_PORT = 8080;
    static final String STATE_DIR = "/var/lib/stockpulse";
    static final List<String> STOCKPULSE_SERVICES = List.of("stockpulse-1", "stockpulse-2");
    static final String STRIMZI_CA_SUFFIX = "-cluster-ca-cert";
    static final String SEED_SCRIPT = "/app/seed-models.sh";

    @Test
    void composeHasTheStackWithSupportedImages() {
        JsonNode services = yaml("compose.yaml").get("services");
        assertThat(fieldNames(services)).contains("kafka", "topics", "registry", "prometheus", "grafana", "stockpulse-1",
                "stockpulse-2");
        String kafka = services.get("kafka").get("image").asText();
        assertThat(kafka).startsWith("apache/kafka:");
        String[] version = kafka.substring("apache/kafka:".length()).split("\\.");
        assertThat(Integer.parseInt(version[0]) * 100 + Integer.parseInt(version[1])).as("Kafka 4.1+").isGreaterThanOrEqualTo(401);
        assertThat(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(services.get("registry").get("image").asText()).startsWith("apicurio/apicurio-registry:3.");
    }

    @Test
    void composeInstancesUseRealSettingsAndReachKafkaAndTheRegistry() {
        JsonNode services = yaml("compose.yaml").get("services");
        String advertised = services.get("kafka").get("environment").get("KAFKA_ADVERTISED_LISTENERS").asText();
        for (String name : STOCKPULSE_SERVICES) {
            JsonNode service = services.get(name);
            JsonNode env = service.get("environment");
            assertEnvNamesValid("compose " + name, fieldNames(env));
            assertThat(advertised).as("Kafka listener for " + name).contains("://" + env.get("STOCKPULSE_BOOTSTRAP_SERVERS").asText());
            assertThat(env.get("STOCKPULSE_SCHEMA_REGISTRY_URL").asText()).isEqualTo("http://registry:8080/apis/ccompat/v7");
            assertThat(env.get("STOCKPULSE_HTTP_PORT").asInt()).isEqualTo(HTTP_PORT);
            assertThat(env.get("STOCKPULSE_HTTP_ADVERTISED_HOST").asText()).as("other instances reach it by its service name")
                    .isEqualTo(name);
            assertThat(service.get("ports").get(0).asText()).endsWith(":" + HTTP_PORT);
            assertThat(service.get("volumes").get(0).asText()).endsWith(":" + env.get("STOCKPULSE_STATE_DIR").asText());
            assertThat(service.get("command").toString()).contains("run", "--no-create-topics");
            assertThat(service.get("build").get("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
        }
    }

    @Test
    void composeCreatesExactlyTheExternalTopicsOfTheCatalog() {
        String script = yaml("compose.yaml").get("services").get("topics").get("command").get(0).asText();
        Map<String, TopicLayout.Spec> created = new HashMap<>();
        Matcher m = Pattern.compile("--topic (\\S+) --partitions (\\d+)((?: --config \\S+=[^\\s;]+)*)").matcher(script);
        while (m.find()) {
            Map<String, String> configs = new HashMap<>();
            for (String config : m.group(3).split(" --config ")) {
                if (!config.isBlank()) {
                    configs.put(config.substring(0, config.indexOf('=')).trim(), config.substring(config.indexOf('=') + 1));
                }
            }
            created.put(m.group(1), new TopicLayout.Spec(m.group(1), Integer.parseInt(m.group(2)), configs, false));
        }
        assertThat(script.split("--topic ", -1)).as("every --topic parsed").hasSize(created.size() + 1);
        assertThat(created.values()).containsExactlyInAnyOrderElementsOf(externalTopics());
    }

    @Test
    void strimziTopicsAreExactlyTheExternalTopicsOfTheCatalog() {
        Map<String, String> config = configMap();
        List<TopicLayout.Spec> declared = new ArrayList<>();
        for (JsonNode topic : yamlDocuments("k8s/topics.yaml")) {
            assertThat(topic.get("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(topic.get("apiVersion").asText()).startsWith("kafka.strimzi.io/");
            assertThat(topic.get("metadata").get("labels").get("strimzi.io/cluster").asText()).as("the cluster of the CA secret")
                    .isEqualTo(strimziCluster());
            JsonNode spec = topic.get("spec");
            assertThat(spec.get("replicas").asText()).isEqualTo(config.get("STOCKPULSE_REPLICATION_FACTOR"));
            Map<String, String> configs = new HashMap<>();
            spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            declared.add(new TopicLayout.Spec(spec.get("topicName").asText(), spec.get("partitions").asInt(), configs, false));
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(externalTopics());
    }

    /** The catalog's external topics at the deployments' 6 partitions (the StatefulSet check below uses 6 too). */
    private static List<TopicLayout.Spec> externalTopics() {
        List<TopicLayout.Spec> external = TopicLayout.external(TopicNames.defaults(), TopicNames.DEFAULT_APPLICATION_ID, 6);
        assertThat(external).as("the catalog").hasSizeGreaterThanOrEqualTo(9)
                .allMatch(spec -> spec.name().startsWith("inventory."));
        return external;
    }

    /** The Strimzi cluster name, from the CA secret the pods mount: Strimzi names it {@code <cluster>-cluster-ca-cert}. */
    private static String strimziCluster() {
        JsonNode volumes = yaml("k8s/statefulset.yaml").get("spec").get("template").get("spec").get("volumes");
        String secret = StreamSupport.stream(volumes.spliterator(), false).filter(v -> v.has("secret"))
                .map(v -> v.get("secret").get("secretName").asText()).findFirst().orElseThrow();
        assertThat(secret).as("Strimzi's cluster CA secret").endsWith(STRIMZI_CA_SUFFIX);
        return secret.substring(0, secret.length() - STRIMZI_CA_SUFFIX.length());
    }

    @Test
    void kubernetesUsesStrimzisNamesForTheCaAndTheBootstrapService() {
        String cluster = strimziCluster();
        assertThat(cluster).isNotBlank();
        assertThat(configMap().get("STOCKPULSE_BOOTSTRAP_SERVERS")).startsWith(cluster + "-kafka-bootstrap.");
        assertThat(configMap().get("STOCKPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION")).as("Strimzi's key in the CA secret")
                .endsWith("/ca.crt");
    }

    @Test
    void prometheusOperatorResourcesCarryTheLabelKubePrometheusStackSelects() {
        for (String file : List.of("k8s/servicemonitor.yaml", "k8s/prometheusrule.yaml")) {
            assertThat(yaml(file).get("metadata").get("labels").path("release").asText()).as(file)
                    .isEqualTo("kube-prometheus-stack");
        }
    }

    @Test
    void kubernetesMountsASharedModelVolumeAsTheModelDirectory() {
        JsonNode podSpec = yaml("k8s/statefulset.yaml").get("spec").get("template").get("spec");
        JsonNode mount = StreamSupport.stream(podSpec.get("containers").get(0).get("volumeMounts").spliterator(), false)
                .filter(m -> m.get("name").asText().equals("models")).findFirst().orElseThrow();
        assertThat(configMap().get("STOCKPULSE_FORECAST_MODEL_DIR")).startsWith(mount.get("mountPath").asText() + "/");
        JsonNode volume = StreamSupport.stream(podSpec.get("volumes").spliterator(), false)
                .filter(v -> v.get("name").asText().equals("models")).findFirst().orElseThrow();
        JsonNode claim = yaml("k8s/models-pvc.yaml");
        assertThat(volume.get("persistentVolumeClaim").get("claimName").asText()).isEqualTo(claim.get("metadata").get("name").asText());
        assertThat(claim.get("spec").get("accessModes").toString()).as("shared by the pods").contains("ReadWriteMany");
        List<String> resources = new ArrayList<>();
        yaml("k8s/kustomization.yaml").get("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).contains("models-pvc.yaml");
        JsonNode seed = podSpec.get("initContainers").get(0);
        assertThat(seed.get("command").toString()).contains(SEED_SCRIPT, mount.get("mountPath").asText());
        assertThat(text("Dockerfile")).contains("deploy/seed-models.sh " + SEED_SCRIPT)
                .contains("COPY src/main/resources/models/demand-lstm /app/models/demand-lstm");
        assertThat(text("seed-models.sh")).contains("/app/models/demand-lstm", "$volume/versions");
        assertThat(configMap().get("STOCKPULSE_FORECAST_MODEL_DIR")).endsWith("/versions");
    }

    @Test
    void composeHostPortsAreDistinctAndAvoidTheSchemaRegistrysPort() {
        JsonNode services = yaml("compose.yaml").get("services");
        List<String> hostPorts = new ArrayList<>();
        services.forEach(service -> service.path("ports").forEach(p -> hostPorts.add(p.asText().split(":")[0])));
        assertThat(hostPorts).doesNotHaveDuplicates().doesNotContain("8081").hasSizeGreaterThanOrEqualTo(6);
        for (String name : STOCKPULSE_SERVICES) {
            JsonNode service = services.get(name);
            List<String> volumes = new ArrayList<>();
            service.get("volumes").forEach(v -> volumes.add(v.asText()));
            String modelMount = volumes.stream().filter(v -> v.startsWith("models:")).findFirst().orElseThrow().split(":")[1];
            assertThat(service.get("environment").get("STOCKPULSE_FORECAST_MODEL_DIR").asText()).startsWith(modelMount + "/");
            assertThat(service.get("depends_on").has("models")).isTrue();
        }
        assertThat(services.get("models").get("entrypoint").toString()).contains(SEED_SCRIPT);
    }

    @Test
    void prometheusScrapesEveryComposeInstanceOnItsHttpPort() {
        JsonNode scrape = yaml("prometheus/prometheus.yml").get("scrape_configs").get(0);
        assertThat(scrape.get("metrics_path").asText()).isEqualTo("/metrics");
        List<String> targets = new ArrayList<>();
        scrape.get("static_configs").get(0).get("targets").forEach(t -> targets.add(t.asText()));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(STOCKPULSE_SERVICES.stream().map(s -> s + ":" + HTTP_PORT).toList());
    }

    @Test
    void dockerfileRunsTheJarOnJava17AndExposesTheHttpPort() {
        String dockerfile = text("Dockerfile");
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                .contains("COPY target/stockpulse-linux-x86_64.jar /app/stockpulse.jar")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/stockpulse.jar\"]")
                .contains("CMD [\"run\"]")
                .containsPattern("(?m)^EXPOSE " + HTTP_PORT + "$")
                .contains("VOLUME [\"" + STATE_DIR + "\"]");
        Matcher env = Pattern.compile("\\b(STOCKPULSE_[A-Z0-9_]+)=(\\S+)").matcher(dockerfile);
        List<String> names = new ArrayList<>();
        while (env.find()) {
            names.add(env.group(1));
            if (env.group(1).equals("STOCKPULSE_STATE_DIR")) {
                assertThat(env.group(2)).isEqualTo(STATE_DIR);
            }
        }
        assertThat(names).contains("STOCKPULSE_STATE_DIR");
        assertEnvNamesValid("Dockerfile", names);
    }

    @Test
    void kubernetesStatefulSetHasStateVolumesProbesAndScrapeAnnotations() {
        JsonNode set = yaml("k8s/statefulset.yaml");
        assertThat(set.get("kind").asText()).isEqualTo("StatefulSet");
        JsonNode pod = set.get("spec").get("template");
        JsonNode container = pod.get("spec").get("containers").get(0);
        assertThat(container.get("args").toString()).contains("run");

        JsonNode port = container.get("ports").get(0);
        assertThat(port.get("name").asText()).isEqualTo("http");
        assertThat(port.get("containerPort").asInt()).isEqualTo(HTTP_PORT);
        Map<String, String> config = configMap();
        assertThat(Integer.parseInt(config.get("STOCKPULSE_HTTP_PORT"))).isEqualTo(HTTP_PORT);

        assertThat(container.get("livenessProbe").get("httpGet").get("path").asText()).isEqualTo("/health/live");
        assertThat(container.get("startupProbe").get("httpGet").get("path").asText()).isEqualTo("/health/live");
        assertThat(container.get("readinessProbe").get("httpGet").get("path").asText()).isEqualTo("/health/ready");
        for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
            assertThat(container.get(probe).get("httpGet").get("port").asText()).as(probe).isEqualTo("http");
        }

        JsonNode annotations = pod.get("metadata").get("annotations");
        assertThat(annotations.get("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.get("prometheus.io/port").asInt()).isEqualTo(HTTP_PORT);
        assertThat(annotations.get("prometheus.io/path").asText()).isEqualTo("/metrics");

        String claim = set.get("spec").get("volumeClaimTemplates").get(0).get("metadata").get("name").asText();
        JsonNode stateMount = StreamSupport.stream(container.get("volumeMounts").spliterator(), false)
                .filter(m -> m.get("name").asText().equals(claim)).findFirst().orElseThrow();
        assertThat(stateMount.get("mountPath").asText()).isEqualTo(config.get("STOCKPULSE_STATE_DIR")).isEqualTo(STATE_DIR);
        assertThat(pod.get("spec").get("securityContext").get("runAsUser").asInt()).as("the Dockerfile's user").isEqualTo(10001);
        // Every stream thread gets work only while instances x threads <= partitions (run's default is 6).
        int threads = Integer.parseInt(config.get("STOCKPULSE_NUM_STREAM_THREADS"));
        assertThat(set.get("spec").get("replicas").asInt() * threads).isLessThanOrEqualTo(6);
        assertThat(Integer.parseInt(config.get("STOCKPULSE_NUM_STANDBY_REPLICAS")))
                .isBetween(1, set.get("spec").get("replicas").asInt() - 1);
    }

    @Test
    void kubernetesPrometheusConfigurationKeepsThePodsAndReadsTheirAnnotations() {
        JsonNode pod = yaml("k8s/statefulset.yaml").get("spec").get("template").get("metadata");
        JsonNode scrape = yaml("prometheus/prometheus-kubernetes.yml").get("scrape_configs").get(0);
        assertThat(scrape.get("kubernetes_sd_configs").get(0).get("role").asText()).isEqualTo("pod");
        Map<String, String> keeps = new HashMap<>();
        List<String> sources = new ArrayList<>();
        scrape.get("relabel_configs").forEach(rule -> {
            String source = rule.get("source_labels").get(rule.get("source_labels").size() - 1).asText();
            sources.add(source);
            if (rule.path("action").asText().equals("keep")) {
                keeps.put(source, rule.get("regex").asText());
            }
        });
        // Prometheus' names for pod labels and annotations: non-alphanumerics become underscores
        assertThat(keeps).containsEntry("__meta_kubernetes_pod_label_app_kubernetes_io_name",
                pod.get("labels").get("app.kubernetes.io/name").asText());
        pod.get("annotations").fieldNames().forEachRemaining(annotation -> assertThat(sources)
                .contains("__meta_kubernetes_pod_annotation_" + annotation.replaceAll("[^a-zA-Z0-9]", "_")));
        assertThat(yaml("prometheus/prometheus-kubernetes.yml").get("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    }

    @Test
    void kubernetesHeadlessServiceBacksTheStatefulSetForInteractiveQueries() {
        JsonNode set = yaml("k8s/statefulset.yaml");
        JsonNode headless = yaml("k8s/service-headless.yaml");
        assertThat(set.get("spec").get("serviceName").asText()).isEqualTo(headless.get("metadata").get("name").asText());
        assertThat(headless.get("spec").get("clusterIP").asText()).isEqualTo("None");
        JsonNode podLabels = set.get("spec").get("template").get("metadata").get("labels");
        for (String file : List.of("k8s/service-headless.yaml", "k8s/service.yaml")) {
            JsonNode spec = yaml(file).get("spec");
            spec.get("selector").fields().forEachRemaining(e ->
                    assertThat(podLabels.path(e.getKey()).asText()).as(file + " selects the pods").isEqualTo(e.getValue().asText()));
            assertThat(spec.get("ports").get(0).get("targetPort").asText()).isEqualTo("http");
        }
        JsonNode env = set.get("spec").get("template").get("spec").get("containers").get(0).get("env");
        String advertised = StreamSupport.stream(env.spliterator(), false)
                .filter(e -> e.get("name").asText().equals("STOCKPULSE_HTTP_ADVERTISED_HOST")).findFirst().orElseThrow()
                .get("value").asText();
        assertThat(advertised).startsWith("$(POD_NAME)." + headless.get("metadata").get("name").asText() + ".");
        JsonNode monitor = yaml("k8s/servicemonitor.yaml").get("spec");
        monitor.get("selector").get("matchLabels").fields().forEachRemaining(e ->
                assertThat(headless.get("metadata").get("labels").path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(monitor.get("endpoints").get(0).get("path").asText()).isEqualTo("/metrics");
        assertThat(headless.get("metadata").get("labels").get(monitor.get("jobLabel").asText()).asText())
                .as("the job label the alert rules expect").isEqualTo("stockpulse");
    }

    @Test
    void kubernetesPrometheusRuleHasExactlyTheAlertRules() {
        JsonNode rule = yaml("k8s/prometheusrule.yaml");
        assertThat(rule.get("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.get("spec").get("groups")).isEqualTo(yaml("prometheus/alerts.yml").get("groups"));
    }

    @Test
    void everyKubernetesEnvironmentVariableNamesARealSetting() {
        List<String> names = new ArrayList<>(configMap().keySet());
        yaml("k8s/secret.example.yaml").get("stringData").fieldNames().forEachRemaining(names::add);
        yaml("k8s/statefulset.yaml").get("spec").get("template").get("spec").get("containers").get(0).get("env")
                .forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("STOCKPULSE_BOOTSTRAP_SERVERS", "STOCKPULSE_KAFKA_SASL_JAAS_CONFIG",
                "STOCKPULSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
        assertEnvNamesValid("deploy/k8s", names);
        List<String> resources = new ArrayList<>();
        yaml("k8s/kustomization.yaml").get("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).contains("statefulset.yaml", "service-headless.yaml", "configmap.yaml")
                .doesNotContain("secret.example.yaml");
        resources.forEach(r -> assertThat(yamlDocuments("k8s/" + r)).as(r).isNotEmpty());
    }

    @Test
    void theEnvironmentCheckRejectsUnknownNames() {
        assertThat(DeployEnv.problem("STOCKPULSE_NUM_STANDBY_REPLICAS")).isNull();
        assertThat(DeployEnv.problem("STOCKPULSE_KAFKA_CLIENT_TAG_ZONE")).isNull();
        assertThat(DeployEnv.problem("POD_NAME")).isNull();
        assertThat(DeployEnv.problem("STOCKPULSE_NUM_STANDBYS")).contains("names no key");
        assertThat(DeployEnv.problem("STOCKPULSE_KAFKA_SASL_JAAS")).contains("not a Kafka client setting");
    }

    private static Map<String, String> configMap() {
        Map<String, String> data = new HashMap<>();
        yaml("k8s/configmap.yaml").get("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static void assertEnvNamesValid(String where, Iterable<String> names) {
        List<String> problems = new ArrayList<>();
        names.forEach(n -> {
            String problem = DeployEnv.problem(n);
            if (problem != null) {
                problems.add(problem);
            }
        });
        assertThat(problems).as("environment variables of " + where).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
