package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.ops.KubernetesManifestsTests;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One jar in two roles, as separate processes on one PostgreSQL, the way Kubernetes runs them
 * (ops/k8s): an API process (crossbar.role=api) takes submissions and runs nothing; a worker process
 * (crossbar.role=worker) runs them and answers only the actuator. The KEDA scaler's query, read from
 * the manifest, is run against the same database as jobs queue up, run and end; and a worker stopped
 * with SIGTERM hands its running job back to the queue at once, for the next worker to continue.
 */
class RoleProcessIntegrationTests {

    static final String SCHEMA = "roles_it";
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    static List<String> args(String url, String role) {
        // a lease long enough that only the worker's own shutdown can requeue its job within the test
        List<String> args = new ArrayList<>(NodeProcess.postgresArgs(url, SCHEMA, "60s"));
        args.add("--crossbar.role=" + role);
        return args;
    }

    static long kedaDemand(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(KubernetesManifestsTests.kedaQuery())) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void anApiProcessAndWorkerProcessesShareOnePostgresqlAndKedaSeesTheirTileDemand() throws Exception {
        String url = TestDatabases.freshPostgresSchema(SCHEMA);
        List<NodeProcess> started = new ArrayList<>();
        try {
            NodeProcess api = NodeProcess.start("api-1", dir, args(url, "api")).awaitReady(Duration.ofSeconds(90));
            started.add(api);
            Api client = api.api();
            assertThat(kedaDemand(url)).isZero();

            // no worker yet: the jobs queue, and the demand KEDA reads is their tiles
            List<String> ids = new ArrayList<>();
            long tiles = 0;
            for (int i = 0; i < 4; i++) {
                JsonNode job = client.post(
                                "/api/v1/jobs",
                                "{\"network\":{\"layers\":[784,16,10]},\"dataset\":{\"trainLimit\":300,\"testLimit\":100},"
                                        + "\"training\":{\"epochs\":2},\"seed\":" + (100 + i) + "}")
                        .json();
                ids.add(job.get("id").asString());
                tiles += job.get("tilesRequired").asLong();
            }
            Thread.sleep(1500);
            for (String id : ids) {
                assertThat(client.get("/api/v1/jobs/" + id).json().get("state").asString())
                        .isEqualTo("QUEUED");
            }
            assertThat(tiles).isPositive();
            assertThat(kedaDemand(url)).isEqualTo(tiles);
            assertThat(client.get("/api/v1/nodes").json().size())
                    .as("an API process registers no tiles")
                    .isZero();

            NodeProcess worker =
                    NodeProcess.start("worker-1", dir, args(url, "worker")).awaitReady(Duration.ofSeconds(90));
            started.add(worker);
            // a worker serves the actuator only
            Api.Response refused = worker.api().get("/api/v1/jobs");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString()).contains("crossbar.role=worker");
            assertThat(worker.api().get("/").status()).isEqualTo(404);
            assertThat(worker.api().get("/actuator/prometheus").status()).isEqualTo(200);
            assertThat(worker.api().get("/actuator/health/liveness").status()).isEqualTo(200);

            for (String id : ids) {
                JsonNode job = client.awaitState(id, "SUCCEEDED", TIMEOUT);
                assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
                assertThat(job.get("placement").get("node").asString()).isEqualTo("worker-1");
            }
            assertThat(kedaDemand(url)).isZero();
            JsonNode nodes = client.get("/api/v1/nodes").json();
            assertThat(nodes.size()).isEqualTo(1);
            assertThat(nodes.get(0).toString()).contains("worker-1");

            // SIGTERM: the worker hands its running job back before it exits (the lease is 60 s)
            String longJob = client.post(
                            "/api/v1/jobs",
                            "{\"network\":{\"layers\":[784,32,10]},\"dataset\":{\"trainLimit\":1000,\"testLimit\":100},"
                                    + "\"training\":{\"epochs\":40},\"seed\":7}")
                    .json()
                    .get("id")
                    .asString();
            long end = System.nanoTime() + TIMEOUT.toNanos();
            JsonNode running;
            do {
                Thread.sleep(100);
                running = client.get("/api/v1/jobs/" + longJob).json();
            } while (running.get("progress").get("epochsDone").asInt() < 2 && System.nanoTime() < end);
            assertThat(running.get("state").asString()).isEqualTo("RUNNING");
            long longTiles = running.get("tilesRequired").asLong();
            assertThat(kedaDemand(url)).isEqualTo(longTiles);
            long stopped = System.nanoTime();
            worker.stop(Duration.ofSeconds(60));
            JsonNode handedBack = client.get("/api/v1/jobs/" + longJob).json();
            assertThat(handedBack.get("state").asString()).isEqualTo("QUEUED");
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(30));
            assertThat(kedaDemand(url))
                    .as("still demanded: KEDA keeps a worker for it")
                    .isEqualTo(longTiles);

            NodeProcess second =
                    NodeProcess.start("worker-2", dir, args(url, "worker")).awaitReady(Duration.ofSeconds(90));
            started.add(second);
            JsonNode done = client.awaitState(longJob, "SUCCEEDED", TIMEOUT);
            assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("placement").get("node").asString()).isEqualTo("worker-2");
            assertThat(done.get("result").get("epochs").size()).isEqualTo(40);
            try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from job_event where type = 'RESUMED' and job_id = '"
                            + java.util.UUID.fromString(longJob) + "'")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("continued from its last checkpoint")
                        .isEqualTo(1);
            }
            assertThat(kedaDemand(url)).isZero();
        } catch (AssertionError | RuntimeException e) {
            for (NodeProcess n : started) {
                System.err.println("---- " + n.name + "\n" + n.tail());
            }
            throw e;
        } finally {
            for (NodeProcess n : started) {
                if (n.isAlive()) {
                    n.stop(Duration.ofSeconds(30));
                }
            }
        }
    }
}
