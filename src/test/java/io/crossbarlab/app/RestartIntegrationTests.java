package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.scheduler.Scheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Restarts over the default file database: what finished before a restart is still there after it,
 * and a job the process was running when it died is requeued at the next start and finishes.
 */
class RestartIntegrationTests {

    @TempDir
    Path dir;

    ConfigurableApplicationContext start(String url) {
        return start(url, "300ms");
    }

    ConfigurableApplicationContext start(String url, String heartbeat) {
        return new SpringApplicationBuilder(CrossbarLabApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--crossbar.scheduler.node-id=restart-node",
                        "--crossbar.scheduler.heartbeat=" + heartbeat,
                        "--crossbar.scheduler.poll-interval=100ms");
    }

    static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void finishedJobsSurviveARestartAndAJobLeftRunningByACrashIsRequeuedAndFinishes() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("crossbar")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String finished;
        double accuracy;
        try (ConfigurableApplicationContext first = start(url)) {
            Api api = new Api(port(first));
            Api.Response r = api.post("/api/v1/jobs", Api.tinyJob("\"seed\":21"));
            finished = r.json().get("id").asString();
            JsonNode done = api.awaitState(finished, "SUCCEEDED", Duration.ofSeconds(60));
            assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
            accuracy = done.get("result").get("testAccuracy").asDouble();
        }

        // What a process killed in the middle of a run leaves behind: a RUNNING row owned by this node.
        UUID crashed = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                PreparedStatement s = c.prepareStatement("""
                        insert into job (id, name, state, priority, spec, spec_hash, seed, simulator_version,
                            tiles_required, node_id, tiles, lease_expires_at, attempt, max_attempts, progress_epoch,
                            progress_examples, total_examples, created_at, started_at)
                        select ?, 'crashed', 'RUNNING', priority, spec, spec_hash, seed, simulator_version,
                            tiles_required, 'restart-node', '0,1,2', current_timestamp + interval '1' hour, 1, max_attempts,
                            1, 200, total_examples, current_timestamp, current_timestamp
                        from job where id = ?""")) {
            s.setObject(1, crashed);
            s.setObject(2, UUID.fromString(finished));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start(url)) {
            Api api = new Api(port(second));
            JsonNode before = api.get("/api/v1/jobs/" + finished).json();
            assertThat(before.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(before.get("result").get("testAccuracy").asDouble()).isEqualTo(accuracy);
            assertThat(api.get("/api/v1/jobs/" + finished + "/metrics").json().size())
                    .isEqualTo(2);

            JsonNode recovered = api.awaitState(crashed.toString(), "SUCCEEDED", Duration.ofSeconds(60));
            assertThat(recovered.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(recovered.get("attempt").asInt()).isEqualTo(2);
            // same spec and seed as the first job: the rerun reproduces its result exactly
            assertThat(recovered.get("result").get("testAccuracy").asDouble()).isEqualTo(accuracy);
            JsonNode events = api.get("/api/v1/jobs?state=SUCCEEDED").json();
            assertThat(events.get("jobs").size()).isEqualTo(2);
        }
    }

    /**
     * A lifecycle stop of the node (shutdown, or a test context paused by Spring) while its heartbeat
     * writes to the embedded database must leave that database open: an interrupt that lands in one of
     * H2's file operations closes the database for every thread. Forty stops and starts with a heartbeat
     * every millisecond, then a job runs to the end.
     */
    @Test
    void stoppingTheNodeWhileItsHeartbeatWritesLeavesTheEmbeddedDatabaseOpen() throws Exception {
        // as the default database: every commit written to the file by the committing thread
        String url = "jdbc:h2:file:" + dir.resolve("stops")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        try (ConfigurableApplicationContext ctx = start(url, "1ms")) {
            Scheduler scheduler = ctx.getBean(Scheduler.class);
            for (int k = 0; k < 40; k++) {
                Thread.sleep(5); // a few heartbeats in flight
                scheduler.stop();
                scheduler.start();
            }
            Api api = new Api(port(ctx));
            Api.Response r = api.post("/api/v1/jobs", Api.tinyJob("\"seed\":22"));
            assertThat(r.status()).isEqualTo(202);
            JsonNode done = api.awaitState(r.json().get("id").asString(), "SUCCEEDED", Duration.ofSeconds(60));
            assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
        }
    }
}
