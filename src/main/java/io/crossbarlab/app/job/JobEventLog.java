package io.crossbarlab.app.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job's event log ({@code job_event}): every state change and epoch is written here in the
 * transaction that makes it, and announced to this process's listeners after that commit.
 */
@Component
class JobEventLog {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;

    JobEventLog(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    void event(
            UUID id, int attempt, Instant at, String type, JobState from, JobState to, String reason, Integer epoch) {
        jdbc.sql(
                        "insert into job_event (job_id, attempt, at, type, from_state, to_state, reason, epoch) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        attempt,
                        ts(at),
                        type,
                        from == null ? null : from.name(),
                        to == null ? null : to.name(),
                        reason,
                        epoch)
                .update();
        JobEvents.Written written = new JobEvents.Written(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publisher.publishEvent(written);
                }
            });
        } else {
            publisher.publishEvent(written);
        }
    }
}
