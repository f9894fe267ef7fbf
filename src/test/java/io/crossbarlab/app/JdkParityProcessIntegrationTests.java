package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Results are a pure function of spec, seed and simulator version, the same bits on every JDK the
 * project supports (release 17 bytecode, run on 17 and 25): the packaged jar's {@code simulate} runs
 * the same specs on the JDK running the tests and on every other JDK of another feature release
 * installed under {@code /usr/lib/jvm} (on these machines, Temurin 25 beside OpenJDK 17), and the
 * results must agree in every bit but the wall-clock timings. The service itself is started on each
 * other JDK too and runs one of the jobs to the same result; and a run checkpointed by a node on the
 * test JDK, killed, continues on a node of the other JDK (a cluster in the middle of a JDK upgrade)
 * to the same bits. On a machine with one JDK there is nothing to compare, and the tests are skipped.
 */
class JdkParityProcessIntegrationTests {

    static final Path JVM_DIR = Path.of(System.getProperty("crossbar.test.jvm-dir", "/usr/lib/jvm"));

    /**
     * Specs that between them take every path whose arithmetic could depend on the JVM: the three
     * schemes, per-cell coding and pulse trains, transfers with drift and leakage, inference after
     * training out to a year, two hidden layers with tanh, and dense inputs (MNIST-backrand).
     */
    static final Map<String, String> SPECS = specs();

