package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes of the packaged service, as three processes on three ports, on the machine's PostgreSQL:
 * 200 small jobs spread over them, then {@code kill -9} of a node while it runs jobs. Every job ends
 * SUCCEEDED exactly once (one SUCCEEDED event, its epochs once), the dead node's jobs are finished by
 * the others on their second attempt, and the recovery time is measured and reported. A sweep (2 x 2
 * grid x 3 seeds) submitted through the node that is killed, with runs of it on that node at the kill,
 * still ends with all 12 runs and three seeds behind every point.
 */
class ClusterProcessIntegrationTests {

    static final String SCHEMA = "crossbar_cluster";
    static final int JOBS = 200;
    static final int SWEEP_RUNS = 12;
    static final int TOTAL = JOBS + SWEEP_RUNS;
    static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    static List<String> nodeArgs(String url) {
        List<String> args = new ArrayList<>(NodeProcess.postgresArgs(url, SCHEMA, "3s"));
        args.add("--crossbar.scheduler.simulation-threads=2");
        return args;
    }

    static String job(int i) {
        return "{\"network\":{\"layers\":[784,16,10]},\"dataset\":{\"trainLimit\":600,\"testLimit\":100},"
                + "\"training\":{\"epochs\":2},\"labels\":{\"study\":\"cluster\"},\"reuse\":false,\"seed\":" + i + "}";
    }

    /** Ahead of the waiting jobs (priority 1) and a little longer, so its runs are in flight at the kill. */
    static final String SWEEP = """
            {"name": "cluster sweep", "priority": 1, "reuse": false,
             "base": {"network": {"layers": [784, 16, 10]}, "dataset": {"trainLimit": 600, "testLimit": 100},
                      "training": {"epochs": 4}},
             "grid": {"training.learningRate": [0.05, 0.1], "device.overrides.polarityInversion": [true, false]},
             "seeds": [1, 2, 3]}""";

