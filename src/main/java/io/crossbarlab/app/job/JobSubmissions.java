package io.crossbarlab.app.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes made for users: a new job (with its labels and its first event), the lookup of an
 * Idempotency-Key, and a cancel request. State changes are guarded by the sources {@link JobState}
 * allows.
 */
@Component
public class JobSubmissions {

    private final JdbcClient jdbc;
    private final JobEventLog log;

    public JobSubmissions(JdbcClient jdbc, JobEventLog log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    /**
     * A new job, its labels (the rows of job_label) and its first event: QUEUED, or, when it reuses a
     * finished job ({@link Job#getReusedFrom}), born SUCCEEDED with that job's result and progress (a
     * submission is not a transition; no worker ever holds it).
     */
    @Transactional
    public void insert(Job j) {
        jdbc.sql("""
                insert into job (id, name, owner, state, priority, spec, spec_hash, seed, simulator_version,
                    tiles_required, attempt, max_attempts, progress_epoch, progress_examples, total_examples,
                    created_at, idempotency_key, request_hash, baseline_job_id, baseline_of, work,
                    wall_time_limit_seconds, sweep_id, sweep_point)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        j.getId(),
                        j.getName(),
                        j.getOwner(),
                        JobState.QUEUED.name(),
                        j.getPriority(),
                        j.getSpec(),
                        j.getSpecHash(),
                        j.getSeed(),
                        j.getSimulatorVersion(),
                        j.getTilesRequired(),
                        j.getMaxAttempts(),
                        j.getTotalExamples(),
                        JobEventLog.ts(j.getCreatedAt()),
                        j.getIdempotencyKey(),
                        j.getRequestHash(),
                        j.getBaselineJobId(),
                        j.getBaselineOf(),
                        j.getWork(),
                        j.getWallTimeLimitSeconds(),
                        j.getSweepId(),
                        j.getSweepPoint())
                .update();
        j.getLabels()
                .forEach((key, value) -> jdbc.sql(
                                "insert into job_label (job_id, label_key, label_value) values (?, ?, ?)")
                        .params(j.getId(), key, value)
                        .update());
        if (j.getReusedFrom() == null) {
            log.event(j.getId(), 0, j.getCreatedAt(), JobEvent.STATE, null, JobState.QUEUED, "submitted", null);
            return;
        }
        int reused = jdbc.sql("""
                update job set state = ?, reused_from = ?, started_at = ?, finished_at = ?,
                    result = (select s.result from job s where s.id = ?),
                    progress_epoch = (select s.progress_epoch from job s where s.id = ?),
                    progress_examples = (select s.progress_examples from job s where s.id = ?)
                where id = ?""")
                .params(
                        JobState.SUCCEEDED.name(),
                        j.getReusedFrom(),
                        JobEventLog.ts(j.getCreatedAt()),
                        JobEventLog.ts(j.getCreatedAt()),
                        j.getReusedFrom(),
                        j.getReusedFrom(),
                        j.getReusedFrom(),
                        j.getId())
                .update();
        if (reused != 1) {
            throw new IllegalStateException("job " + j.getId() + " was not stored");
        }
        log.event(
                j.getId(),
                0,
                j.getCreatedAt(),
                JobEvent.STATE,
                null,
                JobState.SUCCEEDED,
                "submitted and answered from job " + j.getReusedFrom()
                        + " (same resolved spec, seed and simulator version)",
                null);
    }

    /**
     * A SUCCEEDED job that ran (not itself a reuse) with this resolved spec, seed and simulator version,
     * the earliest finished; its result is what a new run of the same would compute, bit for bit.
     */
    public Optional<UUID> findReusable(String specHash, long seed, String simulatorVersion) {
        return jdbc.sql("""
                select id from job where spec_hash = ? and seed = ? and simulator_version = ? and state = ?
                    and reused_from is null and result is not null
                order by finished_at, id limit 1""")
                .params(specHash, seed, simulatorVersion, JobState.SUCCEEDED.name())
                .query(UUID.class)
                .optional();
    }

    /** Cancel request: QUEUED → CANCELLED, RUNNING → CANCELLING. Returns the state after the request. */
    @Transactional
    public Optional<JobState> requestCancel(UUID id, Instant now) {
        if (transition(id, JobState.CANCELLED, List.of(JobState.QUEUED), now, "cancelled while queued")) {
            // a job requeued after its node died may hold the checkpoint of its earlier attempt
            jdbc.sql("update job set finished_at = ?, checkpoint_epoch = null where id = ?")
                    .params(JobEventLog.ts(now), id)
                    .update();
            jdbc.sql("delete from job_checkpoint where job_id = ?").param(id).update();
            return Optional.of(JobState.CANCELLED);
        }
        if (transition(id, JobState.CANCELLING, List.of(JobState.RUNNING), now, "cancel requested")) {
            return Optional.of(JobState.CANCELLING);
        }
        return Optional.empty();
    }

    private boolean transition(UUID id, JobState to, List<JobState> from, Instant now, String reason) {
        for (JobState f : from) {
            if (!f.canMoveTo(to)) {
                throw new IllegalArgumentException(f + " → " + to + " is not a transition");
            }
            int n = jdbc.sql("update job set state = ? where id = ? and state = ?")
                    .params(to.name(), id, f.name())
                    .update();
            if (n == 1) {
                int attempt = jdbc.sql("select attempt from job where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single();
                log.event(id, attempt, now, JobEvent.STATE, f, to, reason, null);
                return true;
            }
        }
        return false;
    }

    public Optional<UUID> findByIdempotencyKey(String key) {
        return jdbc.sql("select id from job where idempotency_key = ?")
                .param(key)
                .query(UUID.class)
                .optional();
    }
}
