package io.crossbarlab.app.job;

import io.crossbarlab.app.system.ChunkedBlobs;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.TrainedWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
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
    private final ChunkedBlobs checkpoints;

    public JobProgress(JdbcClient jdbc, JobEventLog log, JobWeights weights) {
        this.jdbc = jdbc;
        this.log = log;
        this.weights = weights;
        this.checkpoints = new ChunkedBlobs(jdbc, "job_checkpoint", "job_id");
    }

    /** Writes a checkpoint to the stream it is given. */
    @FunctionalInterface
    public interface CheckpointWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Fenced checkpoint after epoch {@code epoch}: replaces the job's checkpoint and records a
     * CHECKPOINT event, in one transaction; false when this worker no longer owns the job.
     */
    @Transactional
    public boolean checkpoint(UUID id, String nodeId, int attempt, int epoch, CheckpointWriter writer, Instant now) {
        int n = jdbc.sql("""
                update job set checkpoint_epoch = ?
                where id = ? and node_id = ? and attempt = ? and state in """ + JobState.HELD_SQL)
                .params(epoch, id, nodeId, attempt)
                .update();
        if (n != 1) {
            return false;
        }
        checkpoints.delete(id);
        try (OutputStream out = checkpoints.writer(id)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.event(id, attempt, now, JobEvent.CHECKPOINT, null, null, "checkpoint after epoch " + epoch, null);
        return true;
    }

    /** The job's checkpoint and the epochs it completed, if it has one. */
    public Optional<Integer> checkpointEpoch(UUID id) {
        return jdbc.sql("select checkpoint_epoch from job where id = ?")
                .param(id)
                .query(Integer.class)
                .optional()
                .filter(java.util.Objects::nonNull);
    }

    /** Streams the job's checkpoint, chunk by chunk. */
    public InputStream openCheckpoint(UUID id) {
        return checkpoints.reader(id);
    }

    /**
     * Fenced note that this attempt continues from the checkpoint after {@code epoch}: a RESUMED event
     * and the progress the checkpoint carries.
     */
    @Transactional
    public boolean resumed(UUID id, String nodeId, int attempt, int epoch, long examples, Instant now) {
        if (!progress(id, nodeId, attempt, epoch, examples)) {
            return false;
        }
        log.event(
                id,
                attempt,
                now,
                JobEvent.RESUMED,
                null,
                null,
                "resumed from the checkpoint after epoch " + epoch,
                null);
        return true;
    }

    /**
     * Fenced: the checkpoint cannot be used (another simulator build wrote it): it is dropped, with
     * the epochs recorded so far, and this attempt starts over.
     */
    @Transactional
    public boolean discardCheckpoint(UUID id, String nodeId, int attempt) {
        int n = jdbc.sql("""
                update job set checkpoint_epoch = null, progress_epoch = 0, progress_examples = 0
                where id = ? and node_id = ? and attempt = ? and state in """ + JobState.HELD_SQL).params(id, nodeId, attempt).update();
        if (n != 1) {
            return false;
        }
        checkpoints.delete(id);
        jdbc.sql("delete from job_epoch where job_id = ?").param(id).update();
        jdbc.sql("delete from job_event where job_id = ? and type = ?")
                .params(id, JobEvent.EPOCH)
                .update();
        return true;
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
                    update job set state = ?, result = ?, failure_reason = ?, finished_at = ?, lease_expires_at = null,
                        checkpoint_epoch = null
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
                checkpoints.delete(id);
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