    @Test
    void aNodeKilledWhileRunningJobsLosesNothingAndNoJobCompletesTwice() throws Exception {
        String url = TestDatabases.freshPostgresSchema(SCHEMA);
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            // the first node migrates the schema; the other two start side by side
            nodes.add(NodeProcess.start("node-a", dir, nodeArgs(url)).awaitReady(Duration.ofSeconds(90)));
            nodes.add(NodeProcess.start("node-b", dir, nodeArgs(url)));
            nodes.add(NodeProcess.start("node-c", dir, nodeArgs(url)));
            for (NodeProcess n : nodes) {
                n.awaitReady(Duration.ofSeconds(90));
            }

            // 200 submissions from 8 clients, spread over the three nodes' APIs
            Set<String> ids = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    for (int i = client; i < JOBS; i += 8) {
                        Api.Response r = nodes.get(i % 3)
                                .api()
                                .post("/api/v1/jobs", job(i), Map.of("Idempotency-Key", "cluster-" + i));
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
            clients.shutdown();
            assertThat(ids).hasSize(JOBS);
            // the sweep comes last but jumps the queue (priority 1): its runs start while jobs still wait
            Api.Response sweep = nodes.get(1).api().post("/api/v1/sweeps", SWEEP);
            assertThat(sweep.status()).as(sweep.body()).isEqualTo(202);
            String sweepId = sweep.json().get("id").asString();

            // kill node-b once it is running jobs, a sweep run among them, and some jobs have finished
            long end = System.nanoTime() + TIMEOUT.toNanos();
            List<String> heldByB = List.of();
            while (System.nanoTime() < end) {
                heldByB = strings(
                        url, "select cast(id as varchar) from job where node_id = 'node-b' and state = 'RUNNING'");
                long sweepRunsOnB = count(
                        url,
                        "select count(*) from job where node_id = 'node-b' and state = 'RUNNING' and sweep_id is not null");
                long done = count(url, "select count(*) from job where state = 'SUCCEEDED'");
                // a sweep run (4 epochs) checkpointed after its first or second epoch: it still has epochs to
                // go when the kill lands a moment later (a 2-epoch job checkpointed after its first may
                // finish in between, which CI saw once on a loaded machine)
                long checkpointedOnB = count(
                        url,
                        "select count(*) from job where node_id = 'node-b' and state = 'RUNNING' and sweep_id is not null"
                                + " and checkpoint_epoch > 0 and checkpoint_epoch <= 2");
                if (heldByB.size() >= 2 && sweepRunsOnB >= 1 && done >= 3 && checkpointedOnB >= 1) {
                    break;
                }
                Thread.sleep(20);
            }
            long killedAt = System.nanoTime();
            nodes.get(1).kill();
            // what the dead node leaves behind, read after its death (it may have finished a job meanwhile)
            heldByB =
                    strings(url, "select cast(id as varchar) from job where node_id = 'node-b' and state = 'RUNNING'");
            assertThat(heldByB).as("node-b was running jobs when it was killed").isNotEmpty();
            long sweepRunsKilled = count(
                    url,
                    "select count(*) from job where node_id = 'node-b' and state = 'RUNNING' and sweep_id is not null");
            assertThat(sweepRunsKilled)
                    .as("runs of the sweep were on node-b at the kill")
                    .isPositive();
            long succeededAtKill = count(url, "select count(*) from job where state = 'SUCCEEDED'");
            List<String> checkpointed = strings(
                    url,
                    "select cast(id as varchar) from job where node_id = 'node-b' and state = 'RUNNING'"
                            + " and checkpoint_epoch > 0");
            assertThat(checkpointed)
                    .as("node-b held jobs with a checkpoint at the kill")
                    .isNotEmpty();

            // recovery: the dead node's jobs run again elsewhere, and every job ends
            long recoveredAt = 0;
            while (System.nanoTime() < end) {
                if (recoveredAt == 0
                        && heldByB.stream().allMatch(id -> {
                            String node = nodeOf(url, id);
                            return node != null && !node.equals("node-b");
                        })) {
                    recoveredAt = System.nanoTime();
                }
                if (count(url, "select count(*) from job where state in ('QUEUED', 'RUNNING', 'CANCELLING')") == 0) {
                    break;
                }
                Thread.sleep(50);
            }
            long allDoneAt = System.nanoTime();
            assertThat(recoveredAt).as("node-b's jobs were taken over").isPositive();

            assertThat(count(url, "select count(*) from job")).isEqualTo(TOTAL);
            assertThat(count(url, "select count(*) from job where state = 'SUCCEEDED'"))
                    .as("every job succeeded")
                    .isEqualTo(TOTAL);
            assertThat(count(url, """
                            select count(*) from (select job_id from job_event where to_state = 'SUCCEEDED'
                            group by job_id having count(*) > 1) twice""")).as("no job completed twice").isZero();
            assertThat(count(url, "select count(*) from job_event where to_state = 'SUCCEEDED'"))
                    .isEqualTo(TOTAL);
            assertThat(count(url, """
                            select count(*) from (select j.id from job j left join job_epoch e on e.job_id = j.id
                            group by j.id, j.sweep_id
                            having count(e.job_id) <> case when j.sweep_id is null then 2 else 4 end) odd"""))
                    .as("every job has exactly its epochs (2, or 4 for the sweep's runs)")
                    .isZero();
            assertThat(count(url, """
                            select count(*) from (select j.id from job j left join job_event e on e.job_id = j.id
                            and e.type = 'EPOCH' group by j.id, j.sweep_id
                            having count(e.job_id) <> case when j.sweep_id is null then 2 else 4 end) odd""")).as("and exactly as many EPOCH events").isZero();

            // the sweep, read through a surviving node: every point has its three seeds
            tools.jackson.databind.JsonNode view =
                    nodes.get(0).api().get("/api/v1/sweeps/" + sweepId).json();
            assertThat(view.get("state").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
            assertThat(view.get("progress").get("succeeded").asInt()).isEqualTo(SWEEP_RUNS);
            assertThat(view.get("points")).hasSize(4);
            for (tools.jackson.databind.JsonNode point : view.get("points")) {
                assertThat(point.get("testAccuracy").get("n").asInt()).isEqualTo(3);
            }
            for (String id : heldByB) {
                assertThat(nodeOf(url, id)).isIn("node-a", "node-c");
                assertThat(count(url, "select attempt from job where cast(id as varchar) = '" + id + "'"))
                        .isEqualTo(2);
            }
            // the jobs that had a checkpoint continued from it on their new node, and their results are
            // the same bits as a run of the same spec and seed never interrupted (computed here)
            var mnist = new io.crossbarlab.app.catalog.DatasetLoader(Map.of()).load("mnist-10k");
            var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
            for (String id : checkpointed) {
                assertThat(count(
                                url,
                                "select count(*) from job_event where type = 'RESUMED' and attempt = 2"
                                        + " and cast(job_id as varchar) = '" + id + "'"))
                        .as("job %s continued from its checkpoint", id)
                        .isEqualTo(1);
                String spec = strings(url, "select spec from job where cast(id as varchar) = '" + id + "'")
                        .get(0);
                long seed = count(url, "select seed from job where cast(id as varchar) = '" + id + "'");
                var run = io.crossbarlab.sim.nn.RunSpec.resolve(
                        mapper.readValue(spec, io.crossbarlab.sim.nn.SimulationSpec.class), seed);
                var whole = io.crossbarlab.sim.nn.Trainer.train(
                        run, mnist.train(), mnist.test(), io.crossbarlab.sim.nn.TrainingListener.NONE, () -> false);
                List<String> stored = strings(
                        url,
                        "select concat(epoch, ' ', train_accuracy, ' ', train_loss, ' ', test_accuracy, ' ', test_loss)"
                                + " from job_epoch where cast(job_id as varchar) = '" + id + "' order by epoch");
                List<String> expected = whole.epochs().stream()
                        .map(e -> e.epoch() + " " + e.trainAccuracy() + " " + e.trainLoss() + " " + e.testAccuracy()
                                + " " + e.testLoss())
                        .toList();
                assertThat(stored.size()).isEqualTo(expected.size());
                for (int i = 0; i < stored.size(); i++) {
                    double[] a = java.util.Arrays.stream(stored.get(i).split(" "))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                    double[] b = java.util.Arrays.stream(expected.get(i).split(" "))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                    assertThat(a).as("job %s epoch %d", id, i + 1).containsExactly(b);
                }
            }
            Set<String> finishers = new HashSet<>(strings(url, "select distinct node_id from job"));
            long attempts2 = count(url, "select count(*) from job where attempt = 2");

            String report = String.format(
                    Locale.ROOT,
                    "cluster of 3 nodes (processes), PostgreSQL, lease 3 s, heartbeat 0.5 s: %d jobs and a sweep of "
                            + "%d runs accepted, %d succeeded (%d before the kill), 0 lost, 0 completed twice; node-b "
                            + "killed (SIGKILL) holding %d running jobs (%d of them sweep runs); all of them running "
                            + "elsewhere %.1f s after the kill; all %d jobs done %.1f s after it; jobs on a second "
                            + "attempt: %d (%d of them continued from an epoch checkpoint, results identical to an "
                            + "uninterrupted run); nodes that finished jobs: %s%n",
                    ids.size(),
                    SWEEP_RUNS,
                    TOTAL,
                    succeededAtKill,
                    heldByB.size(),
                    sweepRunsKilled,
                    (recoveredAt - killedAt) / 1e9,
                    TOTAL,
                    (allDoneAt - killedAt) / 1e9,
                    attempts2,
                    checkpointed.size(),
                    new java.util.TreeSet<>(finishers));
            System.out.print("RELIABILITY-REPORT " + report);
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("cluster.txt"), report);
        } finally {
            for (NodeProcess n : nodes) {
                n.close();
            }
        }
    }

    static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    static String nodeOf(String url, String id) {
        try {
            List<String> n = strings(url, "select node_id from job where cast(id as varchar) = '" + id + "'");
            return n.isEmpty() ? null : n.get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
