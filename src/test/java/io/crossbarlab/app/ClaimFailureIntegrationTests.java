package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.job.FaultyJobLeases;
import io.crossbarlab.app.scheduler.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.JsonNode;

/**
 * A claim pass that fails half-way (the database refuses the RUNNING write after the node has set
 * tiles aside) gives those tiles back: more failed passes than the pool has room for leave the node
 * still able to run the job once the database answers again. A job whose own RUNNING write fails for
 * another reason is passed over for a lease, so the jobs queued behind it still run.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:claimfail;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=claim-fail-node",
            "crossbar.scheduler.tiles=16",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=3s",
            "crossbar.scheduler.poll-interval=50ms"
        })
@Import(FaultInjection.class)
class ClaimFailureIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FaultyJobLeases leases;

    @Autowired
    Scheduler scheduler;

    @Test
    void failedClaimsReleaseTheirTiles() {
        // a 784-8-10 job takes 3 pool tiles: ten failed passes would leak 30 of 16 without the release
        AtomicInteger failures = new AtomicInteger();
        leases.fault(id -> {
            if (failures.incrementAndGet() <= 10) {
                throw new DataAccessResourceFailureException("injected: the RUNNING write failed");
            }
        });

        Api api = new Api(port);
        String id = api.post("/api/v1/jobs", Api.tinyJob("\"reuse\":false"))
                .json()
                .get("id")
                .asString();
        JsonNode done = api.awaitState(id, "SUCCEEDED", Duration.ofSeconds(60));

        assertThat(failures.get()).as("the claim was refused ten times first").isGreaterThan(10);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempt").asInt()).isEqualTo(1);
        assertThat(scheduler.pool().free()).isEqualTo(scheduler.pool().capacity());
    }

    @Test
    void aJobThatCannotBeClaimedDoesNotHoldUpTheQueue() {
        Api api = new Api(port);
        AtomicInteger refusals = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> poison =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean healed = new java.util.concurrent.atomic.AtomicBoolean();
        leases.fault(jobId -> {
            String id = jobId.toString();
            // until the poison job's id is known every claim is refused, so it cannot slip through
            if (!healed.get() && (poison.get() == null || poison.get().equals(id))) {
                refusals.incrementAndGet();
                throw new org.springframework.dao.DataIntegrityViolationException("injected: this row is bad");
            }
        });
        // submitted first and with the higher priority: the poison job heads the queue at every pass
        poison.set(api.post("/api/v1/jobs", Api.tinyJob("\"reuse\":false,\"priority\":5"))
                .json()
                .get("id")
                .asString());
        String behind = api.post("/api/v1/jobs", Api.tinyJob("\"reuse\":false,\"seed\":2"))
                .json()
                .get("id")
                .asString();
        JsonNode done = api.awaitState(behind, "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/jobs/" + poison.get()).json().get("state").asString())
                .isEqualTo("QUEUED");

        // once its write succeeds again (after the pass-over of one lease) it runs too
        healed.set(true);
        JsonNode later = api.awaitState(poison.get(), "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(later.get("state").asString()).as(later.toString()).isEqualTo("SUCCEEDED");
        assertThat(refusals.get()).isPositive();
        assertThat(scheduler.pool().free()).isEqualTo(scheduler.pool().capacity());
    }
}
