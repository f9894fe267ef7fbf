package io.crossbarlab.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The retries of a run's fenced writes while the database is away. */
class JobRunnerTests {

    static JobRunner runner(Duration lease) {
        SchedulerSettings settings = new SchedulerSettings(
                "test-node",
                16,
                512,
                512,
                2,
                Duration.ofMillis(300),
                lease,
                Duration.ofMillis(100),
                3,
                Duration.ofMinutes(5),
                1_000_000L,
                0,
                null,
                null);
        return new JobRunner(null, null, null, null, Clock.systemUTC(), settings);
    }

    static RunningJob job() {
        return new RunningJob(UUID.randomUUID(), 1, new int[] {0}, Instant.now(), false, 0);
    }

    @Test
    void aWriteThatFailsTransientlyIsRetriedUntilItSucceeds() {
        RunningJob r = job();
        AtomicInteger calls = new AtomicInteger();
        boolean written = runner(Duration.ofSeconds(30)).durably(r, "epoch", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new DataAccessResourceFailureException("database away");
            }
            return true;
        });
        assertThat(written).isTrue();
        assertThat(calls.get()).isEqualTo(3);
    }

    /**
     * A node that stops marks its runs lost instead of interrupting their threads (an interrupt inside
     * an H2 file operation closes the embedded database): a run retrying a write then gives up at its
     * next failure rather than retry for the rest of the lease.
     */
    @Test
    void aRunMarkedLostStopsRetryingAtItsNextFailure() {
        RunningJob r = job();
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        boolean written = runner(Duration.ofSeconds(30)).durably(r, "epoch", () -> {
            if (calls.incrementAndGet() == 2) {
                r.lost = true; // the node stops while the write is being retried
            }
            throw new DataAccessResourceFailureException("database away");
        });
        assertThat(written).isFalse();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
