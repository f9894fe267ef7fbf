package io.crossbarlab.app.job;

import io.crossbarlab.app.security.Caller;
import io.crossbarlab.app.system.LimitExceeded;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-owner quotas at submission: the rate of submissions and the number of queued jobs. A submission
 * is checked and stored under its owner's lock, so on one node the queued-jobs quota is exact:
 * concurrent submissions of an owner queue one after the other. Across nodes two submissions of one
 * owner may each see room for itself; the overshoot is bounded by the number of API nodes.
 */
@Component
public class Quotas {

    private final QuotaSettings settings;
    private final JdbcClient jdbc;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Quotas(QuotaSettings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    public QuotaSettings settings() {
        return settings;
    }

    /** Runs {@code store} (which queues {@code newJobs} jobs of the current caller) within the quotas. */
    public <T> T admit(int newJobs, Supplier<T> store) {
        String owner = Caller.current().owner();
        takeSubmission(owner);
        synchronized (locks.computeIfAbsent(owner, k -> new Object())) {
            long queued = jdbc.sql("select count(*) from job where state = 'QUEUED' and owner = ?")
                    .param(owner)
                    .query(Long.class)
                    .single();
            if (queued + newJobs > settings.queuedJobs()) {
                throw new LimitExceeded(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "crossbar.quotas.queued-jobs",
                        settings.queuedJobs(),
                        null,
                        "owner " + owner + " has " + queued + " jobs queued and this submission adds " + newJobs
                                + "; an owner may have " + settings.queuedJobs()
                                + " queued at once: wait for some to start, or cancel some");
            }
            return store.get();
        }
    }

    private void takeSubmission(String owner) {
        int perMinute = settings.submissionsPerMinute();
        if (perMinute == 0) {
            return;
        }
        Bucket b = buckets.computeIfAbsent(owner, k -> new Bucket(perMinute, System.nanoTime()));
        synchronized (b) {
            long now = System.nanoTime();
            b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * perMinute / 60e9);
            b.at = now;
            if (b.tokens < 1) {
                throw new LimitExceeded(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "crossbar.quotas.submissions-per-minute",
                        perMinute,
                        null,
                        "owner " + owner + " may submit " + perMinute + " times per minute; retry later");
            }
            b.tokens -= 1;
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
