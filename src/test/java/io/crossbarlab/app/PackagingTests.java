package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Docker cannot run on the build machines, so the Dockerfile, docker-compose.yml and the Prometheus
 * and Grafana provisioning are checked by reading them and cross-checking ports, paths, credentials
 * and metric names against the application's own configuration.
 */
class PackagingTests {

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String path) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(Path.of(path)));
    }

    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // a YAML lookup: the caller names the type
    static <T> T at(Map<String, Object> m, String... keys) {
        Object o = m;
        for (String k : keys) {
            o = ((Map<String, Object>) o).get(k);
        }
        return (T) o;
    }

    /** The default profile's section of application.yml (the first YAML document). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> applicationDefaults() throws IOException {
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of("src/main/resources/application.yml")))) {
            return (Map<String, Object>) doc;
        }
        throw new AssertionError("empty application.yml");
    }

    @Test
    void composeWiresTheAppToPostgresAsTheApplicationExpects() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        Map<String, Object> app = at(compose, "services", "app");
        Map<String, Object> pg = at(compose, "services", "postgres");
        Map<String, Object> env = at(app, "environment");
        String appYml = Files.readString(Path.of("src/main/resources/application.yml"));

        assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
        assertThat(appYml)
                .contains(
                        "on-profile: postgres",
                        "${CROSSBAR_DB_URL",
                        "${CROSSBAR_DB_USER",
                        "${CROSSBAR_DB_PASSWORD",
                        "${CROSSBAR_NODE_ID");
        Map<String, Object> pgEnv = at(pg, "environment");
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)")
                .matcher((String) env.get("CROSSBAR_DB_URL"));
        assertThat(url.matches()).isTrue();
        assertThat(url.group(1)).isEqualTo("postgres");
        assertThat(compose.get("services"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey(url.group(1));
        assertThat(url.group(2)).isEqualTo("5432");
        assertThat(url.group(3)).isEqualTo(pgEnv.get("POSTGRES_DB"));
        assertThat(env.get("CROSSBAR_DB_USER")).isEqualTo(pgEnv.get("POSTGRES_USER"));
        assertThat(env.get("CROSSBAR_DB_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));

        int serverPort = at(applicationDefaults(), "server", "port");
        List<String> ports = at(app, "ports");
        assertThat(ports).anyMatch(p -> p.endsWith(":" + serverPort));
    }

    @Test
    void prometheusScrapesTheActuatorEndpointTheAppExposes() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        List<String> volumes = at(compose, "services", "prometheus", "volumes");
        String mount = volumes.get(0).split(":", -1)[0];
        assertThat(Path.of(mount)).exists();
        Map<String, Object> prom = yaml(mount);
        Map<String, Object> job = ((List<Map<String, Object>>) at(prom, "scrape_configs")).get(0);
        String exposed = at(applicationDefaults(), "management", "endpoints", "web", "exposure", "include");
        assertThat(exposed).contains("prometheus");
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> targets = ((List<Map<String, List<String>>>) job.get("static_configs"))
                .get(0)
                .get("targets");
        int serverPort = at(applicationDefaults(), "server", "port");
        assertThat(targets).containsExactly("app:" + serverPort);
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndADashboardOfOurMetrics() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        List<String> volumes = at(compose, "services", "grafana", "volumes");
        for (String v : volumes) {
            assertThat(Path.of(v.split(":", -1)[0])).exists();
        }
        Map<String, Object> ds = ((List<Map<String, Object>>)
                        at(yaml("ops/grafana/provisioning/datasources/prometheus.yml"), "datasources"))
                .get(0);
        assertThat(ds.get("url")).isEqualTo("http://prometheus:9090");
        assertThat((List<String>) at(compose, "services", "prometheus", "ports"))
                .contains("9090:9090");
        Map<String, Object> provider = ((List<Map<String, Object>>)
                        at(yaml("ops/grafana/provisioning/dashboards/crossbar.yml"), "providers"))
                .get(0);
        String dashboardsPath = at(provider, "options", "path");
        assertThat(volumes).anyMatch(v -> v.endsWith(":" + dashboardsPath + ":ro"));

        JsonNode dashboard = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("ops/grafana/dashboards/crossbar-lab.json")));
        List<String> metrics = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode t : panel.get("targets")) {
                Matcher m = Pattern.compile("crossbar_[a-z_]+")
                        .matcher(t.get("expr").asString());
                while (m.find()) {
                    metrics.add(m.group());
                }
            }
        }
        // every series the dashboard queries is one the service exports (see SchedulerMetrics)
        assertThat(metrics)
                .isNotEmpty()
                .allMatch(name -> List.of(
                                "crossbar_jobs",
                                "crossbar_job_queue_wait_seconds_bucket",
                                "crossbar_job_run_seconds_bucket",
                                "crossbar_tiles_allocated",
                                "crossbar_tiles_capacity",
                                "crossbar_sim_examples_total",
                                "crossbar_sim_pulses_total")
                        .contains(name));
        // crossbar_jobs counts the whole database and every node reports it: a sum over nodes over-counts
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode t : panel.get("targets")) {
                assertThat(t.get("expr").asString()).doesNotContainPattern("sum[^(]*\\(\\s*crossbar_jobs\\b");
            }
        }
        assertThat(dashboard.toString())
                .contains("Jobs by state", "Queue wait", "Run time", "Tile utilisation", "examples per second");
    }

    @Test
    void theDockerBuildContextLeavesOutBuildOutputDataAndHistory() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignored).contains("target/", "data/", ".git/");
        // and keeps what the Dockerfile copies
        for (String copied : List.of(".mvn", "mvnw", "pom.xml", "src")) {
            assertThat(ignored).doesNotContain(copied, copied + "/");
        }
    }

    @Test
    void dockerfileBuildsInStagesAndRunsAsNonRootWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2);
        String text = String.join("\n", lines);
        assertThat(text).contains("COPY --from=build /src/target/crossbar-lab.jar");
        assertThat(lines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        int serverPort = at(applicationDefaults(), "server", "port");
        assertThat(text).contains("EXPOSE " + serverPort);
        assertThat(text).containsPattern("HEALTHCHECK[\\s\\S]*http://127.0.0.1:" + serverPort + "/actuator/health");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>crossbar-lab</finalName>");
    }
}
