package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.app.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps end to end on a random port, against H2 and PostgreSQL by the two subclasses: a 2 x 2 grid x
 * 3 seeds runs to the end and its statistics equal a hand computation from its jobs, the CSV parses,
 * the same sweep again is answered from the finished runs, a bad point rejects the whole sweep, the
 * tile cap holds, and cancel and extend behave.
 */
abstract class SweepApiSuite {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** t(0.975, 2) from a printed table: the hand computation's 95 % factor for three runs. */
    static final double T_975_2 = 4.302652729911275;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterEach
    void cancelLeftovers() {
        for (String id : jdbc.sql("select id from job where state in ('QUEUED', 'RUNNING', 'CANCELLING')")
                .query(String.class)
                .list()) {
            api.post("/api/v1/jobs/" + id + "/cancel", null);
        }
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end && scheduler.runningCount() > 0) {
            Thread.onSpinWait();
        }
    }

    static String grid(String study, String seeds) {
        return "{\"name\":\"grid\",\"labels\":{\"study\":\"" + study + "\"},"
                + "\"base\":" + Api.tinyJob("\"device\":{\"overrides\":{\"transferIntervalExamples\":100}}") + ","
                + "\"grid\":{\"training.learningRate\":[0.05,0.1],\"device.overrides.polarityInversion\":[true,false]},"
                + "\"seeds\":" + seeds + "}";
    }

    JsonNode awaitSweep(String id) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode s;
        do {
            s = api.get("/api/v1/sweeps/" + id).json();
            if (Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                    .contains(s.get("state").asString())) {
                return s;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
        } while (System.nanoTime() < end);
        return s;
    }

    @Test
    void aGridSweepRunsToTheEndAndItsStatisticsAreThoseOfItsRuns() {
        String study = "grid-" + UUID.randomUUID();
        Api.Response submitted = api.post("/api/v1/sweeps", grid(study, "[1,2,3]"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        assertThat(submitted.header("Location")).endsWith("/api/v1/sweeps/" + id);
        assertThat(submitted.json().get("points")).hasSize(4);
        assertThat(submitted.json().get("progress").get("runs").asInt()).isEqualTo(12);
        assertThat(submitted.json().get("parameters").toString())
                .isEqualTo("[\"training.learningRate\",\"device.overrides.polarityInversion\"]");
        assertThat(submitted.json().get("points").get(1).get("parameters").toString())
                .isEqualTo("{\"training.learningRate\":0.05,\"device.overrides.polarityInversion\":false}");

        JsonNode sweep = awaitSweep(id);
        assertThat(sweep.get("state").asString()).as(sweep.toString()).isEqualTo("SUCCEEDED");
        assertThat(sweep.get("progress").get("succeeded").asInt()).isEqualTo(12);
        assertThat(sweep.get("progress").get("finished").asDouble()).isEqualTo(1.0);

        // the jobs are ordinary jobs, labelled with the sweep and their point
        JsonNode jobs = api.get("/api/v1/jobs?label=crossbar.sweep=" + id + "&pageSize=100")
                .json()
                .get("jobs");
        assertThat(jobs).hasSize(12);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode j : jobs) {
            byId.put(j.get("id").asString(), j);
            assertThat(j.get("labels").get("study").asString()).isEqualTo(study);
        }

        // statistics by hand from each run's own result
        boolean anyFront = false;
        for (JsonNode p : sweep.get("points")) {
            assertThat(p.get("runs")).hasSize(3);
            double[] acc = new double[3];
            double[] eff = new double[3];
            for (int k = 0; k < 3; k++) {
                JsonNode run = p.get("runs").get(k);
                JsonNode job = byId.get(run.get("jobId").asString());
                assertThat(job.get("labels").get("crossbar.sweep-point").asString())
                        .isEqualTo(p.get("index").asString());
                assertThat(job.get("seed").asLong())
                        .isEqualTo(run.get("seed").asLong())
                        .isEqualTo(k + 1);
                assertThat(job.get("spec").get("training").get("learningRate").asDouble())
                        .isEqualTo(
                                p.get("parameters").get("training.learningRate").asDouble());
                acc[k] = job.get("result").get("testAccuracy").asDouble();
                eff[k] = job.get("result")
                        .get("estimate")
                        .get("energyEfficiencyGopsPerWatt")
                        .asDouble();
            }
            double mean = (acc[0] + acc[1] + acc[2]) / 3;
            double std = Math.sqrt(((acc[0] - mean) * (acc[0] - mean)
                            + (acc[1] - mean) * (acc[1] - mean)
                            + (acc[2] - mean) * (acc[2] - mean))
                    / 2);
            JsonNode t = p.get("testAccuracy");
            assertThat(t.get("n").asInt()).isEqualTo(3);
            assertThat(t.get("mean").asDouble()).isCloseTo(mean, within(1e-12));
            assertThat(t.get("std").asDouble()).isCloseTo(std, within(1e-12));
            assertThat(t.get("ci95Low").asDouble()).isCloseTo(mean - T_975_2 * std / Math.sqrt(3), within(1e-9));
            assertThat(t.get("ci95High").asDouble()).isCloseTo(mean + T_975_2 * std / Math.sqrt(3), within(1e-9));
            assertThat(p.get("energyEfficiencyGopsPerWatt").get("mean").asDouble())
                    .isCloseTo((eff[0] + eff[1] + eff[2]) / 3, within(1e-9));
            // Pareto: on the front exactly when no other point is at least as good in both, better in one
            boolean dominated = false;
            for (JsonNode q : sweep.get("points")) {
                double qa = q.get("testAccuracy").get("mean").asDouble();
                double qe = q.get("energyEfficiencyGopsPerWatt").get("mean").asDouble();
                double pa = t.get("mean").asDouble();
                double pe = p.get("energyEfficiencyGopsPerWatt").get("mean").asDouble();
                dominated |= qa >= pa && qe >= pe && (qa > pa || qe > pe);
            }
            assertThat(p.get("pareto").asBoolean()).isEqualTo(!dominated);
            anyFront |= !dominated;
        }
        assertThat(anyFront).isTrue();

        // the curves: per epoch over the three runs, the last epoch's test accuracy is the point's
        JsonNode curves = api.get("/api/v1/sweeps/" + id + "/curves").json();
        for (int i = 0; i < 4; i++) {
            JsonNode epochs = curves.get("points").get(i).get("epochs");
            assertThat(epochs).hasSize(2);
            assertThat(epochs.get(1).get("testAccuracy").get("n").asInt()).isEqualTo(3);
            assertThat(epochs.get(1).get("testAccuracy").get("mean").asDouble())
                    .isCloseTo(
                            sweep.get("points")
                                    .get(i)
                                    .get("testAccuracy")
                                    .get("mean")
                                    .asDouble(),
                            within(1e-12));
        }

        // the CSV: a header and one row per run that agrees with the run's job
        Api.Response csv = api.get("/api/v1/sweeps/" + id + "/results.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(13);
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertThat(header)
                .containsExactly(
                        "point",
                        "training.learningRate",
                        "device.overrides.polarityInversion",
                        "seed",
                        "job_id",
                        "state",
                        "reused_from",
                        "test_accuracy",
                        "train_accuracy",
                        "energy_efficiency_gops_per_watt",
                        "throughput_per_area_tops_per_mm2",
                        "seconds_per_example");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(header.size());
            JsonNode job = byId.get(f[4]);
            assertThat(f[5]).isEqualTo("SUCCEEDED");
            assertThat(Double.parseDouble(f[7]))
                    .isEqualTo(job.get("result").get("testAccuracy").asDouble());
            assertThat(Double.parseDouble(f[1]))
                    .isEqualTo(
                            job.get("spec").get("training").get("learningRate").asDouble());
        }

        // the same sweep again: every run answered from the finished ones, with the same statistics
        Api.Response again = api.post("/api/v1/sweeps", grid(study, "[1,2,3]"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isNotEqualTo(id);
        assertThat(again.json().get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(again.json().get("progress").get("reused").asInt()).isEqualTo(12);
        for (int i = 0; i < 4; i++) {
            assertThat(again.json().get("points").get(i).get("testAccuracy"))
                    .isEqualTo(sweep.get("points").get(i).get("testAccuracy"));
        }

        // extended by a seed: four new runs, the twelve kept
        Api.Response extended = api.post("/api/v1/sweeps/" + id + "/extend", "{\"seeds\":[3,4]}");
        assertThat(extended.status()).as(extended.body()).isEqualTo(202);
        assertThat(extended.json().get("seeds").toString()).isEqualTo("[1,2,3,4]");
        assertThat(extended.json().get("progress").get("runs").asInt()).isEqualTo(16);
        JsonNode four = awaitSweep(id);
        assertThat(four.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(four.get("points").get(0).get("testAccuracy").get("n").asInt())
                .isEqualTo(4);
        assertThat(api.post("/api/v1/sweeps/" + id + "/extend", "{\"seeds\":[4]}")
                        .status())
                .isEqualTo(400);

        // listed, filtered by label, newest first
        JsonNode listed = api.get("/api/v1/sweeps?label=study=" + study).json().get("sweeps");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("id").asString())
                .isEqualTo(again.json().get("id").asString());
        assertThat(listed.get(1).get("points").asInt()).isEqualTo(4);
        assertThat(listed.get(1).get("progress").get("runs").asInt()).isEqualTo(16);
        JsonNode page =
                api.get("/api/v1/sweeps?label=study=" + study + "&pageSize=1").json();
        assertThat(page.get("sweeps")).hasSize(1);
        JsonNode page2 = api.get("/api/v1/sweeps?label=study=" + study + "&pageSize=1&pageToken="
                        + page.get("nextPageToken").asString())
                .json();
        assertThat(page2.get("sweeps").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void aBadPointRejectsTheWholeSweepWithEveryBadPointAndField() {
        long jobsBefore = jdbc.sql("select count(*) from job").query(Long.class).single();
        long sweepsBefore =
                jdbc.sql("select count(*) from sweep").query(Long.class).single();
        Api.Response r = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + Api.tinyJob("") + ",\"grid\":{\"training.learningRate\":[0.05,-1,70],"
                        + "\"training.epochs\":[1,0]},\"seeds\":[1,2]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        // points: (0.05,1) (0.05,0) (-1,1) (-1,0) (70,1) (70,0); all but the first are bad (0.000001 to 10)
        assertThat(fields)
                .contains(
                        "points[1].training.epochs",
                        "points[2].training.learningRate",
                        "points[3].training.learningRate",
                        "points[3].training.epochs",
                        "points[4].training.learningRate",
                        "points[5].training.epochs")
                .noneMatch(f -> f.startsWith("points[0]"));
        assertThat(r.body()).contains("training.learningRate=-1");
        assertThat(jdbc.sql("select count(*) from job").query(Long.class).single())
                .isEqualTo(jobsBefore);
        assertThat(jdbc.sql("select count(*) from sweep").query(Long.class).single())
                .isEqualTo(sweepsBefore);

        Api.Response badPath = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + Api.tinyJob("") + ",\"list\":[{\"training.learningRat\":0.1}],\"seeds\":[1]}");
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.body()).contains("learningRat");

        Api.Response tooMany = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + Api.tinyJob("") + ",\"random\":{\"samples\":1001,\"seed\":1,"
                        + "\"space\":{\"training.learningRate\":{\"min\":0.01,\"max\":0.1}}},\"seeds\":[1]}");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("limit").asString()).isEqualTo("crossbar.sweeps.max-points");
        assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("random.samples");

        StringBuilder seeds = new StringBuilder("[0");
        for (int s = 1; s < 6; s++) {
            seeds.append(',').append(s);
        }
        Api.Response tooManyRuns = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + Api.tinyJob("") + ",\"random\":{\"samples\":1000,\"seed\":1,"
                        + "\"space\":{\"training.learningRate\":{\"min\":0.01,\"max\":0.1}}},\"seeds\":" + seeds
                        + "]}");
        assertThat(tooManyRuns.status()).isEqualTo(422);
        assertThat(tooManyRuns.json().get("limit").asString()).isEqualTo("crossbar.sweeps.max-runs");

        Api.Response noSeeds = api.post("/api/v1/sweeps", "{\"base\":" + Api.tinyJob("") + ",\"seeds\":[]}");
        assertThat(noSeeds.status()).isEqualTo(400);
        assertThat(noSeeds.json().get("errors").get(0).get("field").asString()).isEqualTo("seeds");
        assertThat(api.get("/api/v1/sweeps/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aSweepNeverHoldsMoreTilesThanItsCap() {
        String base = "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":500,\"testLimit\":100},"
                + "\"training\":{\"epochs\":3}}";
        // one run's tiles as the service counts them
        String probe = api.post("/api/v1/jobs", base.replace("{\"network\"", "{\"reuse\":false,\"network\""))
                .json()
                .get("id")
                .asString();
        int tiles = api.get("/api/v1/jobs/" + probe).json().get("tilesRequired").asInt();
        Api.Response r = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + base + ",\"seeds\":[11,12,13,14],\"maxTiles\":" + tiles + ",\"reuse\":false}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().get("id").asString();
        assertThat(awaitSweep(id).get("state").asString()).isEqualTo("SUCCEEDED");
        // one run at a time: each run started after the one before it finished
        List<Instant[]> spans = jdbc.sql(
                        "select started_at, finished_at from job where sweep_id = ? order by started_at")
                .param(UUID.fromString(id))
                .query((rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()
                })
                .list();
        assertThat(spans).hasSize(4);
        for (int k = 1; k < spans.size(); k++) {
            assertThat(spans.get(k)[0]).isAfterOrEqualTo(spans.get(k - 1)[1]);
        }
        Api.Response never =
                api.post("/api/v1/sweeps", "{\"base\":" + base + ",\"seeds\":[1],\"maxTiles\":" + (tiles - 1) + "}");
        if (tiles > 1) {
            assertThat(never.status()).isEqualTo(400);
            assertThat(never.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("maxTiles");
        }
    }

    @Test
    void aCancelledSweepCancelsItsJobsAndCannotBeExtended() {
        String base = "{\"network\":{\"layers\":[784,64,10]},\"training\":{\"epochs\":200}}";
        Api.Response r = api.post(
                "/api/v1/sweeps",
                "{\"base\":" + base + ",\"list\":[{\"training.learningRate\":0.05},{\"training.learningRate\":0.1}],"
                        + "\"seeds\":[1,2],\"reuse\":false,\"wallTimeSeconds\":600}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().get("id").asString();
        Api.Response cancelled = api.post("/api/v1/sweeps/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asString()).isIn("CANCELLING", "CANCELLED");
        assertThat(awaitSweep(id).get("state").asString()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from job where sweep_id = ? and state <> 'CANCELLED'")
                        .param(UUID.fromString(id))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.post("/api/v1/sweeps/" + id + "/cancel", null).status()).isEqualTo(200);
        Api.Response extend = api.post("/api/v1/sweeps/" + id + "/extend", "{\"seeds\":[9]}");
        assertThat(extend.status()).isEqualTo(409);
        assertThat(extend.json().get("state").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aRandomSearchDrawsTheSamePointsFromTheSameSeed() {
        String body = "{\"base\":" + Api.tinyJob("") + ",\"random\":{\"samples\":3,\"seed\":99,\"space\":{"
                + "\"training.learningRate\":{\"min\":0.01,\"max\":0.1,\"log\":true}}},\"seeds\":[5]}";
        JsonNode a = api.post("/api/v1/sweeps", body).json();
        JsonNode b = api.post("/api/v1/sweeps", body).json();
        assertThat(a.get("points")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            double lr = a.get("points")
                    .get(i)
                    .get("parameters")
                    .get("training.learningRate")
                    .asDouble();
            assertThat(lr).isBetween(0.01, 0.1);
            assertThat(b.get("points").get(i).get("parameters"))
                    .isEqualTo(a.get("points").get(i).get("parameters"));
        }
        assertThat(awaitSweep(a.get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
    }
}
