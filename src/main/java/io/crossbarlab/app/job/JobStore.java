package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.EpochReport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every write to the job tables, as native SQL. State changes are guarded ({@code WHERE id = ? AND
 * state IN (...)}, sources from {@link JobState}) and recorded in {@code job_event} in the same
 * transaction. Writes by a worker are fenced by (node, attempt): a node presumed dead whose job was
 * requeued cannot overwrite the new owner's work.
 */
@Component
public class JobStore {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;

    public JobStore(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Transactional
    public void insert(Job j, List<String[]> labels) {
        jdbc.sql("""
                insert into job (id, name, state, priority, labels, spec, spec_hash, seed, simulator_version,
                    tiles_required, attempt, max_attempts, progress_epoch, progress_examples, total_examples,
                    created_at, idempotency_key, request_hash, baseline_job_id, baseline_of, work,
                    wall_time_limit_seconds)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        j.getId(),
                        j.getName(),
                        JobState.QUEUED.name(),
                        j.getPriority(),
                        j.getLabels(),
                        j.getSpec(),
                        j.getSpecHash(),
                        j.getSeed(),
                        j.getSimulatorVersion(),
                        j.getTilesRequired(),
                        j.getMaxAttempts(),
                        j.getTotalExamples(),
                        ts(j.getCreatedAt()),
                        j.getIdempotencyKey(),
                        j.getRequestHash(),
                        j.getBaselineJobId(),
                        j.getBaselineOf(),
                        j.getWork(),
                        j.getWallTimeLimitSeconds())
                .update();
        for (String[] kv : labels) {
            jdbc.sql("insert into job_label (job_id, label_key, label_value) values (?, ?, ?)")
                    .params(j.getId(), kv[0], kv[1])
                    .update();
        }
        event(j.getId(), 0, j.getCreatedAt(), JobEvent.STATE, null, JobState.QUEUED, "submitted", null);
    }

    void event(UUID id, int attempt, Instant at, String type, JobState from, JobState to, String reason, String data) {
        jdbc.sql(
                        "insert into job_event (job_id, attempt, at, type, from_state, to_state, reason, data) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        attempt,
                        ts(at),
                        type,
                        from == null ? null : from.name(),
                        to == null ? null : to.name(),
                        reason,
                        data)
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

    /** Candidates for claiming, locked for this transaction; rows locked by other nodes are skipped. */
    @Transactional
    public List<Candidate> lockQueued(int limit) {
        return jdbc.sql("""
                select id, tiles_required, created_at, work, wall_time_limit_seconds from job where state = ?
                order by priority desc, created_at, id
                limit ? for update skip locked""")
                .params(JobState.QUEUED.name(), limit)
                .query((rs, n) -> new Candidate(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    /**
     * A queued job as the claim loop sees it.
     *
     * @param id the job
     * @param tilesRequired pool tiles it needs
     * @param createdAt submission time
     * @param work synapse-examples of training
     * @param wallTimeLimitSeconds wall-time limit of an attempt
     */
    public record Candidate(UUID id, int tilesRequired, Instant createdAt, long work, long wallTimeLimitSeconds) {}

    /** QUEUED → RUNNING on {@code nodeId} with the given tiles; returns the new attempt, or empty. */
    @Transactional
    public Optional<Integer> markRunning(UUID id, String nodeId, String tiles, Instant now, Instant leaseUntil) {
        int n = jdbc.sql("""
                update job set state = ?, node_id = ?, tiles = ?, lease_expires_at = ?, attempt = attempt + 1,
                    started_at = ?, progress_epoch = 0, progress_examples = 0
                where id = ? and state in """ + JobState.sqlList(JobState.RUNNING.sources()))
                .params(JobState.RUNNING.name(), nodeId, tiles, ts(leaseUntil), ts(now), id)
                .update();
        if (n == 0) {
            return Optional.empty();
        }
        // A new attempt starts the run over: the epochs an earlier attempt wrote (before its node was
        // presumed dead) are not this run's history.
        jdbc.sql("delete from job_epoch where job_id = ?").param(id).update();
        jdbc.sql("delete from job_event where job_id = ? and type = ?")
                .params(id, JobEvent.EPOCH)
                .update();
        int attempt = jdbc.sql("select attempt from job where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        event(
                id,
                attempt,
                now,
                JobEvent.STATE,
                JobState.QUEUED,
                JobState.RUNNING,
                "placed on node " + nodeId + ", tiles " + tiles + ", attempt " + attempt,
                null);
        return Optional.of(attempt);
    }

    /** Cancel request: QUEUED → CANCELLED, RUNNING → CANCELLING. Returns the state after the request. */
    @Transactional
    public Optional<JobState> requestCancel(UUID id, Instant now) {
        if (transition(id, JobState.CANCELLED, List.of(JobState.QUEUED), now, "cancelled while queued")) {
            jdbc.sql("update job set finished_at = ? where id = ?")
                    .params(ts(now), id)
                    .update();
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
                event(id, attempt, now, JobEvent.STATE, f, to, reason, null);
                return true;
            }
        }
        return false;
    }

    /**
     * Renews the leases of the jobs this process is running (and only those: a job the database says
     * this node holds but no thread runs is left to expire and be reaped); returns their ids, states
     * and attempts as the database has them.
     */
    @Transactional
    public List<Owned> renewLeases(String nodeId, List<UUID> running, Instant until) {
        List<Owned> owned = new ArrayList<>();
        for (UUID id : running) {
            jdbc.sql("update job set lease_expires_at = ? where id = ? and node_id = ? and state in "
                            + JobState.HELD_SQL)
                    .params(ts(until), id, nodeId)
                    .update();
            jdbc.sql("select id, state, attempt from job where id = ? and node_id = ? and state in "
                            + JobState.HELD_SQL)
                    .params(id, nodeId)
                    .query((rs, n) ->
                            new Owned(rs.getObject(1, UUID.class), JobState.valueOf(rs.getString(2)), rs.getInt(3)))
                    .optional()
                    .ifPresent(owned::add);
        }
        return owned;
    }

    /** A job held by a node. */
    public record Owned(UUID id, JobState state, int attempt) {}

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
    public boolean epoch(UUID id, String nodeId, int attempt, EpochReport e, long examples, Instant now, String json) {
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
        event(id, attempt, now, JobEvent.EPOCH, null, null, "epoch " + e.epoch(), json);
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
                            ts(now),
                            id,
                            nodeId,
                            attempt,
                            from.name())
                    .update();
            if (n == 1) {
                event(id, attempt, now, JobEvent.STATE, from, to, reason, null);
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

    /**
     * Jobs whose lease expired (their node is presumed dead): requeued while attempts remain, else
     * failed; a job being cancelled is cancelled. Locked rows are skipped, so any node may reap.
     */
    @Transactional
    public List<UUID> reapExpired(Instant now) {
        List<Held> rows = jdbc.sql("""
                select id, state, attempt, max_attempts, node_id from job
                where state in """ + JobState.HELD_SQL + """
                 and lease_expires_at < ?
                order by id for update skip locked""")
                .param(ts(now))
                .query(JobStore::held)
                .list();
        List<UUID> reaped = new ArrayList<>();
        for (Held h : rows) {
            release(h, now, "lease of node " + h.nodeId() + " expired");
            reaped.add(h.id());
        }
        return reaped;
    }

    /** At start-up: jobs this node left RUNNING when its process died are released at once. */
    @Transactional
    public List<UUID> releaseOwnedBy(String nodeId, Instant now) {
        List<Held> rows = jdbc.sql("""
                select id, state, attempt, max_attempts, node_id from job
                where node_id = ? and state in """ + JobState.HELD_SQL + " for update")
                .param(nodeId)
                .query(JobStore::held)
                .list();
        List<UUID> released = new ArrayList<>();
        for (Held h : rows) {
            release(h, now, "node " + nodeId + " restarted");
            released.add(h.id());
        }
        return released;
    }

    /** A job row held by a node, as the reaper and the start-up release read it. */
    private record Held(UUID id, JobState state, int attempt, int maxAttempts, String nodeId) {}

    private static Held held(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Held(
                rs.getObject(1, UUID.class),
                JobState.valueOf(rs.getString(2)),
                rs.getInt(3),
                rs.getInt(4),
                rs.getString(5));
    }

    private void release(Held h, Instant now, String why) {
        UUID id = h.id();
        JobState state = h.state();
        int attempt = h.attempt();
        int maxAttempts = h.maxAttempts();
        JobState to;
        if (state == JobState.CANCELLING) {
            to = JobState.CANCELLED;
        } else if (attempt < maxAttempts) {
            to = JobState.QUEUED;
        } else {
            to = JobState.FAILED;
        }
        String reason = switch (to) {
            case QUEUED -> why + "; requeued (attempt " + attempt + " of " + maxAttempts + ")";
            case FAILED -> why + "; attempts exhausted (" + attempt + " of " + maxAttempts + ")";
            default -> why + "; cancelled";
        };
        if (!state.canMoveTo(to)) {
            throw new IllegalStateException(state + " → " + to + " is not a transition");
        }
        int n = switch (to) {
            case QUEUED -> jdbc.sql("""
                            update job set state = ?, node_id = null, tiles = null, lease_expires_at = null
                            where id = ? and state = ?""").params(to.name(), id, state.name()).update();
            case FAILED ->
                jdbc.sql("""
                            update job set state = ?, lease_expires_at = null, finished_at = ?, failure_reason = ?
                            where id = ? and state = ?""")
                        .params(to.name(), ts(now), reason, id, state.name())
                        .update();
            default ->
                jdbc.sql("""
                            update job set state = ?, lease_expires_at = null, finished_at = ?
                            where id = ? and state = ?""").params(to.name(), ts(now), id, state.name()).update();
        };
        if (n == 0) {
            return;
        }
        event(id, attempt, now, JobEvent.STATE, state, to, reason, null);
    }

    public List<EpochReport> epochs(UUID id) {
        return jdbc.sql("""
                select epoch, train_accuracy, train_loss, test_accuracy, test_loss, seconds
                from job_epoch where job_id = ? order by epoch""")
                .param(id)
                .query((rs, n) -> new EpochReport(
                        rs.getInt(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6)))
                .list();
    }

    /** Events of any of {@code jobIds} after {@code afterId}, in id order (one query for many streams). */
    public List<JobEvent> eventsOf(List<UUID> jobIds, long afterId, int limit) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        List<Object> params = new ArrayList<>(jobIds);
        for (int i = 0; i < jobIds.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        params.add(afterId);
        params.add(limit);
        return jdbc.sql("select id, job_id, attempt, at, type, from_state, to_state, reason, data from job_event "
                        + "where job_id in (" + in + ") and id > ? order by id limit ?")
                .params(params)
                .query(JobStore::eventRow)
                .list();
    }

    private static JobEvent eventRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new JobEvent(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getInt(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                rs.getString(6) == null ? null : JobState.valueOf(rs.getString(6)),
                rs.getString(7) == null ? null : JobState.valueOf(rs.getString(7)),
                rs.getString(8),
                rs.getString(9));
    }

    public List<JobEvent> events(UUID id, long afterId, int limit) {
        return jdbc.sql("""
                select id, job_id, attempt, at, type, from_state, to_state, reason, data from job_event
                where job_id = ? and id > ? order by id limit ?""")
                .params(id, afterId, limit)
                .query(JobStore::eventRow)
                .list();
    }

    /**
     * Ids of one page of jobs, newest first, after the cursor (created, id) if given. Label filters must
     * have distinct keys (the controller refuses repeats).
     */
    public List<UUID> page(
            List<JobState> states, List<String[]> labels, Instant beforeCreated, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select j.id from job j where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (states != null && !states.isEmpty()) {
            sql.append(" and j.state in (");
            for (int i = 0; i < states.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                params.add(states.get(i).name());
            }
            sql.append(')');
        }
        if (!labels.isEmpty()) {
            // one pass over the label index whatever the number of filters: a job matches when all of
            // its rows for the filtered keys match (a job has one row per key, and keys are distinct)
            sql.append(" and j.id in (select l.job_id from job_label l where ");
            for (int i = 0; i < labels.size(); i++) {
                sql.append(i == 0 ? "" : " or ").append("(l.label_key = ? and l.label_value = ?)");
                params.add(labels.get(i)[0]);
                params.add(labels.get(i)[1]);
            }
            sql.append(" group by l.job_id having count(*) = ?)");
            params.add(labels.size());
        }
        if (beforeCreated != null) {
            sql.append(" and (j.created_at < ? or (j.created_at = ? and j.id < ?))");
            params.add(ts(beforeCreated));
            params.add(ts(beforeCreated));
            params.add(beforeId);
        }
        sql.append(" order by j.created_at desc, j.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    public Optional<UUID> findByIdempotencyKey(String key) {
        return jdbc.sql("select id from job where idempotency_key = ?")
                .param(key)
                .query(UUID.class)
                .optional();
    }

    /** Count of jobs per state. */
    public java.util.Map<JobState, Long> countByState() {
        java.util.Map<JobState, Long> m = new java.util.EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            m.put(s, 0L);
        }
        jdbc.sql("select state, count(*) from job group by state")
                .query((rs, n) -> m.put(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return m;
    }
}
