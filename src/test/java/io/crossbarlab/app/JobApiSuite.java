package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.job.JobProgress;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.scheduler.Scheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The service end to end on a random port, run against H2 and against PostgreSQL by the two
 * subclasses: submit and follow jobs, scheduling on the tile pool, cancellation, idempotency,
 * restarts of a dead node's jobs, load.
 */
abstract class JobApiSuite {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobProgress store;

    @Autowired
    javax.sql.DataSource dataSource;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** Each test leaves no job running or queued behind it. */
    @org.junit.jupiter.api.AfterEach
    void cancelLeftovers() {
        for (String id : jdbc.sql("select id from job where state in ('QUEUED', 'RUNNING', 'CANCELLING')")
                .query(String.class)
                .list()) {
            api.post("/api/v1/jobs/" + id + "/cancel", null);
        }
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end
                && (scheduler.runningCount() > 0
                        || jdbc.sql("select count(*) from job where state in ('QUEUED', 'RUNNING', 'CANCELLING')")
                                        .query(Long.class)
                                        .single()
                                > 0)) {
            Thread.onSpinWait();
        }
    }

    long jobCount() {
        return jdbc.sql("select count(*) from job").query(Long.class).single();
    }

    String submit(String body) {
        Api.Response r = api.post("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asString();
    }

    /** The highest version among the migration scripts in the source tree. */
    static String latestMigration() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void schemaIsMigratedByFlyway() {
        String version = jdbc.sql(
                        "select version from flyway_schema_history where success = true order by installed_rank desc limit 1")
                .query(String.class)
                .single();
        assertThat(version).isEqualTo(latestMigration());
    }

    /**
     * Memoised runs: the same resolved spec and seed (and simulator version) is answered from the
     * finished job, at once; asked not to reuse, the service runs it anew, and that fresh computation
     * equals the reused result in every field that is not a wall-clock time, bit for bit.
     */
    @Test
    void aRepeatedRunIsAnsweredFromTheFinishedJobAndEqualsAFreshComputation() {
        String body = Api.tinyJob("\"name\":\"memo\",\"seed\":4242,"
                + "\"device\":{\"scheme\":\"PCM_3T1C\",\"overrides\":{\"transferIntervalExamples\":100}}");
        String first = api.post("/api/v1/jobs", body).json().get("id").asString();
        JsonNode ran = api.awaitState(first, "SUCCEEDED", TIMEOUT);
        assertThat(ran.get("reusedFrom").isNull()).isTrue();

        Api.Response again = api.post("/api/v1/jobs", body.replace("\"name\":\"memo\"", "\"name\":\"memo again\""));
        assertThat(again.status()).isEqualTo(202);
        JsonNode reused = again.json();
        assertThat(reused.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(reused.get("reusedFrom").asString()).isEqualTo(first);
        assertThat(reused.get("name").asString()).isEqualTo("memo again");
        assertThat(reused.get("id").asString()).isNotEqualTo(first);
        assertThat(reused.get("result")).isEqualTo(ran.get("result"));
        String reusedId = reused.get("id").asString();
        assertThat(api.get("/api/v1/jobs/" + reusedId + "/metrics").json())
                .isEqualTo(api.get("/api/v1/jobs/" + first + "/metrics").json());

        String freshId = api.post("/api/v1/jobs", body.replace("\"seed\":4242", "\"seed\":4242,\"reuse\":false"))
                .json()
                .get("id")
                .asString();
        JsonNode fresh = api.awaitState(freshId, "SUCCEEDED", TIMEOUT);
        assertThat(fresh.get("reusedFrom").isNull()).isTrue();
        assertThat(fresh.get("attempt").asInt()).isEqualTo(1);
        assertThat(withoutWallClock(fresh.get("result"))).isEqualTo(withoutWallClock(reused.get("result")));
        assertThat(fresh.get("result").get("testAccuracy").asDouble())
                .isEqualTo(reused.get("result").get("testAccuracy").asDouble());

        // the trained weights too: the memoised job serves its source's, the fresh run's are the same bits
        Api.Download original = api.getBytes("/api/v1/jobs/" + first + "/weights.npz");
        assertThat(original.status()).isEqualTo(200);
        assertThat(api.getBytes("/api/v1/jobs/" + reusedId + "/weights.npz").body())
                .isEqualTo(original.body());
        assertThat(api.getBytes("/api/v1/jobs/" + freshId + "/weights.npz").body())
                .isEqualTo(original.body());
        assertThat(api.get("/api/v1/jobs/" + reusedId + "/weights")
                        .json()
                        .get("computedBy")
                        .asString())
                .isEqualTo(first);
    }

    /**
     * With checkpoints after every epoch (as these suites configure), a running job stores its state
     * after each epoch but the last, recorded as CHECKPOINT events, and the stored state is gone once
     * the job has ended.
     */
    @Test
    void aRunningJobCheckpointsAfterEpochsAndDropsTheCheckpointWhenItEnds() {
        String id = submit(Api.tinyJob("\"seed\":31,\"reuse\":false,\"training\":{\"epochs\":3}")
                .replace("\"training\":{\"epochs\":2},", ""));
        api.awaitState(id, "SUCCEEDED", TIMEOUT);
        List<String> checkpoints = jdbc.sql(
                        "select reason from job_event where job_id = ? and type = 'CHECKPOINT' order by id")
                .param(UUID.fromString(id))
                .query(String.class)
                .list();
        assertThat(checkpoints).containsExactly("checkpoint after epoch 1", "checkpoint after epoch 2");
        assertThat(jdbc.sql("select count(*) from job_checkpoint where job_id = ?")
                        .param(UUID.fromString(id))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select checkpoint_epoch from job where id = ?")
                        .param(UUID.fromString(id))
                        .query(Integer.class)
                        .optional())
                .isEmpty();
    }

    /**
     * Trained weights download as .npz and JSON, the two agree, and they are the trained network: a
     * floating-point forward pass of the test set through the downloaded weights gives the job's own
     * test accuracy.
     */
    @Test
    void archivingOldWeightsAsDocumentedKeepsTheResultAndAnswersTheWeightsWithAProblem() {
        String id = submit(Api.tinyJob("\"seed\":4300"));
        JsonNode job = api.awaitState(id, "SUCCEEDED", TIMEOUT);
        assertThat(api.getBytes("/api/v1/jobs/" + id + "/weights.npz").status()).isEqualTo(200);
        // the statement of docs/operations.md, with a cut-off after this job ended
        int deleted = jdbc.sql("delete from job_weights where job_id in (select id from job where finished_at < ?)")
                .param(java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(1)))
                .update();
        assertThat(deleted).isPositive();
        Api.Response weights = api.get("/api/v1/jobs/" + id + "/weights");
        assertThat(weights.status()).isEqualTo(404);
        assertThat(weights.contentType()).startsWith("application/problem+json");
        assertThat(weights.json().get("detail").asString()).contains("archived");
        assertThat(api.get("/api/v1/jobs/" + id + "/result")
                        .json()
                        .get("testAccuracy")
                        .asDouble())
                .isEqualTo(job.get("result").get("testAccuracy").asDouble());
        assertThat(api.get("/api/v1/jobs/" + id + "/metrics").json().size()).isEqualTo(2);
    }

    @Test
    void theDownloadedWeightsAreTheTrainedNetwork() throws java.io.IOException {
        String id = submit(Api.tinyJob("\"seed\":99,\"device\":{\"scheme\":\"FLOATING_POINT\"}"));
        JsonNode job = api.awaitState(id, "SUCCEEDED", TIMEOUT);
        Api.Download npz = api.getBytes("/api/v1/jobs/" + id + "/weights.npz");
        assertThat(npz.status()).isEqualTo(200);
        assertThat(npz.contentType()).isEqualTo("application/octet-stream");
        List<float[]> layers = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(npz.body()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(e.getName()).isEqualTo("layer" + layers.size() + ".npy");
                var h = io.crossbarlab.sim.data.NpyReader.readHeader(zip);
                float[] v = new float[(int) h.count()];
                io.crossbarlab.sim.data.NpyReader.readValues(zip, h, (i, x) -> v[(int) i] = (float) x);
                layers.add(v);
                shapes.add(h.shape());
            }
        }
        assertThat(shapes)
                .satisfiesExactly(
                        s -> assertThat(s).containsExactly(785, 8),
                        s -> assertThat(s).containsExactly(9, 10));
        JsonNode json = api.get("/api/v1/jobs/" + id + "/weights").json();
        assertThat(json.get("computedBy").asString()).isEqualTo(id);
        JsonNode first = json.get("layers").get(0);
        assertThat(first.get("weights").size()).isEqualTo(784);
        assertThat((float) first.get("weights").get(300).get(5).asDouble()).isEqualTo(layers.get(0)[300 * 8 + 5]);
        assertThat((float) first.get("biases").get(7).asDouble()).isEqualTo(layers.get(0)[784 * 8 + 7]);

        var test = new io.crossbarlab.app.catalog.DatasetLoader(Map.of())
                .load("mnist-10k")
                .test();
        float[] x = new float[784];
        int correct = 0;
        for (int n = 0; n < 100; n++) {
            test.copyFeatures(n, x);
            double[] hidden = new double[8];
            for (int j = 0; j < 8; j++) {
                double a = layers.get(0)[784 * 8 + j];
                for (int i = 0; i < 784; i++) {
                    a += x[i] * layers.get(0)[i * 8 + j];
                }
                hidden[j] = 1 / (1 + Math.exp(-a));
            }
            int best = 0;
            double bestLogit = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 10; k++) {
                double a = layers.get(1)[8 * 10 + k];
                for (int j = 0; j < 8; j++) {
                    a += hidden[j] * layers.get(1)[j * 10 + k];
                }
                if (a > bestLogit) {
                    bestLogit = a;
                    best = k;
                }
            }
            correct += best == test.label(n) ? 1 : 0;
        }
        assertThat(correct / 100.0)
                .isEqualTo(job.get("result").get("testAccuracy").asDouble());

        assertThat(api.get("/api/v1/jobs/" + UUID.randomUUID() + "/weights").status())
                .isEqualTo(404);
    }

    /** A result without the fields that measure this machine's wall clock. */
    private static JsonNode withoutWallClock(JsonNode result) {
        tools.jackson.databind.node.ObjectNode r = (tools.jackson.databind.node.ObjectNode) result.deepCopy();
        r.remove(List.of("wallSeconds", "trainExamplesPerSecond", "evaluationSeconds"));
        for (JsonNode e : r.get("epochs")) {
            ((tools.jackson.databind.node.ObjectNode) e).remove("seconds");
        }
        return r;
    }

    @Test
    void aJobRunsToSucceededAndIsFollowedThroughTheApiAndTheEventStream() throws Exception {
        Api.Response submitted =
                api.post("/api/v1/jobs", Api.tinyJob("\"name\":\"e2e\",\"labels\":{\"suite\":\"e2e\"},\"seed\":11"));
        assertThat(submitted.status()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        assertThat(submitted.header("Location")).endsWith("/api/v1/jobs/" + id);
        assertThat(submitted.json().get("state").asString()).isEqualTo("QUEUED");
        assertThat(submitted.json().get("seed").asLong()).isEqualTo(11);
        assertThat(submitted.json().get("spec").get("device").get("preset").asString())
                .isEqualTo("ambrogio-2018");

        List<String> events = readEventStream(id, null);
        assertThat(events).first().asString().contains("\"toState\":\"QUEUED\"");
        assertThat(String.join("\n", events))
                .contains("\"toState\":\"RUNNING\"")
                .contains("\"type\":\"EPOCH\"")
                .contains("\"toState\":\"SUCCEEDED\"");
        assertThat(events.stream().filter(e -> e.contains("\"type\":\"EPOCH\"")))
                .hasSize(2);

        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
        assertThat(job.get("placement").get("tiles").size())
                .isEqualTo(job.get("tilesRequired").asInt());
        JsonNode result = job.get("result");
        assertThat(result.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("epochs").size()).isEqualTo(2);
        assertThat(result.get("counters").get("trainExamples").asLong()).isEqualTo(400);
        JsonNode estimate = result.get("estimate");
        assertThat(estimate.get("energyEfficiencyGopsPerWatt").asDouble()).isPositive();
        assertThat(estimate.get("throughputPerAreaTopsPerMm2").asDouble()).isPositive();
        assertThat(estimate.get("tiles").asInt())
                .isEqualTo(job.get("tilesRequired").asInt());
        assertThat(estimate.get("components").get("capacitorUpdate").asDouble()).isPositive();
        assertThat(api.get("/api/v1/jobs/" + id + "/result")
                        .json()
                        .get("testAccuracy")
                        .asDouble())
                .isEqualTo(result.get("testAccuracy").asDouble());
        JsonNode metrics = api.get("/api/v1/jobs/" + id + "/metrics").json();
        assertThat(metrics.size()).isEqualTo(2);
        assertThat(metrics.get(1).get("epoch").asInt()).isEqualTo(2);
        // an epoch is stored once (job_epoch): the result, the result endpoint and the metrics agree,
        // the stored result holds no copy, and each EPOCH event is read with its row
        assertThat(result.get("epochs")).isEqualTo(metrics);
        assertThat(api.get("/api/v1/jobs/" + id + "/result").json().get("epochs"))
                .isEqualTo(metrics);
        // the same epochs as CSV, a download
        Api.Response csv = api.get("/api/v1/jobs/" + id + "/metrics.csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("job-" + id + "-metrics.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("epoch,train_accuracy,train_loss,test_accuracy,test_loss,seconds");
        assertThat(lines).hasSize(3);
        for (int e = 0; e < 2; e++) {
            String[] f = lines.get(e + 1).split(",", -1);
            JsonNode m = metrics.get(e);
            assertThat(Integer.parseInt(f[0])).isEqualTo(m.get("epoch").asInt());
            assertThat(Double.parseDouble(f[1]))
                    .isEqualTo(m.get("trainAccuracy").asDouble());
            assertThat(Double.parseDouble(f[2])).isEqualTo(m.get("trainLoss").asDouble());
            assertThat(Double.parseDouble(f[3])).isEqualTo(m.get("testAccuracy").asDouble());
            assertThat(Double.parseDouble(f[4])).isEqualTo(m.get("testLoss").asDouble());
            assertThat(Double.parseDouble(f[5])).isEqualTo(m.get("seconds").asDouble());
        }
        assertThat(jdbc.sql("select result from job where id = ?")
                        .param(UUID.fromString(id))
                        .query(String.class)
                        .single())
                .contains("\"epochs\":[]");
        assertThat(jdbc.sql(
                                "select count(*) from job_event e join job_epoch ep"
                                        + " on ep.job_id = e.job_id and ep.epoch = e.epoch where e.job_id = ? and e.type = 'EPOCH'")
                        .param(UUID.fromString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);

        String prom = api.get("/actuator/prometheus").body();
        assertThat(prom).contains("crossbar_jobs_submitted_total").contains("crossbar_jobs_finished_total{");
        assertThat(counter(prom, "crossbar_jobs_finished_total", "state=\"SUCCEEDED\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(counter(prom, "crossbar_sim_examples_total", "")).isGreaterThanOrEqualTo(400);
        assertThat(prom).contains("crossbar_tiles_capacity").contains("crossbar_job_run_seconds_bucket");
    }

    static double counter(String prom, String name, String label) {
        return prom.lines()
                .filter(l -> l.startsWith(name) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Reads the SSE stream of a job until the server closes it; returns the data lines. */
    List<String> readEventStream(String id, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(TIMEOUT);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> r =
                HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                }
            }
        }
        return data;
    }

    @Test
    void theEventStreamResumesAfterLastEventId() throws Exception {
        String id = submit(Api.tinyJob(""));
        api.awaitState(id, "SUCCEEDED", TIMEOUT);
        List<String> all = readEventStream(id, null);
        assertThat(all.size()).isGreaterThanOrEqualTo(4);
        JsonNode second =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(all.get(1));
        List<String> rest = readEventStream(id, Long.toString(second.get("id").asLong()));
        assertThat(rest).hasSize(all.size() - 2);
        assertThat(rest.get(0)).isEqualTo(all.get(2));
    }

    @Test
    void theStreamOfAllJobsCarriesEveryJobsEventsAndStaysOpenAfterTheyEnd() throws Exception {
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            Thread.sleep(300); // the stream starts from the newest event when it opens
            String first = submit(Api.tinyJob("\"seed\":41"));
            String second = null;
            java.util.Map<String, List<String>> seen = new java.util.HashMap<>();
            List<Long> ids = new ArrayList<>();
            long end = System.nanoTime() + TIMEOUT.toNanos();
            String line;
            while (System.nanoTime() < end && (line = in.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode e = mapper.readTree(line.substring(5));
                ids.add(e.get("id").asLong());
                String job = e.get("jobId").asString();
                String what = e.get("type").asString().equals("STATE")
                        ? e.get("toState").asString()
                        : e.get("type").asString();
                seen.computeIfAbsent(job, k -> new ArrayList<>()).add(what);
                if (job.equals(first) && what.equals("SUCCEEDED") && second == null) {
                    // the stream stays open after a job ends and carries the next one
                    second = submit(Api.tinyJob("\"seed\":42"));
                }
                if (second != null && seen.getOrDefault(second, List.of()).contains("SUCCEEDED")) {
                    break;
                }
            }
            // (the suite checkpoints after every epoch: CHECKPOINT events between them)
            assertThat(seen.get(first))
                    .filteredOn(w -> !w.equals("CHECKPOINT"))
                    .containsExactly("QUEUED", "RUNNING", "EPOCH", "EPOCH", "SUCCEEDED");
            assertThat(seen.get(second))
                    .filteredOn(w -> !w.equals("CHECKPOINT"))
                    .containsExactly("QUEUED", "RUNNING", "EPOCH", "EPOCH", "SUCCEEDED");
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            // resuming from an id gives what came after it, the same events
            List<String> after = new ArrayList<>();
            HttpResponse<java.io.InputStream> resumed = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/events"))
                                    .header("Last-Event-ID", Long.toString(ids.get(4)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in2 =
                    new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
                while (after.size() < ids.size() - 5 && (line = in2.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        after.add(line);
                    }
                }
            }
            assertThat(after)
                    .extracting(l -> mapper.readTree(l.substring(5)).get("id").asLong())
                    .isEqualTo(ids.subList(5, ids.size()));
        }
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/events"))
                                .header("Last-Event-ID", "x"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void listingPagesNewestFirstAndFiltersByStateAndLabel() {
        String study = "list-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(Api.tinyJob("\"labels\":{\"study\":\"" + study + "\",\"i\":\"" + i + "\"}")));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = api.get("/api/v1/jobs?label=study=" + study + "&pageSize=2"
                            + (token == null ? "" : "&pageToken=" + token))
                    .json();
            page.get("jobs").forEach(j -> seen.add(j.get("id").asString()));
            token = page.get("nextPageToken") == null
                            || page.get("nextPageToken").isNull()
                    ? null
                    : page.get("nextPageToken").asString();
        } while (token != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        JsonNode one =
                api.get("/api/v1/jobs?label=study=" + study + "&label=i=3").json();
        assertThat(one.get("jobs").size()).isEqualTo(1);
        assertThat(one.get("jobs").get(0).get("id").asString()).isEqualTo(ids.get(3));
        ids.forEach(id -> api.awaitState(id, "SUCCEEDED", TIMEOUT));
        JsonNode succeeded =
                api.get("/api/v1/jobs?state=SUCCEEDED&label=study=" + study).json();
        assertThat(succeeded.get("jobs").size()).isEqualTo(5);
        assertThat(api.get("/api/v1/jobs?state=QUEUED&label=study=" + study)
                        .json()
                        .get("jobs")
                        .size())
                .isZero();
    }

    /** Twenty label filters (the most a request may give) find exactly the job carrying all twenty. */
    @Test
    void twentyLabelFiltersFindTheJobWithAllTwentyLabels() {
        String study = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder labels = new StringBuilder();
        StringBuilder filters = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            labels.append(i == 0 ? "" : ",")
                    .append("\"f")
                    .append(i)
                    .append("\":\"")
                    .append(study)
                    .append('"');
            filters.append("&label=f").append(i).append('=').append(study);
        }
        String all = submit(Api.tinyJob("\"labels\":{" + labels + "}"));
        String some = submit(Api.tinyJob("\"labels\":{\"f0\":\"" + study + "\",\"f1\":\"" + study + "\"}"));
        JsonNode found = api.get("/api/v1/jobs?pageSize=10" + filters).json().get("jobs");
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("id").asString()).isEqualTo(all);
        JsonNode two = api.get("/api/v1/jobs?label=f0=" + study + "&label=f1=" + study)
                .json()
                .get("jobs");
        assertThat(two.size()).isEqualTo(2);
        String wrongValue = filters.toString().replace("f19=" + study, "f19=other");
        assertThat(api.get("/api/v1/jobs?pageSize=10" + wrongValue)
                        .json()
                        .get("jobs")
                        .size())
                .isZero();
        assertThat(api.get("/api/v1/jobs?pageSize=10" + filters + "&label=f20=x")
                        .status())
                .isEqualTo(400);
        api.awaitState(all, "SUCCEEDED", TIMEOUT);
        api.awaitState(some, "SUCCEEDED", TIMEOUT);
    }

    @Test
    void cancellingQueuedAndRunningJobsFreesTheirTiles() {
        String running = submit("{\"network\":{\"layers\":[784,64,10]},\"training\":{\"epochs\":200}}");
        JsonNode r = api.awaitState(running, "RUNNING", TIMEOUT);
        assertThat(r.get("state").asString()).isEqualTo("RUNNING");
        Api.Response cancel = api.post("/api/v1/jobs/" + running + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("state").asString()).isIn("CANCELLING", "CANCELLED");
        JsonNode done = api.awaitState(running, "CANCELLED", TIMEOUT);
        assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(api.post("/api/v1/jobs/" + running + "/cancel", null).status())
                .isEqualTo(200);
        Api.Response noResult = api.get("/api/v1/jobs/" + running + "/result");
        assertThat(noResult.status()).isEqualTo(409);
        assertThat(noResult.json().get("state").asString()).isEqualTo("CANCELLED");
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (scheduler.runningCount() > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        String finished = submit(Api.tinyJob(""));
        api.awaitState(finished, "SUCCEEDED", TIMEOUT);
        Api.Response conflict = api.post("/api/v1/jobs/" + finished + "/cancel", null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).contains("application/problem+json");
        assertThat(conflict.json().get("state").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aQueuedJobIsCancelledAtOnce() {
        // occupy both simulation threads with long jobs so that the next one stays queued
        String a = submit("{\"network\":{\"layers\":[784,64,10]},\"training\":{\"epochs\":200}}");
        String b = submit("{\"network\":{\"layers\":[784,64,10]},\"training\":{\"epochs\":200}}");
        api.awaitState(a, "RUNNING", TIMEOUT);
        api.awaitState(b, "RUNNING", TIMEOUT);
        String queued = submit(Api.tinyJob(""));
        JsonNode c = api.post("/api/v1/jobs/" + queued + "/cancel", null).json();
        assertThat(c.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(c.get("timings").get("startedAt").isNull()).isTrue();
        api.post("/api/v1/jobs/" + a + "/cancel", null);
        api.post("/api/v1/jobs/" + b + "/cancel", null);
        assertThat(api.awaitState(a, "CANCELLED", TIMEOUT).get("state").asString())
                .isEqualTo("CANCELLED");
        assertThat(api.awaitState(b, "CANCELLED", TIMEOUT).get("state").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRejectsADifferentBody() {
        String key = "key-" + UUID.randomUUID();
        String body = Api.tinyJob("\"seed\":3");
        Api.Response first = api.post("/api/v1/jobs", body, Map.of("Idempotency-Key", key));
        Api.Response again = api.post("/api/v1/jobs", body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        Api.Response other = api.post("/api/v1/jobs", Api.tinyJob("\"seed\":4"), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(jdbc.sql("select count(*) from job where idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeadNodesJobIsRequeuedByTheReaperAndFinishesHere() {
        UUID id = zombie("dead-node", 1, 3, Instant.now().minusSeconds(60));
        JsonNode job = api.awaitState(id.toString(), "SUCCEEDED", TIMEOUT);
        assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("attempt").asInt()).isEqualTo(2);
        assertThat(job.get("placement").get("node").asString()).isEqualTo(scheduler.nodeId());
        List<String> reasons = jdbc.sql("select reason from job_event where job_id = ? order by id")
                .param(id)
                .query(String.class)
                .list();
        assertThat(reasons).anyMatch(r -> r.contains("lease of node dead-node expired; requeued"));
    }

    @Test
    void aDeadNodesJobWithoutAttemptsLeftFails() {
        UUID id = zombie("dead-node-2", 3, 3, Instant.now().minusSeconds(60));
        JsonNode job = api.awaitState(id.toString(), "FAILED", TIMEOUT);
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asString()).contains("attempts exhausted (3 of 3)");
    }

    @Test
    void aWorkerThatLostItsJobCannotWriteToIt() {
        UUID id = zombie("another-node", 2, 3, Instant.now().plusSeconds(600));
        // a presumed-dead worker with an older attempt, or another node, writes nothing
        assertThat(store.finish(id, "another-node", 1, JobState.SUCCEEDED, "{}", "late", Instant.now()))
                .isFalse();
        assertThat(store.progress(id, scheduler.nodeId(), 2, 1, 10)).isFalse();
        assertThat(store.finish(id, "another-node", 2, JobState.FAILED, null, "owner gives up", Instant.now()))
                .isTrue();
        assertThat(api.get("/api/v1/jobs/" + id).json().get("state").asString()).isEqualTo("FAILED");
    }

    /**
     * Inference after training: the result has one point per requested time, ascending, with and
     * without drift compensation; the floating-point twin trains the same network without it.
     */
    @Test
    void inferenceAfterTrainingIsAFieldOfTheResult() {
        Api.Response r = api.post(
                "/api/v1/jobs",
                "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":200,\"testLimit\":100},"
                        + "\"training\":{\"epochs\":1,\"inferenceTimesSeconds\":[86400,1]},"
                        + "\"seed\":5,\"floatingPointBaseline\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json()
                        .get("spec")
                        .get("training")
                        .get("inferenceTimesSeconds")
                        .toString())
                .isEqualTo("[1.0,86400.0]");
        String id = r.json().get("id").asString();
        String twinId = r.json().get("baseline").get("jobId").asString();
        JsonNode job = api.awaitState(id, "SUCCEEDED", TIMEOUT);
        JsonNode inference = job.get("result").get("inference");
        assertThat(inference.size()).isEqualTo(2);
        assertThat(inference.get(0).get("seconds").asDouble()).isEqualTo(1.0);
        assertThat(inference.get(1).get("compensatedTestAccuracy").asDouble()).isBetween(0.0, 1.0);
        JsonNode twin = api.awaitState(twinId, "SUCCEEDED", TIMEOUT);
        assertThat(twin.get("result").get("inference").size()).isZero();
    }

    /**
     * A floating-point baseline: the same spec and seed trained in FP32 as a linked twin, whose result
     * is that of a floating-point job submitted on its own with the same spec and seed.
     */
    @Test
    void aFloatingPointBaselineTwinRunsTheSameSpecAndSeedAndIsLinkedBothWays() {
        String study = "twin-" + UUID.randomUUID();
        long before = jobCount();
        Api.Response r = api.post(
                "/api/v1/jobs",
                Api.tinyJob("\"seed\":17,\"floatingPointBaseline\":true,\"labels\":{\"study\":\"" + study + "\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(jobCount() - before).isEqualTo(2);
        String id = r.json().get("id").asString();
        String twinId = r.json().get("baseline").get("jobId").asString();
        JsonNode twin = api.get("/api/v1/jobs/" + twinId).json();
        assertThat(twin.get("baselineOf").asString()).isEqualTo(id);
        assertThat(twin.get("seed").asLong()).isEqualTo(17);
        assertThat(twin.get("spec").get("device").get("scheme").asString()).isEqualTo("FLOATING_POINT");
        JsonNode job = r.json();
        for (String part : List.of("network", "dataset", "training")) {
            assertThat(twin.get("spec").get(part)).isEqualTo(job.get("spec").get(part));
        }

        api.awaitState(id, "SUCCEEDED", TIMEOUT);
        twin = api.awaitState(twinId, "SUCCEEDED", TIMEOUT);
        job = api.get("/api/v1/jobs/" + id).json();
        double twinAccuracy = twin.get("result").get("testAccuracy").asDouble();
        assertThat(job.get("baseline").get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("baseline").get("testAccuracy").asDouble()).isEqualTo(twinAccuracy);
        assertThat(job.get("baseline").get("testAccuracyDifference").asDouble())
                .isEqualTo(job.get("result").get("testAccuracy").asDouble() - twinAccuracy);
        JsonNode listed = api.get("/api/v1/jobs?label=study=" + study).json().get("jobs");
        assertThat(listed.size()).isEqualTo(2);

        // reuse off: an independent computation, not the twin's result answered again
        String alone = submit(Api.tinyJob("\"seed\":17,\"reuse\":false,\"device\":{\"scheme\":\"FLOATING_POINT\"}"));
        JsonNode fp = api.awaitState(alone, "SUCCEEDED", TIMEOUT);
        assertThat(fp.get("result").get("testAccuracy").asDouble()).isEqualTo(twinAccuracy);
        for (int e = 0; e < 2; e++) {
            for (String metric : List.of("trainAccuracy", "trainLoss", "testAccuracy", "testLoss")) {
                assertThat(fp.get("result").get("epochs").get(e).get(metric))
                        .as("epoch %d %s, bit for bit", e + 1, metric)
                        .isEqualTo(twin.get("result").get("epochs").get(e).get(metric));
            }
        }

        long now = jobCount();
        Api.Response own = api.post(
                "/api/v1/jobs",
                Api.tinyJob("\"device\":{\"scheme\":\"FLOATING_POINT\"},\"floatingPointBaseline\":true"));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().get("errors").toString()).contains("floatingPointBaseline");
        assertThat(jobCount()).isEqualTo(now);
    }

    /**
     * A node that stops answering (frozen, partitioned) after writing an epoch: its job is reaped and run
     * again here. The job's history is that of the attempt that finished: its epochs and EPOCH events
     * only, and a late write of the old attempt is refused.
     */
    @Test
    void anEarlierAttemptsEpochsAreNotPartOfTheHistoryOfTheAttemptThatFinished() {
        UUID id = zombie("frozen-node", 1, 3, Instant.now().plusSeconds(600));
        assertThat(store.epoch(
                        id,
                        "frozen-node",
                        1,
                        new io.crossbarlab.sim.nn.EpochReport(1, 0.5, 1.0, 0.5, 1.0, 1.0),
                        200,
                        Instant.now()))
                .isTrue();
        jdbc.sql("update job set lease_expires_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), id)
                .update();
        JsonNode job = api.awaitState(id.toString(), "SUCCEEDED", TIMEOUT);
        assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("attempt").asInt()).isEqualTo(2);

        List<Integer> epochEventAttempts = jdbc.sql(
                        "select attempt from job_event where job_id = ? and type = 'EPOCH' order by id")
                .param(id)
                .query(Integer.class)
                .list();
        assertThat(epochEventAttempts).containsExactly(2, 2);
        assertThat(api.get("/api/v1/jobs/" + id + "/metrics").json().size()).isEqualTo(2);
        List<String> states = jdbc.sql(
                        "select coalesce(to_state, '') || '@' || attempt from job_event where job_id = ? and type = 'STATE' order by id")
                .param(id)
                .query(String.class)
                .list();
        assertThat(states).containsSubsequence("QUEUED@1", "RUNNING@2", "SUCCEEDED@2");

        // the frozen node wakes up and writes its next epoch: refused, nothing changes
        long events = jdbc.sql("select count(*) from job_event where job_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        assertThat(store.epoch(
                        id,
                        "frozen-node",
                        1,
                        new io.crossbarlab.sim.nn.EpochReport(2, 0.5, 1.0, 0.5, 1.0, 1.0),
                        400,
                        Instant.now()))
                .isFalse();
        assertThat(jdbc.sql("select count(*) from job_event where job_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(events);
    }

    /** Inserts a job as a crashed node would have left it: RUNNING with a lease until {@code lease}. */
    UUID zombie(String node, int attempt, int maxAttempts, Instant lease) {
        String id = submit(Api.tinyJob("\"priority\":-1000"));
        UUID uuid = UUID.fromString(id);
        // the job may already have been claimed here; take it back as if "node" had claimed it
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            int n = jdbc.sql("""
                    update job set state = 'RUNNING', node_id = ?, tiles = '0', attempt = ?, max_attempts = ?,
                        lease_expires_at = ?, started_at = ? where id = ? and state = 'QUEUED'""")
                    .params(node, attempt, maxAttempts, Timestamp.from(lease), Timestamp.from(Instant.now()), uuid)
                    .update();
            if (n == 1) {
                return uuid;
            }
            api.awaitState(id, "SUCCEEDED", TIMEOUT);
            id = submit(Api.tinyJob("\"priority\":-1000"));
            uuid = UUID.fromString(id);
        }
        throw new AssertionError("could not stage a zombie job");
    }

    @Test
    void jobsNeverOversubscribeThePoolAndOversizedJobsAreRejected() throws Exception {
        int capacity = scheduler.pool().capacity();
        // 784-8-10 on 128 x 128 job tiles: 7 + 1 job tiles, each smaller than a pool tile: 8 pool tiles
        String eight = "{\"network\":{\"layers\":[784,8,10]},\"hardware\":{\"tileRows\":128,\"tileCols\":128},"
                + "\"dataset\":{\"trainLimit\":300,\"testLimit\":50},\"training\":{\"epochs\":2}}";
        // 784-8-10 on 64 x 64 job tiles: 13 + 1 pool tiles
        String fourteen = eight.replace("128", "64");
        // 784-8-10 on 32 x 32 job tiles: 25 + 1 > 16
        Api.Response tooBig = api.post("/api/v1/jobs", eight.replace("128", "32"));
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.json().get("tilesRequired").asInt()).isEqualTo(26);
        assertThat(tooBig.json().get("tilesPerNode").asInt()).isEqualTo(capacity);

        AtomicInteger maxAllocated = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                maxAllocated.accumulateAndGet(scheduler.pool().allocated(), Math::max);
                int dbTiles = jdbc
                        .sql("select tiles from job where state in ('RUNNING','CANCELLING') and node_id = ?")
                        .param(scheduler.nodeId())
                        .query(String.class)
                        .list()
                        .stream()
                        .mapToInt(t -> t == null || t.isEmpty() ? 0 : t.split(",").length)
                        .sum();
                maxAllocated.accumulateAndGet(dbTiles, Math::max);
            }
        });
        sampler.start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(submit(i % 3 == 0 ? fourteen : eight));
        }
        for (String id : ids) {
            assertThat(api.awaitState(id, "SUCCEEDED", TIMEOUT).get("state").asString())
                    .isEqualTo("SUCCEEDED");
        }
        sampling.set(false);
        sampler.join();
        assertThat(maxAllocated.get()).isPositive().isLessThanOrEqualTo(capacity);
        // a runner commits SUCCEEDED and then hands its tiles back, so the last job can read as
        // SUCCEEDED a moment before the pool is empty (seen in CI: 14 tiles still held)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (scheduler.pool().allocated() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(scheduler.pool().allocated()).isZero();
    }

    /**
     * Connections retired by the pool (as Hikari does at {@code maxLifetime}) must not take the database
     * with them: H2 2.4.240 failed every insert once the connection that ran the migration was closed.
     * Each round evicts every connection, checks that a new session serves the next request, and submits
     * jobs; every job must run and store its epochs.
     */
    @Test
    void keepsAcceptingRunningAndStoringJobsAcrossConnectionPoolRecycles() {
        var pool = ((com.zaxxer.hikari.HikariDataSource) dataSource).getHikariPoolMXBean();
        List<String> ids = new ArrayList<>();
        Set<java.sql.Connection> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(physicalConnection());
        for (int round = 0; round < 4; round++) {
            pool.softEvictConnections();
            java.sql.Connection fresh = physicalConnection();
            assertThat(seen)
                    .as("round %d: a new physical connection after the eviction", round)
                    .doesNotContain(fresh);
            seen.add(fresh);
            for (int i = 0; i < 3; i++) {
                ids.add(submit(Api.tinyJob("\"labels\":{\"round\":\"" + round + "\"}")));
            }
        }
        for (String id : ids) {
            JsonNode job = api.awaitState(id, "SUCCEEDED", TIMEOUT);
            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(api.get("/api/v1/jobs/" + id + "/metrics").json().size()).isEqualTo(2);
        }
    }

    /** The driver's connection under the pool's proxy, as the pool hands it out now. */
    java.sql.Connection physicalConnection() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.unwrap(java.sql.Connection.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 500 jobs from 50 client threads at once: each accepted once, each run once to the end. */
    @Test
    void fiveHundredSubmissionsFromFiftyClientsAreAcceptedExactlyOnceAndAllFinish() throws Exception {
        String study = "load-" + UUID.randomUUID();
        long before = jobCount();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        submitConcurrently(500, 50, i -> loadJob(study, i), i -> study + "-" + i, ids);
        long submitted = System.nanoTime();
        assertThat(ids).hasSize(500);
        assertThat(jobCount() - before).isEqualTo(500);
        awaitAllSucceeded(study, 500);
        System.out.printf(
                java.util.Locale.ROOT,
                "RELIABILITY-REPORT %s: 500 submissions from 50 clients: 500 x 202 in %.1f s (%.0f/s), 500 distinct ids, all SUCCEEDED %.1f s after the first%n",
                getClass().getSimpleName(),
                (submitted - start) / 1e9,
                500 / ((submitted - start) / 1e9),
                (System.nanoTime() - start) / 1e9);
        Set<Integer> attempts =
                new HashSet<>(jdbc.sql("""
                select j.attempt from job j join job_label l on l.job_id = j.id
                where l.label_key = 'study' and l.label_value = ?""").param(study).query(Integer.class).list());
        assertThat(attempts).containsExactly(1);
        assertThat(jdbc.sql("""
                        select count(*) from job_event e join job_label l on l.job_id = e.job_id
                        where l.label_key = 'study' and l.label_value = ? and e.to_state = 'SUCCEEDED'""").param(study).query(Long.class).single())
                .as("one SUCCEEDED event per job")
                .isEqualTo(500);
    }

    /** 500 submissions under 50 Idempotency-Keys, ten racing per key: exactly 50 jobs. */
    @Test
    void concurrentRetriesUnderFiftyIdempotencyKeysCreateExactlyFiftyJobs() throws Exception {
        String study = "idem-" + UUID.randomUUID();
        long before = jobCount();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        // the same key always carries the same body; 409 (first request still in flight) is a valid answer
        submitConcurrently(500, 50, i -> loadJob(study, i % 50), i -> study + "-" + (i % 50), ids);
        assertThat(ids).hasSize(50);
        assertThat(jobCount() - before).isEqualTo(50);
        awaitAllSucceeded(study, 50);
    }

    static String loadJob(String study, int i) {
        return "{\"network\":{\"layers\":[784,4,10]},\"dataset\":{\"trainLimit\":20,\"testLimit\":20},"
                + "\"training\":{\"epochs\":1},\"labels\":{\"study\":\"" + study + "\"},\"reuse\":false,\"seed\":" + i
                + "}";
    }

    void submitConcurrently(
            int requests,
            int clients,
            java.util.function.IntFunction<String> body,
            java.util.function.IntFunction<String> key,
            Set<String> ids)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = client; i < requests; i += clients) {
                        Api.Response r;
                        do {
                            r = api.post("/api/v1/jobs", body.apply(i), Map.of("Idempotency-Key", key.apply(i)));
                        } while (r.status() == 409);
                        if (r.status() != 202) {
                            throw new AssertionError(r.status() + " " + r.body());
                        }
                        ids.add(r.json().get("id").asString());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    void awaitAllSucceeded(String study, long expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long succeeded = 0;
        while (System.nanoTime() < end) {
            succeeded = jdbc.sql("""
                    select count(*) from job j join job_label l on l.job_id = j.id
                    where l.label_key = 'study' and l.label_value = ? and j.state = 'SUCCEEDED'""").param(study).query(Long.class).single();
            if (succeeded == expected) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(succeeded).isEqualTo(expected);
    }
}
