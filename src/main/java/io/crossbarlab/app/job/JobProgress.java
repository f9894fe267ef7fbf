package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.TrainedWeights;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A worker's writes while it runs a job: progress, epochs and the end of the run. Each is fenced by
 * (node, attempt), so that a node presumed dead whose job was requeued cannot overwrite the new
 * owner's work, and is idempotent for its owner (a retry after a lost commit answer writes nothing
 * twice).
 */
@Component
public class JobProgress {

    private final JdbcClient jdbc;
    private final JobEventLog log;
    private final JobWeights weights;

    public JobProgress(JdbcClient jdbc, JobEventLog log, JobWeights weights) {
        this.jdbc = jdbc;
        this.log = log;
        this.weights = weights;
    }

    /**
     * Fenced success: the result document and the trained weights in one transaction, so that a job
     * is never SUCCEEDED without its weights; false when this worker no longer owns the job.
     */
    @Transactional
    public boolean succeed(UUID id, String nodeId, int attempt, String result, TrainedWeights trained, Instant now) {
        if (!finish(id, nodeId, attempt, JobState.SUCCEEDED, result, "finished", now)) {
            return false;
        }
        weights.replace(id, trained);
        return true;
    }

    /** Fenced progress update; false when this worker no longer owns the job. */
    @Transactional
    public boolean progress(UUID id, String nodeId, int attempt, int epoch, long examples) {
        return jdbc.sql("""
                update job set progress_epoch = ?, progress_examples = ?
                where id = ? and node_id = ? and attempt = ? and state in """ + JobState.HELD_SQL)
                        .params(epoch, examples, id, nodeId, attempt)
                        .update()
                == 1;
    }

    /**
     * Fenced epoch record: progress, the epoch's metrics and an EPOCH event. Idempotent for its owner:
     * a retry after a commit whose answer was lost finds the epoch stored and writes nothing more (the
     * fenced update above locks the job row, so no other writer interleaves).
     */
    @Transactional
    public boolean epoch(UUID id, String nodeId, int attempt, EpochReport e, long examples, Instant now) {
        if (!progress(id, nodeId, attempt, e.epoch(), examples)) {
            return false;
        }
        boolean stored = jdbc.sql("select count(*) from job_epoch where job_id = ? and epoch = ?")
                        .params(id, e.epoch())
                        .query(Long.class)
                        .single()
                > 0;
        if (stored) {
            return true;
        }
        jdbc.sql("""
                insert into job_epoch (job_id, epoch, train_accuracy, train_loss, test_accuracy, test_loss, seconds)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, e.epoch(), e.trainAccuracy(), e.trainLoss(), e.testAccuracy(), e.testLoss(), e.seconds())
                .update();
        log.event(id, attempt, now, JobEvent.EPOCH, null, null, "epoch " + e.epoch(), e.epoch());
        return true;
    }

    /**
     * Fenced end of a run: RUNNING or CANCELLING → {@code to}. A run that finishes after a cancel
     * request still ends SUCCEEDED or FAILED. Returns false when this worker no longer owns the job.
     */
    @Transactional
    public boolean finish(UUID id, String nodeId, int attempt, JobState to, String result, String reason, Instant now) {
        for (JobState from : JobState.HELD) {
            if (!from.canMoveTo(to)) {
                continue;
            }
            int n = jdbc.sql("""
                    update job set state = ?, result = ?, failure_reason = ?, finished_at = ?, lease_expires_at = null
                    where id = ? and node_id = ? and attempt = ? and state = ?""")
                    .params(
                            to.name(),
                            result,
                            to == JobState.FAILED ? reason : null,
                            JobEventLog.ts(now),
                            id,
                            nodeId,
                            attempt,
                            from.name())
                    .update();
            if (n == 1) {
                log.event(id, attempt, now, JobEvent.STATE, from, to, reason, null);
                return true;
            }
        }
        // a retry after a commit whose answer was lost: the run already ended as asked
        return jdbc.sql("select count(*) from job where id = ? and node_id = ? and attempt = ? and state = ?")
                        .params(id, nodeId, attempt, to.name())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
