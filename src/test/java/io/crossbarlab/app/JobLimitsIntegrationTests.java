package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every bound on a job's cost, at its boundary, on a node whose limits are small enough to reach with
 * small jobs. Work is synapses x training examples x epochs; 784-8-10 has 785*8 + 9*10 = 6,370
 * synapses and 784-100-10 has 79,510.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:limits;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=limits-node",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.scheduler.simulation-threads=2",
            "crossbar.scheduler.tiles=16",
            "crossbar.scheduler.reserved-tiles=4",
            "crossbar.scheduler.long-job-work=3000000",
            "crossbar.scheduler.heap-per-job=4MB",
            "crossbar.limits.max-work-without-wall-time=2548000",
            "crossbar.limits.max-work=63608000000",
            "crossbar.limits.default-wall-time=60s",
            "crossbar.limits.max-wall-time=100s"
        })
class JobLimitsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    long jobs() {
        return jdbc.sql("select count(*) from job").query(Long.class).single();
    }

    static String tiny(int trainLimit, String extra) {
        return "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":" + trainLimit
                + ",\"testLimit\":20},\"training\":{\"epochs\":2}" + extra + "}";
    }

    static void assertLimit(Api.Response r, String limit, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/limit-exceeded");
        assertThat(r.json().get("limit").asString()).isEqualTo(limit);
        assertThat(r.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
    }

    @Test
    void workAboveTheFreeLimitNeedsAStatedWallTimeAndNoJobPassesTheMaximum() {
        long before = jobs();
        // 6,370 x 200 x 2 = 2,548,000: exactly the limit
        assertThat(api.post("/api/v1/jobs", tiny(200, "")).status()).isEqualTo(202);
        // one example more: 2,560,740
        Api.Response over = api.post("/api/v1/jobs", tiny(201, ""));
        assertLimit(over, "crossbar.limits.max-work-without-wall-time", "limits.wallTimeSeconds");
        assertThat(over.json().get("limitValue").asLong()).isEqualTo(2_548_000);
        assertThat(over.body()).contains("2560740 synapse-examples");
        assertThat(api.post("/api/v1/jobs", tiny(201, ",\"limits\":{\"wallTimeSeconds\":60}"))
                        .status())
                .isEqualTo(202);

        // 79,510 x 8,000 x 100 = 63,608,000,000: exactly the maximum; 101 epochs are refused
        String big = "{\"network\":{\"layers\":[784,100,10]},\"device\":{\"scheme\":\"FLOATING_POINT\"},"
                + "\"limits\":{\"wallTimeSeconds\":60},\"training\":{\"epochs\":%d}}";
        Api.Response atMax = api.post("/api/v1/jobs", String.format(big, 100));
        assertThat(atMax.status()).as(atMax.body()).isEqualTo(202);
        assertLimit(api.post("/api/v1/jobs", String.format(big, 101)), "crossbar.limits.max-work", "training.epochs");
        assertThat(jobs() - before).isEqualTo(3);
        api.post("/api/v1/jobs/" + atMax.json().get("id").asString() + "/cancel", null);
    }

    @Test
    void aStatedWallTimeIsBetweenOneSecondAndTheMaximum() {
        long before = jobs();
        assertThat(api.post("/api/v1/jobs", tiny(10, ",\"limits\":{\"wallTimeSeconds\":100}"))
                        .status())
                .isEqualTo(202);
        Api.Response over = api.post("/api/v1/jobs", tiny(10, ",\"limits\":{\"wallTimeSeconds\":101}"));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("errors").toString()).contains("limits.wallTimeSeconds", "between 1 and 100");
        assertThat(api.post("/api/v1/jobs", tiny(10, ",\"limits\":{\"wallTimeSeconds\":0}"))
                        .status())
                .isEqualTo(400);
        assertThat(jobs() - before).isEqualTo(1);
    }

    @Test
    void aJobPastItsWallTimeFailsAndSaysWhy() {
        String id = api.post(
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,100,10]},\"device\":{\"scheme\":\"PCM_PAIR\"},"
                                + "\"training\":{\"epochs\":50},\"limits\":{\"wallTimeSeconds\":1}}")
                .json()
                .get("id")
                .asString();
        JsonNode job = api.awaitState(id, "FAILED", Duration.ofSeconds(60));
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asString()).contains("wall-time limit of 1 s");
        assertThat(job.get("timings").get("runSeconds").asDouble()).isBetween(1.0, 10.0);
    }

    @Test
    void aNetworkWhoseHeapANodeCannotSpareIsRefused() {
        long before = jobs();
        String spec = "{\"network\":{\"layers\":[784,250,10]},\"device\":{\"scheme\":\"%s\"},"
                + "\"dataset\":{\"trainLimit\":10},\"training\":{\"epochs\":1}}";
        Api.Response analog = api.post("/api/v1/jobs", String.format(spec, "PCM_3T1C"));
        assertLimit(analog, "crossbar.scheduler.heap-per-job", "network.layers");
        assertThat(analog.json().get("limitValue").asLong()).isEqualTo(4L * 1024 * 1024);
        assertThat(analog.body()).contains("MB of heap", "198760 synapses");
        Api.Response fp = api.post("/api/v1/jobs", String.format(spec, "FLOATING_POINT"));
        assertThat(fp.status()).as(fp.body()).isEqualTo(202);
        assertThat(jobs() - before).isEqualTo(1);
    }

    @Test
    void shortJobsKeepFlowingWhileLongJobsRunAndALongJobNeverTakesTheReservedTiles() throws Exception {
        // long: 79,510 synapses x 8,000 x 20 epochs, far above crossbar.scheduler.long-job-work
        String longJob = "{\"network\":{\"layers\":[784,100,10]},\"device\":{\"scheme\":\"PCM_PAIR\"},"
                + "\"training\":{\"epochs\":20},\"limits\":{\"wallTimeSeconds\":100}}";
        List<String> longs = List.of(
                api.post("/api/v1/jobs", longJob).json().get("id").asString(),
                api.post("/api/v1/jobs", longJob).json().get("id").asString());
        AtomicLong maxLongRunning = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                long n = jdbc.sql("select count(*) from job where state = 'RUNNING' and work > 3000000")
                        .query(Long.class)
                        .single();
                maxLongRunning.accumulateAndGet(n, Math::max);
            }
        });
        sampler.start();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!api.get("/api/v1/jobs/" + longs.get(0))
                        .json()
                        .get("state")
                        .asString()
                        .equals("RUNNING")
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<String> shorts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shorts.add(api.post("/api/v1/jobs", tiny(100, "")).json().get("id").asString());
        }
        for (String id : shorts) {
            assertThat(api.awaitState(id, "SUCCEEDED", Duration.ofSeconds(60))
                            .get("state")
                            .asString())
                    .isEqualTo("SUCCEEDED");
        }
        // the short jobs finished while the first long job was still running and the second waited
        assertThat(api.get("/api/v1/jobs/" + longs.get(0)).json().get("state").asString())
                .isEqualTo("RUNNING");
        assertThat(api.get("/api/v1/jobs/" + longs.get(1)).json().get("state").asString())
                .isEqualTo("QUEUED");
        sampling.set(false);
        sampler.join();
        assertThat(maxLongRunning.get())
                .as("long jobs running at once on a two-thread node")
                .isEqualTo(1);
        for (String id : longs) {
            api.post("/api/v1/jobs/" + id + "/cancel", null);
        }

        // 784-200-10 on 128 x 128 job tiles takes 14 + 2 = 16 pool tiles: more than a long job may hold
        Api.Response wide = api.post(
                "/api/v1/jobs",
                "{\"network\":{\"layers\":[784,200,10]},\"hardware\":{\"tileRows\":128,\"tileCols\":128},"
                        + "\"device\":{\"scheme\":\"FLOATING_POINT\"},\"limits\":{\"wallTimeSeconds\":60}}");
        assertLimit(wide, "crossbar.scheduler.reserved-tiles", "network.layers");
        assertThat(wide.body()).contains("at most 12 of a node's 16 tiles", "needs 16");
    }
}
