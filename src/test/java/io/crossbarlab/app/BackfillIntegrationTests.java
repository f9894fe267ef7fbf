package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Backfill without starvation: a job that does not fit yet may be overtaken by smaller ones only
 * within the backfill window; after it, the node starts nothing else until the large job runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:backfill;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=backfill-node",
            "crossbar.scheduler.tiles=16",
            "crossbar.scheduler.simulation-threads=3",
            "crossbar.scheduler.backfill-window=3s",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.poll-interval=100ms"
        })
class BackfillIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    // 784-64-10 on 128 x 128 job tiles: 8 pool tiles (7 + 1); 784-8-10 on 64 x 64: 14. The long job
    // must outlast the test whatever the simulator's speed: 1,000 epochs of 8,000 examples.
    static final String EIGHT_TILES_LONG =
            "{\"network\":{\"layers\":[784,64,10]},\"hardware\":{\"tileRows\":128,\"tileCols\":128},\"training\":{\"epochs\":1000}}";
    static final String FOURTEEN_TILES =
            "{\"network\":{\"layers\":[784,8,10]},\"hardware\":{\"tileRows\":64,\"tileCols\":64},"
                    + "\"dataset\":{\"trainLimit\":100,\"testLimit\":50},\"training\":{\"epochs\":1}}";
    static final String SMALL = Api.tinyJob("");

    @Test
    void smallJobsBackfillOnlyWithinTheWindowSoTheLargeJobDoesNotStarve() throws Exception {
        Api api = new Api(port);
        String running =
                api.post("/api/v1/jobs", EIGHT_TILES_LONG).json().get("id").asString();
        assertThat(api.awaitState(running, "RUNNING", TIMEOUT).get("state").asString())
                .isEqualTo("RUNNING");

        String large = api.post("/api/v1/jobs", FOURTEEN_TILES).json().get("id").asString();
        String early = api.post("/api/v1/jobs", SMALL).json().get("id").asString();
        // within the window the small job overtakes the large one, which cannot fit beside the long job
        assertThat(api.awaitState(early, "SUCCEEDED", TIMEOUT).get("state").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/jobs/" + large).json().get("state").asString())
                .isEqualTo("QUEUED");

        Thread.sleep(3500); // past the backfill window
        String late = api.post("/api/v1/jobs", SMALL).json().get("id").asString();
        Thread.sleep(1000);
        assertThat(api.get("/api/v1/jobs/" + late).json().get("state").asString())
                .as("no backfill once the head job has waited past the window")
                .isEqualTo("QUEUED");

        api.post("/api/v1/jobs/" + running + "/cancel", null);
        JsonNode largeDone = api.awaitState(large, "SUCCEEDED", TIMEOUT);
        JsonNode lateDone = api.awaitState(late, "SUCCEEDED", TIMEOUT);
        assertThat(largeDone.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(lateDone.get("state").asString()).isEqualTo("SUCCEEDED");
        Instant largeStart =
                Instant.parse(largeDone.get("timings").get("startedAt").asString());
        Instant lateStart =
                Instant.parse(lateDone.get("timings").get("startedAt").asString());
        assertThat(lateStart).isAfterOrEqualTo(largeStart);
    }
}