    private static Map<String, String> specs() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("pcm-3t1c", """
                {"dataset": {"trainLimit": 1000, "testLimit": 300}, "network": {"layers": [784, 24, 10]},
                 "training": {"epochs": 2, "inferenceTimesSeconds": [1, 86400, 31536000]},
                 "device": {"scheme": "PCM_3T1C", "overrides": {"transferIntervalExamples": 400}}, "seed": 7}""");
        s.put("pcm-3t1c-trains-backrand", """
                {"dataset": {"name": "mnist-backrand", "trainLimit": 600, "testLimit": 200},
                 "network": {"layers": [784, 24, 10]}, "training": {"epochs": 2},
                 "device": {"scheme": "PCM_3T1C", "overrides": {"transferIntervalExamples": 250, "pulseTrainLength": 31}},
                 "seed": 8}""");
        s.put("pcm-pair", """
                {"dataset": {"trainLimit": 1000, "testLimit": 300}, "network": {"layers": [784, 24, 10]},
                 "training": {"epochs": 2}, "device": {"scheme": "PCM_PAIR"}, "seed": 9}""");
        s.put("floating-point-deep-tanh", """
                {"dataset": {"trainLimit": 1000, "testLimit": 300},
                 "network": {"layers": [784, 32, 16, 10], "activation": "tanh"},
                 "training": {"epochs": 2, "learningRate": 0.05}, "device": {"scheme": "FLOATING_POINT"}, "seed": 10}""");
        return s;
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A JDK under {@link #JVM_DIR}: its {@code java} and feature release (from its {@code release} file). */
    record Jdk(int feature, Path java) {}

    /** One JDK per feature release other than the running one's, at least 17. */
    static List<Jdk> otherJdks() throws IOException {
        int running = Runtime.version().feature();
        Map<Integer, Jdk> byFeature = new TreeMap<>();
        if (!Files.isDirectory(JVM_DIR)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(JVM_DIR)) {
            for (Path home : homes.sorted().toList()) {
                Path java = home.resolve("bin/java");
                Path release = home.resolve("release");
                if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
                    continue;
                }
                Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                        .matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find()) {
                    int feature = Integer.parseInt(m.group(1));
                    if (feature >= 17 && feature != running) {
                        byFeature.putIfAbsent(feature, new Jdk(feature, java.toRealPath()));
                    }
                }
            }
        }
        return new ArrayList<>(byFeature.values());
    }

    /** {@code java -jar crossbar-lab.jar simulate --spec F --json} on the given java: the result JSON. */
    JsonNode simulate(String java, String name, String spec) throws Exception {
        Path specFile = dir.resolve(name + ".json");
        Files.writeString(specFile, spec);
        Path out = dir.resolve(name + "-" + System.nanoTime() + ".out");
        Path err = dir.resolve(name + "-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        NodeProcess.JAR.toString(),
                        "simulate",
                        "--spec",
                        specFile.toString(),
                        "--json")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(java + " simulate " + name + " timed out");
        }
        assertThat(p.exitValue())
                .as(java + " simulate " + name + ":\n" + Files.readString(err))
                .isZero();
        return JSON.readTree(Files.readString(out));
    }

    /** The result without what the wall clock measures (run time, examples per second, epoch seconds). */
    static JsonNode withoutTimings(JsonNode result) {
        ObjectNode r = (ObjectNode) result.deepCopy();
        r.remove(List.of("wallSeconds", "trainExamplesPerSecond", "evaluationSeconds"));
        for (JsonNode epoch : r.get("epochs")) {
            ((ObjectNode) epoch).remove("seconds");
        }
        return r;
    }

    @Test
    void everySpecGivesTheSameBitsOnEveryInstalledJdk() throws Exception {
        List<Jdk> others = otherJdks();
        assumeTrue(!others.isEmpty(), "no JDK of another feature release under " + JVM_DIR);
        for (Map.Entry<String, String> spec : SPECS.entrySet()) {
            JsonNode reference = withoutTimings(simulate(NodeProcess.javaCommand(), spec.getKey(), spec.getValue()));
            // the comparison covers the training, the counters, the estimate and inference after training
            assertThat(reference.get("epochs")).as(spec.getKey()).hasSize(2);
            assertThat(reference.get("counters").get("trainExamples").asLong()).isPositive();
            assertThat(reference
                            .get("estimate")
                            .get("energyEfficiencyGopsPerWatt")
                            .asDouble())
                    .isPositive();
            for (Jdk jdk : others) {
                JsonNode there = withoutTimings(simulate(jdk.java().toString(), spec.getKey(), spec.getValue()));
                assertThat(there)
                        .as(
                                "%s on JDK %d (%s) against JDK %d",
                                spec.getKey(),
                                jdk.feature(),
                                jdk.java(),
                                Runtime.version().feature())
                        .isEqualTo(reference);
            }
        }
    }

    @Test
    void theServiceRunsOnEveryInstalledJdkToTheSameResult() throws Exception {
        List<Jdk> others = otherJdks();
        assumeTrue(!others.isEmpty(), "no JDK of another feature release under " + JVM_DIR);
        String spec = SPECS.get("pcm-3t1c");
        JsonNode reference = withoutTimings(simulate(NodeProcess.javaCommand(), "service-reference", spec));
        for (Jdk jdk : others) {
            try (NodeProcess node = NodeProcess.start(
                            "jdk" + jdk.feature(),
                            dir.resolve("jdk" + jdk.feature()),
                            List.of("--crossbar.scheduler.poll-interval=200ms", "--logging.level.root=WARN"),
                            jdk.java().toString())
                    .awaitReady(Duration.ofSeconds(90))) {
                Api api = node.api();
                Api.Response submitted = api.post("/api/v1/jobs", spec);
                assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
                String id = submitted.json().get("id").asString();
                JsonNode job = api.awaitState(id, "SUCCEEDED", Duration.ofMinutes(3));
                assertThat(job.get("state").asString())
                        .as(job + "\n" + node.diagnostics())
                        .isEqualTo("SUCCEEDED");
                JsonNode result =
                        withoutTimings(api.get("/api/v1/jobs/" + id + "/result").json());
                for (String field :
                        List.of("testAccuracy", "trainAccuracy", "epochs", "counters", "estimate", "inference")) {
                    assertThat(result.get(field))
                            .as("%s of the job run by the service on JDK %d", field, jdk.feature())
                            .isNotNull()
                            .isEqualTo(reference.get(field));
                }
            }
        }
    }

    /** A run long enough to be killed between its checkpoints: 10 epochs of 1,500 examples. */
    static final String LONG_RUN = """
            {"dataset": {"trainLimit": 1500, "testLimit": 300}, "network": {"layers": [784, 64, 10]},
             "training": {"epochs": 10},
             "device": {"scheme": "PCM_3T1C", "overrides": {"transferIntervalExamples": 600}},
             "seed": 12}""";

    static final String SCHEMA = "jdk_parity_it";

    static long count(String url, String sql, UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aRunCheckpointedOnOneJdkContinuesOnAnotherToTheSameBits() throws Exception {
        List<Jdk> others = otherJdks();
        assumeTrue(!others.isEmpty(), "no JDK of another feature release under " + JVM_DIR);
        JsonNode reference = withoutTimings(simulate(NodeProcess.javaCommand(), "long-run", LONG_RUN));
        for (Jdk jdk : others) {
            String url = TestDatabases.freshPostgresSchema(SCHEMA);
            List<NodeProcess> started = new ArrayList<>();
            try {
                NodeProcess first = NodeProcess.start(
                                "jdk" + Runtime.version().feature(), dir, NodeProcess.postgresArgs(url, SCHEMA, "3s"))
                        .awaitReady(Duration.ofSeconds(90));
                started.add(first);
                Api.Response submitted = first.api().post("/api/v1/jobs", LONG_RUN);
                assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
                long submittedAt = System.nanoTime();
                UUID id = UUID.fromString(submitted.json().get("id").asString());
                // kill the first node right after its run's first checkpoint, while epochs remain
                long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (count(url, "select count(*) from job where id = ? and checkpoint_epoch > 0", id) == 0) {
                    assertThat(System.nanoTime())
                            .as("no checkpoint within 2 minutes")
                            .isLessThan(end);
                    Thread.sleep(20);
                }
                first.kill();
                long killedAt = System.nanoTime();
                long epochsAtKill = count(url, "select count(*) from job_epoch where job_id = ?", id);
                assertThat(epochsAtKill).as("epochs done at the kill").isBetween(1L, 9L);

                NodeProcess second = NodeProcess.start(
                                "jdk" + jdk.feature(),
                                dir,
                                NodeProcess.postgresArgs(url, SCHEMA, "3s"),
                                jdk.java().toString())
                        .awaitReady(Duration.ofSeconds(90));
                started.add(second);
                JsonNode job = second.api().awaitState(id.toString(), "SUCCEEDED", Duration.ofMinutes(3));
                assertThat(job.get("state").asString())
                        .as(job + "\n" + second.diagnostics())
                        .isEqualTo("SUCCEEDED");
                assertThat(job.get("placement").get("node").asString()).isEqualTo(second.name);
                assertThat(count(url, "select count(*) from job_event where type = 'RESUMED' and job_id = ?", id))
                        .as(
                                "the attempt on JDK %d continued from the checkpoint written on JDK %d",
                                jdk.feature(), Runtime.version().feature())
                        .isEqualTo(1);
                System.out.printf(
                        "killed the JDK %d node after %d of 10 epochs (%.1f s after the submission); the JDK %d node "
                                + "resumed the run and finished it %.1f s after the kill%n",
                        Runtime.version().feature(),
                        epochsAtKill,
                        (killedAt - submittedAt) / 1e9,
                        jdk.feature(),
                        (System.nanoTime() - killedAt) / 1e9);
                JsonNode result = withoutTimings(
                        second.api().get("/api/v1/jobs/" + id + "/result").json());
                for (String field : List.of("testAccuracy", "trainAccuracy", "epochs", "counters", "estimate")) {
                    assertThat(result.get(field))
                            .as("%s of the run resumed on JDK %d", field, jdk.feature())
                            .isNotNull()
                            .isEqualTo(reference.get(field));
                }
            } finally {
                for (NodeProcess n : started) {
                    n.close();
                }
            }
        }
    }
}
