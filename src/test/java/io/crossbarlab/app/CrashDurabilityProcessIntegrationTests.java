package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service on its default embedded database (the H2 file under {@code ./data} of its
 * working directory), killed with {@code kill -9} while clients submit jobs and jobs run, then
 * restarted on the same file, several times over. A 202 means the job is on disk: every acknowledged
 * job is there after the restart, no attempt of a job is started twice, and the jobs finish.
 */
class CrashDurabilityProcessIntegrationTests {

    static final int ROUNDS = 5;
    static final int CLIENTS = 8;

    @TempDir
    Path dir;

    static final List<String> ARGS = List.of(
            "--crossbar.scheduler.heartbeat=500ms",
            "--crossbar.scheduler.poll-interval=200ms",
            "--logging.level.root=WARN");

    record Ack(String id, long atNanos) {}

    @Test
    void everyAcknowledgedJobSurvivesRepeatedKills() throws Exception {
        SplittableRandom random = new SplittableRandom(15);
        List<Ack> acknowledged = new ArrayList<>();
        long minGapMillis = Long.MAX_VALUE;
        int lost = 0;
        // restarts at which H2's ordinary open would have dropped committed writes (H2CrashRecovery)
        int recoveriesThatKeptData = 0;
        NodeProcess node = NodeProcess.start("h2-node", dir, ARGS).awaitReady(Duration.ofSeconds(90));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
                AtomicBoolean go = new AtomicBoolean(true);
                Api api = node.api();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    int r = round;
                    Thread t = new Thread(() -> {
                        for (int i = 0; go.get(); i++) {
                            try {
                                Api.Response resp = api.post(
                                        "/api/v1/jobs",
                                        "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":100,\"testLimit\":20},"
                                                + "\"training\":{\"epochs\":2},\"reuse\":false,\"seed\":" + i + "}",
                                        Map.of("Idempotency-Key", "crash-" + r + "-" + client + "-" + i));
                                if (resp.status() == 202) {
                                    acks.add(new Ack(resp.json().get("id").asString(), System.nanoTime()));
                                }
                            } catch (RuntimeException e) {
                                return; // the node is gone
                            }
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                Thread.sleep(1500 + random.nextInt(1500));
                node.kill();
                long killedAt = System.nanoTime();
                go.set(false);
                for (Thread t : clients) {
                    t.join(30_000);
                }
                for (Ack a : acks) {
                    minGapMillis = Math.min(minGapMillis, (killedAt - a.atNanos()) / 1_000_000);
                }
                acknowledged.addAll(acks);

                node = NodeProcess.start("h2-node", dir, ARGS).awaitReady(Duration.ofSeconds(90));
                Api after = node.api();
                int lostBefore = lost;
                if (Files.readString(node.log).contains("full-scan recovery kept store versions")) {
                    recoveriesThatKeptData++;
                }
                for (Ack a : acks) {
                    Api.Response got = after.get("/api/v1/jobs/" + a.id());
                    if (got.status() != 200) {
                        lost++;
                        System.out.printf(
                                "lost: job %s acknowledged %d ms before the kill: %d %s%n",
                                a.id(), (killedAt - a.atNanos()) / 1_000_000, got.status(), got.body());
                    }
                }
                System.out.printf("round %d: %d acknowledged, %d lost%n", round + 1, acks.size(), lost - lostBefore);
            }
            assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 10);
            assertThat(lost).as("acknowledged jobs missing after a kill -9").isZero();

            // every job finishes, and no attempt of any job was started twice
            Api api = node.api();
            int duplicatedStarts = 0;
            int secondAttempts = 0;
            for (Ack a : acknowledged) {
                JsonNode job = api.awaitState(a.id(), "SUCCEEDED", Duration.ofMinutes(3));
                String why = "SUCCEEDED".equals(job.get("state").asString()) ? "" : node.diagnostics();
                assertThat(job.get("state").asString()).as(job + "\n" + why).isEqualTo("SUCCEEDED");
                if (job.get("attempt").asInt() > 1) {
                    secondAttempts++;
                }
            }
            // the history, read from the stream endpoint's source: RUNNING events per (job, attempt)
            Path report = Path.of("target", "reliability");
            Files.createDirectories(report);
            node.stop(Duration.ofSeconds(30));
            String h2 = "jdbc:h2:file:" + dir.resolve("data/crossbar-lab")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            try (var c = java.sql.DriverManager.getConnection(h2, "sa", "");
                    var s = c.createStatement();
                    var rs = s.executeQuery("""
                            select count(*) from (select job_id, attempt from job_event where to_state = 'RUNNING'
                            group by job_id, attempt having count(*) > 1) twice""")) {
                rs.next();
                duplicatedStarts = rs.getInt(1);
            }
            assertThat(duplicatedStarts).as("attempts started twice").isZero();

            String text = String.format(
                    Locale.ROOT,
                    "H2 file, %d kill -9 rounds with %d clients submitting: %d jobs acknowledged (202), %d lost, "
                            + "%d attempts started twice; the closest acknowledgement came %d ms before a kill; %d jobs "
                            + "were running at a kill and finished on a later attempt; all %d succeeded; at %d of %d "
                            + "restarts the full-scan recovery kept commits an ordinary H2 open would have dropped%n",
                    ROUNDS,
                    CLIENTS,
                    acknowledged.size(),
                    lost,
                    duplicatedStarts,
                    minGapMillis,
                    secondAttempts,
                    acknowledged.size(),
                    recoveriesThatKeptData,
                    ROUNDS);
            System.out.print("RELIABILITY-REPORT " + text);
            Files.writeString(report.resolve("crash-h2.txt"), text);
        } finally {
            node.close();
        }
    }
}
