package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Operations: OpenAPI contract, Swagger UI, health, Prometheus exposition (checked in-process, and by promtool where installed), catalog. */
@H2ServiceTest
class OpsIntegrationTests {

    static final Path CONTRACT = Path.of("openapi", "crossbar-lab.json");

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static String canonical(JsonNode node) {
        JsonMapper m = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        Object tree = m.convertValue(node, java.util.Map.class);
        return m.writeValueAsString(tree) + "\n";
    }

    /**
     * The committed spec is the contract. To accept a deliberate change of the API, regenerate it with
     * {@code ./mvnw test -Dtest=OpsIntegrationTests -Dopenapi.update=true} and commit the file.
     */
    @Test
    void liveOpenApiMatchesTheCommittedContract() throws Exception {
        Api.Response r = api.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode live = r.json();
        ((tools.jackson.databind.node.ObjectNode) live).remove("servers"); // random port
        String liveText = canonical(live);
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(CONTRACT.getParent());
            Files.writeString(CONTRACT, liveText);
        }
        assertThat(CONTRACT).exists();
        assertThat(liveText)
                .as("live /v3/api-docs differs from %s; regenerate with -Dopenapi.update=true if intended", CONTRACT)
                .isEqualTo(Files.readString(CONTRACT));
    }

    @Test
    void everySchemaPropertyIsDescribed() {
        JsonNode schemas = api.get("/v3/api-docs").json().get("components").get("schemas");
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (var e : schemas.properties()) {
            if (e.getKey().equals("ProblemDetail")) {
                continue; // Spring's own type
            }
            JsonNode props = e.getValue().get("properties");
            if (props == null) {
                continue;
            }
            for (var p : props.properties()) {
                JsonNode d = p.getValue().get("description");
                if (d == null || d.asString().isBlank()) {
                    missing.add(e.getKey() + "." + p.getKey());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The actuator shows health and Prometheus only: nothing that tells an outsider about the node. */
    @Test
    void onlyHealthAndPrometheusAreExposed() {
        for (String hidden : List.of("info", "metrics", "env", "beans", "configprops", "loggers", "threaddump")) {
            Api.Response r = api.get("/actuator/" + hidden);
            assertThat(r.status()).as(hidden).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    /** Every statement the service runs carries a timeout, so no request holds the database for long. */
    @Test
    void everyStatementHasATimeout() {
        assertThat(jdbcTemplate.getQueryTimeout()).isEqualTo(30);
    }

    @Test
    void swaggerUiAndHealthAnswer() {
        Api.Response ui = api.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
        assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /** The exposition after a finished job, so that every crossbar_ family has samples. */
    String expositionAfterAJob() {
        Api.Response sub = api.post("/api/v1/jobs", Api.tinyJob(""));
        api.awaitState(sub.json().get("id").asString(), "SUCCEEDED", Duration.ofSeconds(60));
        Api.Response r = api.get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.body();
    }

    @Test
    void prometheusExpositionIsWellFormedAndOurFamiliesFollowTheNamingRules() {
        String text = expositionAfterAJob();
        assertThat(text)
                .contains("crossbar_jobs_submitted_total", "crossbar_tiles_allocated", "crossbar_sim_pulses_total{");
        assertThat(text).doesNotContain("job_id=");
        ExpositionFormat f = ExpositionFormat.read(text);
        assertThat(f.errors()).as("format errors in the whole exposition").isEmpty();
        assertThat(f.lint("crossbar_")).as("naming problems in our families").isEmpty();
        assertThat(f.families().get("crossbar_job_run_seconds").type()).isEqualTo("histogram");
        assertThat(f.families().get("crossbar_jobs_submitted_total").type()).isEqualTo("counter");
    }

    /**
     * Prometheus' own checker, where it is installed ({@code .ci/run} installs Debian's {@code
     * prometheus}); reported as skipped, never failed, on a machine without it.
     */
    @Test
    void prometheusExpositionPassesPromtoolWhereItIsInstalled() throws Exception {
        String promtool = System.getenv().getOrDefault("PROMTOOL", "promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                onPath(promtool), "promtool is not installed; the in-process check ran instead");
        String text = expositionAfterAJob();
        // Our own families must pass promtool with no finding at all.
        String ours = text.lines()
                .filter(l -> l.startsWith("crossbar_")
                        || l.startsWith("# HELP crossbar_")
                        || l.startsWith("# TYPE crossbar_"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        PromtoolRun own = promtool(promtool, ours);
        assertThat(own.exit()).as(own.output()).isZero();
        // The whole exposition must parse; the lint findings promtool reports there belong to
        // third-party meters (Tomcat, JVM), never to a crossbar_ family.
        PromtoolRun all = promtool(promtool, text);
        assertThat(all.output()).doesNotContain("error while").doesNotContain("crossbar_");
    }

    static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    record PromtoolRun(int exit, String output) {}

    static PromtoolRun promtool(String promtool, String exposition) throws Exception {
        Path file = Files.createTempFile("metrics", ".prom");
        Files.writeString(file, exposition);
        Process p = new ProcessBuilder(promtool, "check", "metrics")
                .redirectInput(file.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new PromtoolRun(
                p.exitValue(), new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void estimatesEndpointReproducesThePaperOnTheReferenceWorkloadAndEstimatesNetworks() {
        Api.Response ref = api.post("/api/v1/estimates", "{\"hardware\": {\"preset\": \"ambrogio-2018\"}}");
        assertThat(ref.status()).as(ref.body()).isEqualTo(200);
        assertThat(ref.json().get("energyEfficiencyGopsPerWatt").asDouble())
                .isCloseTo(28_065, org.assertj.core.api.Assertions.within(280.65));
        assertThat(ref.json().get("throughputPerAreaTopsPerMm2").asDouble())
                .isCloseTo(3.6, org.assertj.core.api.Assertions.within(0.036));
        assertThat(ref.json().get("phases").get("transfer").get("energyJoules").asDouble())
                .isPositive();
        assertThat(ref.json().get("gpu").get("energyEfficiencyRatio").asDouble())
                .isGreaterThan(100);
        Api.Response net = api.post("/api/v1/estimates", "{\"network\": {\"layers\": [784, 250, 10]}}");
        assertThat(net.status()).isEqualTo(200);
        assertThat(net.json().get("tiles").asInt()).isEqualTo(3);
        assertThat(net.json().get("opsPerExample").asDouble()).isEqualTo(2.0 * (785 * 250 * 2 + 251 * 10 * 3));
        Api.Response hot =
                api.post("/api/v1/estimates", "{\"hardware\": {\"overrides\": {\"readVoltageVolts\": 0.4}}}");
        assertThat(hot.json().get("energyEfficiencyGopsPerWatt").asDouble())
                .isLessThan(ref.json().get("energyEfficiencyGopsPerWatt").asDouble());
        Api.Response bad = api.post("/api/v1/estimates", "{\"hardware\": {\"overrides\": {\"readVoltageVolts\": 9}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").toString())
                .contains("hardware.overrides.readVoltageVolts", "between 0.01 and 2 V");
    }

    @Test
    void catalogListsPresetsWithSourcesAndDatasets() {
        JsonNode presets = api.get("/api/v1/presets").json();
        assertThat(presets.size()).isGreaterThanOrEqualTo(3);
        JsonNode ambrogio = api.get("/api/v1/presets/ambrogio-2018").json();
        assertThat(ambrogio.get("scheme").asString()).isEqualTo("PCM_3T1C");
        JsonNode offset = null;
        for (JsonNode p : ambrogio.get("device")) {
            if (p.get("name").asString().equals("transferOffsetMicrosiemens")) {
                offset = p;
            }
        }
        assertThat(offset).isNotNull();
        assertThat(offset.get("value").asDouble()).isEqualTo(2.0);
        assertThat(offset.get("unit").asString()).isEqualTo("uS");
        assertThat(offset.get("source").asString()).isEqualTo("PAPER");
        assertThat(ambrogio.get("hardware").size()).isPositive();
        assertThat(api.get("/api/v1/presets/nope").status()).isEqualTo(404);
        JsonNode datasets = api.get("/api/v1/datasets").json();
        assertThat(datasets.toString())
                .contains("\"name\":\"mnist-10k\"", "\"available\":true", "\"name\":\"fashion-mnist\"");
        JsonNode nodes = api.get("/api/v1/nodes").json();
        assertThat(nodes.get(0).get("id").asString()).isEqualTo("h2-node");
        assertThat(nodes.get(0).get("tiles").asInt()).isEqualTo(16);
        assertThat(nodes.get(0).get("alive").asBoolean()).isTrue();
    }
}
