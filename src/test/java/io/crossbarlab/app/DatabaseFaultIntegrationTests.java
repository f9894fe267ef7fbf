package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The node on the machine's PostgreSQL through a proxy that can cut the database away, and under
 * backends killed by PostgreSQL itself. Whatever the fault: requests during it get 503 problem
 * responses (never 500), readiness says DOWN while liveness stays UP, the node recovers by itself, and
 * every accepted job ends SUCCEEDED exactly once, none lost and none left RUNNING.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "crossbar.scheduler.node-id=fault-node",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=6s",
            "crossbar.scheduler.poll-interval=100ms",
            "spring.datasource.hikari.connection-timeout=500",
            "spring.datasource.hikari.validation-timeout=400",
            "spring.jdbc.template.query-timeout=2s"
        })
@ActiveProfiles("postgres")
// the suite is about the API and the database, in the anonymous mode (SecurityIntegrationTests: tokens)
@org.springframework.test.context.TestPropertySource(properties = "crossbar.security.mode=anonymous")
class DatabaseFaultIntegrationTests {

    static final String SCHEMA = "crossbar_fault";
    static final String APPLICATION = "crossbar-fault-test";
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final TcpProxy PROXY;

    static {
        try {
            PROXY = new TcpProxy("127.0.0.1", 5432);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgresSchema(SCHEMA);
        String url = "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/test?currentSchema=" + SCHEMA
                + "&ApplicationName=" + APPLICATION + "&connectTimeout=2&socketTimeout=30";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestDatabases.PG_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void closeProxy() throws Exception {
        PROXY.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        PROXY.restore();
        api = new Api(port);
    }

    /** A job of a few seconds with several epochs, so that it is mid-run when the fault hits. */
    static String job(String study, int seed) {
        return "{\"network\":{\"layers\":[784,32,10]},\"dataset\":{\"trainLimit\":1500,\"testLimit\":200},"
                + "\"training\":{\"epochs\":4},\"labels\":{\"study\":\"" + study + "\"},\"reuse\":false,\"seed\":"
                + seed + "}";
    }

    List<String> submitAndAwaitRunning(String study, int n) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Api.Response r = api.post("/api/v1/jobs", job(study, i));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            ids.add(r.json().get("id").asString());
        }
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end
                && jdbc.sql("select count(*) from job where state = 'RUNNING'")
                                .query(Long.class)
                                .single()
                        == 0) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // into the run, past its first writes
        return ids;
    }

    /** Every job ended SUCCEEDED, with one SUCCEEDED event and all its epochs. */
    void assertAllSucceededOnce(List<String> ids) {
        for (String id : ids) {
            JsonNode job = api.awaitState(id, "SUCCEEDED", TIMEOUT);
            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(api.get("/api/v1/jobs/" + id + "/metrics").json().size()).isEqualTo(4);
            assertThat(jdbc.sql("select count(*) from job_event where job_id = ? and to_state = 'SUCCEEDED'")
                            .param(UUID.fromString(id))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from job where state in ('RUNNING', 'CANCELLING', 'QUEUED')")
                        .query(Long.class)
                        .single())
                .as("nothing left queued or running")
                .isZero();
    }

    @Test
    void anOutageShorterThanALeaseIsRiddenOutAndRequestsDuringItGet503() throws Exception {
        List<String> ids = submitAndAwaitRunning("short-outage", 4);
        PROXY.cut();
        long cutAt = System.nanoTime();
        // the database comes back after 3 s, however long the requests below take (the lease is 6 s)
        var restorer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        var unused = restorer.schedule(PROXY::restore, 3, java.util.concurrent.TimeUnit.SECONDS);
        restorer.shutdown();
        String key = "outage-" + UUID.randomUUID();
        Api.Response during = api.post("/api/v1/jobs", job("short-outage", 99), Map.of("Idempotency-Key", key));
        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(during.json().get("type").asString()).endsWith("/unavailable");
        assertThat(during.header("Retry-After")).isEqualTo("5");
        Api.Response read = api.get("/api/v1/jobs/" + ids.get(0));
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(System.nanoTime() - cutAt)
                .as("the checks above ran while the database was away")
                .isLessThan(Duration.ofSeconds(3).toNanos());
        assertThat(restorer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();

        // the client retries its submission with the same key until the database is back: one job
        Api.Response retried;
        long end = System.nanoTime() + TIMEOUT.toNanos();
        do {
            retried = api.post("/api/v1/jobs", job("short-outage", 99), Map.of("Idempotency-Key", key));
        } while (retried.status() == 503 && System.nanoTime() < end);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        long recovered = System.nanoTime();
        ids.add(retried.json().get("id").asString());
        assertThat(jdbc.sql("select count(*) from job where idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        assertAllSucceededOnce(ids);
        // shorter than a lease: the runs went on where they were, no job needed a second attempt
        assertThat(jdbc.sql("""
                        select max(j.attempt) from job j join job_label l on l.job_id = j.id
                        where l.label_key = 'study' and l.label_value = 'short-outage'""").query(Integer.class).single()).isEqualTo(1);
        awaitReady();
        System.out.printf(
                "FAULT-REPORT short outage 3 s (lease 6 s): %d jobs, 0 lost, 0 duplicated, accepting again %.1f s after the cut%n",
                ids.size(), (recovered - cutAt) / 1e9);
    }

    @Test
    void anOutageLongerThanALeaseRequeuesTheJobsAndEachStillSucceedsOnce() throws Exception {
        List<String> ids = submitAndAwaitRunning("long-outage", 4);
        PROXY.cut();
        long cutAt = System.nanoTime();
        Thread.sleep(8000); // longer than the 6 s lease
        PROXY.restore();
        awaitReady();
        long ready = System.nanoTime();
        assertAllSucceededOnce(ids);
        long done = System.nanoTime();
        System.out.printf(
                "FAULT-REPORT long outage 8 s (lease 6 s): %d jobs, 0 lost, 0 duplicated, ready %.1f s after the cut, all done %.1f s after it%n",
                ids.size(), (ready - cutAt) / 1e9, (done - cutAt) / 1e9);
    }

    @Test
    void backendsKilledByPostgresAreReplacedAndNoJobIsLost() throws Exception {
        List<String> ids = submitAndAwaitRunning("terminated", 4);
        int killed = 0;
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
            for (int round = 0; round < 3; round++) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                                + "where application_name = '" + APPLICATION + "' and pid <> pg_backend_pid()")) {
                    rs.next();
                    killed += rs.getInt(1);
                }
                Thread.sleep(400);
            }
        }
        assertThat(killed).as("backends of the node were terminated").isPositive();
        assertAllSucceededOnce(ids);
        awaitReady();
        System.out.printf(
                "FAULT-REPORT pg_terminate_backend x3: %d backends killed, %d jobs, 0 lost, 0 duplicated%n",
                killed, ids.size());
    }

    /**
     * A statement that runs past the timeout is cancelled, on the server too: the backend does not go on
     * working for a client that has been answered (here 2 s; the default is 30 s).
     */
    @Test
    void aStatementPastItsTimeoutIsCancelledOnTheServer() throws Exception {
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.sql("select pg_sleep(20)").query(String.class).list())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active' "
                        + "and query like 'select pg_sleep(20)%' and application_name = '" + APPLICATION + "'")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("the cancelled statement still runs on the server")
                    .isZero();
        }
    }

    void awaitReady() throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end && api.get("/actuator/health/readiness").status() != 200) {
            Thread.sleep(100);
        }
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
