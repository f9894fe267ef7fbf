package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The tokens mode: every API request needs a live bearer token, an owner sees and cancels only its
 * own jobs and sweeps (another owner's are 404, not 403, so ids leak nothing), admins see everything
 * and manage tokens, a revoked token is 401 on its next request, and probes, Prometheus and the
 * dashboard's files stay open, with security headers on the dashboard.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=security-node",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.security.mode=tokens",
            "crossbar.security.bootstrap-admin-token=" + SecurityIntegrationTests.ADMIN
        })
class SecurityIntegrationTests {

    static final String ADMIN = "cbl_bootstrap-admin-token-for-the-security-tests-0001";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Api api;
    String alice;
    String bob;
    String bobId;

    @BeforeEach
    void tokens() {
        api = new Api(port);
        alice = createToken("alice", false).get("token").asString();
        JsonNode b = createToken("bob", false);
        bob = b.get("token").asString();
        bobId = b.get("id").asString();
    }

    JsonNode createToken(String owner, boolean admin) {
        Api.Response r = post("/api/v1/admin/tokens", "{\"owner\":\"" + owner + "\",\"admin\":" + admin + "}", ADMIN);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("token").asString()).startsWith("cbl_");
        return r.json();
    }

    Api.Response get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b.GET());
    }

    Api.Response post(String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b);
    }

    String submit(String token, String extra) {
        Api.Response r = post("/api/v1/jobs", Api.tinyJob(extra), token);
        assertThat(r.status()).isEqualTo(202);
        return r.json().get("id").asString();
    }

    @Test
    void withoutALiveTokenTheApiIsA401ProblemWhileProbesPrometheusAndTheDashboardStayOpen() {
        for (String token : new String[] {null, "cbl_unknown", "not-a-token"}) {
            Api.Response r = get("/api/v1/jobs", token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(r.json().get("type").asString()).endsWith("/unauthenticated");
        }
        assertThat(post("/api/v1/jobs", Api.tinyJob(""), null).status()).isEqualTo(401);
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(200);
        // the actuator exposes nothing else, with or without a token
        assertThat(get("/actuator/env", ADMIN).status()).isEqualTo(404);
        assertThat(get("/actuator/beans", ADMIN).status()).isEqualTo(404);
        Api.Response page = get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(get("/dashboard/app.js", null).header("Content-Security-Policy"))
                .isNotNull();
        assertThat(get("/v3/api-docs", null).status()).isEqualTo(200);
    }

    @Test
    void anotherOwnersJobIsNotFoundInEveryFormAndAnAdminSeesIt() {
        String job = submit(alice, "\"seed\":501");
        awaitEnd(job);
        for (String path : List.of(
                "/api/v1/jobs/" + job,
                "/api/v1/jobs/" + job + "/metrics",
                "/api/v1/jobs/" + job + "/metrics.csv",
                "/api/v1/jobs/" + job + "/result",
                "/api/v1/jobs/" + job + "/weights",
                "/api/v1/jobs/" + job + "/weights.npz",
                "/api/v1/jobs/" + job + "/events")) {
            Api.Response r = get(path, bob);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            assertThat(get(path, alice).status()).as(path).isEqualTo(200);
            assertThat(get(path, ADMIN).status()).as(path).isEqualTo(200);
        }
        assertThat(post("/api/v1/jobs/" + job + "/cancel", null, bob).status()).isEqualTo(404);
        assertThat(ids(get("/api/v1/jobs?pageSize=1000", bob))).doesNotContain(job);
        assertThat(ids(get("/api/v1/jobs?pageSize=1000", alice))).contains(job);
        assertThat(ids(get("/api/v1/jobs?pageSize=1000", ADMIN))).contains(job);
        // a running job of alice's cannot be cancelled by bob, and can by alice
        Api.Response longJob = post(
                "/api/v1/jobs",
                "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":200,\"testLimit\":100},"
                        + "\"training\":{\"epochs\":500},\"seed\":502}",
                alice);
        assertThat(longJob.status()).isEqualTo(202);
        String running = longJob.json().get("id").asString();
        assertThat(post("/api/v1/jobs/" + running + "/cancel", null, bob).status())
                .isEqualTo(404);
        assertThat(post("/api/v1/jobs/" + running + "/cancel", null, alice).status())
                .isEqualTo(200);
    }

    /** Polls a job (as the admin) until it has ended. */
    void awaitEnd(String id) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            String state = get("/api/v1/jobs/" + id, ADMIN).json().get("state").asString();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<String> ids(Api.Response page) {
        List<String> out = new ArrayList<>();
        page.json().get("jobs").forEach(j -> out.add(j.get("id").asString()));
        return out;
    }

    @Test
    void theSameIdempotencyKeyFromTwoOwnersMakesTwoJobs() {
        Api.Response a = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + alice)
                .header("Idempotency-Key", "shared-key-1")
                .POST(HttpRequest.BodyPublishers.ofString(Api.tinyJob("\"seed\":511"))));
        Api.Response b = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bob)
                .header("Idempotency-Key", "shared-key-1")
                .POST(HttpRequest.BodyPublishers.ofString(Api.tinyJob("\"seed\":512"))));
        assertThat(a.status()).isEqualTo(202);
        assertThat(b.status()).isEqualTo(202);
        assertThat(b.json().get("id").asString())
                .isNotEqualTo(a.json().get("id").asString());
        assertThat(b.json().get("seed").asLong()).isEqualTo(512);
    }

    @Test
    void anotherOwnersSweepIsNotFoundAndNotListed() {
        Api.Response created = post(
                "/api/v1/sweeps",
                "{\"base\":{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":200,\"testLimit\":100},"
                        + "\"training\":{\"epochs\":1}},\"grid\":{\"training.learningRate\":[0.05,0.1]},\"seeds\":[521]}",
                alice);
        assertThat(created.status()).isEqualTo(202);
        String sweep = created.json().get("id").asString();
        for (String path : List.of(
                "/api/v1/sweeps/" + sweep,
                "/api/v1/sweeps/" + sweep + "/curves",
                "/api/v1/sweeps/" + sweep + "/results.csv")) {
            assertThat(get(path, bob).status()).as(path).isEqualTo(404);
            assertThat(get(path, alice).status()).as(path).isEqualTo(200);
        }
        assertThat(post("/api/v1/sweeps/" + sweep + "/cancel", null, bob).status())
                .isEqualTo(404);
        assertThat(get("/api/v1/sweeps", bob).body()).doesNotContain(sweep);
        assertThat(get("/api/v1/sweeps", alice).body()).contains(sweep);
        assertThat(get("/api/v1/sweeps", ADMIN).body()).contains(sweep);
        // an admin extends alice's sweep: the new runs are alice's, not the admin's
        Api.Response extended = post("/api/v1/sweeps/" + sweep + "/extend", "{\"seeds\":[522]}", ADMIN);
        assertThat(extended.status()).isEqualTo(202);
        assertThat(ids(get("/api/v1/jobs?pageSize=1000&label=crossbar.sweep=" + sweep, alice)))
                .hasSize(4);
        // the sweep's runs are alice's too
        created.json()
                .get("points")
                .forEach(p -> p.get("runs")
                        .forEach(r -> assertThat(
                                        get("/api/v1/jobs/" + r.get("jobId").asString(), bob)
                                                .status())
                                .isEqualTo(404)));
    }

    @Test
    void theStreamOfAllJobsCarriesOnlyTheCallersJobs() throws Exception {
        CompletableFuture<List<String>> stream = CompletableFuture.supplyAsync(() -> readAllJobsStream(bob, 2));
        Thread.sleep(500);
        String alices = submit(alice, "\"seed\":531");
        awaitEnd(alices);
        String bobs = submit(bob, "\"seed\":532");
        List<String> seen = stream.get(60, TimeUnit.SECONDS);
        assertThat(seen).contains(bobs).doesNotContain(alices);
    }

    /** Job ids of the events of the all-jobs stream until {@code states} final states were seen (at most 60 s). */
    List<String> readAllJobsStream(String token, int finals) {
        List<String> jobs = new ArrayList<>();
        try {
            HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                int seenFinals = 0;
                while (seenFinals < finals - 1 && (line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        JsonNode e = mapper.readTree(line.substring(5));
                        jobs.add(e.get("jobId").asString());
                        if ("SUCCEEDED".equals(e.path("toState").asString(""))) {
                            seenFinals++;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jobs;
    }

    @Test
    void onlyAdminsManageTokensAndARevokedTokenIsRefusedAtOnce() {
        Api.Response denied = post("/api/v1/admin/tokens", "{\"owner\":\"mallory\",\"admin\":true}", bob);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/admin/tokens", alice).status()).isEqualTo(403);
        Api.Response listed = get("/api/v1/admin/tokens", ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"owner\":\"bob\"").doesNotContain(bob);
        listed.json().forEach(t -> assertThat(t.get("token").isNull()).isTrue());
        Api.Response bad = post("/api/v1/admin/tokens", "{\"owner\":\"has space\"}", ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("owner");

        assertThat(get("/api/v1/jobs", bob).status()).isEqualTo(200);
        assertThat(post("/api/v1/admin/tokens/" + bobId + "/revoke", null, ADMIN)
                        .status())
                .isEqualTo(204);
        assertThat(get("/api/v1/jobs", bob).status()).isEqualTo(401);
        assertThat(post("/api/v1/admin/tokens/" + bobId + "/revoke", null, ADMIN)
                        .status())
                .as("idempotent")
                .isEqualTo(204);
        assertThat(post("/api/v1/admin/tokens/00000000-0000-0000-0000-000000000000/revoke", null, ADMIN)
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/jobs", alice).status()).isEqualTo(200);
    }
}
