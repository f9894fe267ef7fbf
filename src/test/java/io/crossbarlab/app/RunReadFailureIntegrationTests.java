package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.job.FaultyJobProgress;
import io.crossbarlab.app.job.FaultyJobProgress.Call;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A database failure in one of a run's reads (its checkpoint lookup at the start, its checkpoint
 * stream when it resumes) is retried like its writes: the job still succeeds, and is never FAILED
 * for it. Found by {@link DatabaseFaultIntegrationTests}, where a backend killed during a run's
 * checkpoint lookup once ended the job FAILED with "an internal error".
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:runreadfail;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=read-fail-node",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=2s",
            "crossbar.scheduler.poll-interval=50ms",
            "crossbar.scheduler.checkpoint-interval=0s"
        })
@Import(FaultInjection.class)
class RunReadFailureIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FaultyJobProgress progress;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void heal() {
        progress.heal();
    }

    /** Submits a small job and waits until it ends; returns the job as read then. */
    JsonNode runToEnd(String extra) {
        Api api = new Api(port);
        String id =
                api.post("/api/v1/jobs", Api.tinyJob(extra)).json().get("id").asString();
        return api.awaitState(id, "SUCCEEDED", Duration.ofSeconds(60));
    }

    long events(String id, String type) {
        return jdbc.sql("select count(*) from job_event where job_id = ? and type = ?")
                .params(UUID.fromString(id), type)
                .query(Long.class)
                .single();
    }

    @Test
    void aFailedCheckpointLookupIsRetriedAndTheJobSucceedsInItsFirstAttempt() {
        AtomicInteger failures = new AtomicInteger();
        progress.fault((call, id, at) -> {
            if (call == Call.CHECKPOINT_LOOKUP && failures.incrementAndGet() <= 3) {
                throw new DataAccessResourceFailureException("injected: terminating connection");
            }
            return true;
        });
        JsonNode done = runToEnd("\"reuse\":false");

        assertThat(failures.get())
                .as("the lookup failed three times, then passed")
                .isEqualTo(4);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aCheckpointStreamCutMidwayIsReadAgainAndTheRunResumesFromIt() {
        AtomicBoolean dropped = new AtomicBoolean();
        AtomicBoolean cut = new AtomicBoolean();
        progress.fault((call, id, at) -> {
            // the first run loses its job at its second epoch (after its checkpoint after the first),
            // so the job is requeued and resumed; the resuming read fails once in mid-stream
            if (call == Call.EPOCH && at == 2 && dropped.compareAndSet(false, true)) {
                return false;
            }
            if (call == Call.CHECKPOINT_READ && at > 0 && cut.compareAndSet(false, true)) {
                throw new DataAccessResourceFailureException("injected: connection reset in mid-stream");
            }
            return true;
        });
        JsonNode done = runToEnd("\"reuse\":false,\"seed\":2");
        String id = done.get("id").asString();

        assertThat(dropped).as("the first run lost its job").isTrue();
        assertThat(cut).as("the checkpoint read was cut").isTrue();
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempt").asInt()).isEqualTo(2);
        assertThat(events(id, "RESUMED"))
                .as("the second attempt continued from the checkpoint")
                .isEqualTo(1);
        assertThat(done.get("result").get("epochs").size()).isEqualTo(2);
    }
}
