package io.crossbarlab.app.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claiming and leases: the claim loop's locked candidates, QUEUED → RUNNING with a new attempt, lease
 * renewal, and the release of jobs whose node is gone (lease expired, or this node restarted).
 * Guards come from {@link JobState}.
 */
@Component
public class JobLeases {

    private final JdbcClient jdbc;
    private final JobEventLog log;

    public JobLeases(JdbcClient jdbc, JobEventLog log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    /** Candidates for claiming, locked for this transaction; rows locked by other nodes are skipped. */
    @Transactional
    public List<Candidate> lockQueued(int limit) {
        return jdbc.sql("""
                select id, tiles_required, created_at, work, wall_time_limit_seconds, sweep_id, owner from job where state = ?
                order by priority desc, created_at, id
                limit ? for update skip locked""")
                .params(JobState.QUEUED.name(), limit)
                .query((rs, n) -> new Candidate(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getObject(6, UUID.class),
                        rs.getString(7)))
                .list();
    }

    /** Tiles the jobs of {@code owner} hold now, over all nodes (for the running-tiles quota). */
    public int ownerTilesHeld(String owner) {
        return jdbc.sql("select coalesce(sum(tiles_required), 0) from job where state in " + JobState.HELD_SQL
                        + " and owner = ?")
                .param(owner)
                .query(Long.class)
                .single()
                .intValue();
    }

    /**
     * The tiles sweep {@code sweepId} may still take under its cap (its {@code max_tiles} less the tiles
     * its held jobs take, across all nodes), or empty when it has no cap. Locks the sweep's row until
     * the caller's transaction ends, so that nodes claiming jobs of one capped sweep take turns and the
     * cap holds cluster-wide. The claim loop reads it once per pass and subtracts what it claims.
     */
    @Transactional
    public java.util.OptionalInt sweepTilesLeft(UUID sweepId) {
        Optional<Integer> cap = jdbc.sql(
                        "select max_tiles from sweep where id = ? and max_tiles is not null for update")
                .param(sweepId)
                .query((rs, n) -> rs.getInt(1))
                .optional();
        if (cap.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        long held = jdbc.sql("select coalesce(sum(tiles_required), 0) from job where sweep_id = ? and state in "
                        + JobState.HELD_SQL)
                .param(sweepId)
                .query(Long.class)
                .single();
        return java.util.OptionalInt.of((int) Math.max(0, cap.get() - held));
    }

    /**
     * A queued job as the claim loop sees it.
     *
     * @param id the job
     * @param tilesRequired pool tiles it needs
     * @param createdAt submission time
     * @param work synapse-examples of training
     * @param wallTimeLimitSeconds wall-time limit of an attempt
     * @param sweepId the sweep it is a run of, or null
     * @param owner who submitted it
     */
    public record Candidate(
            UUID id,
            int tilesRequired,
            Instant createdAt,
            long work,
            long wallTimeLimitSeconds,
            UUID sweepId,
            String owner) {}

    /** QUEUED → RUNNING on {@code nodeId} with the given tiles; returns the new attempt, or empty. */
    @Transactional
    public Optional<Integer> markRunning(UUID id, String nodeId, String tiles, Instant now, Instant leaseUntil) {
        int n = jdbc.sql("""
                update job set state = ?, node_id = ?, tiles = ?, lease_expires_at = ?, attempt = attempt + 1,
                    started_at = ?, progress_epoch = 0, progress_examples = 0
                where id = ? and state in """ + JobState.sqlList(JobState.RUNNING.sources()))
                .params(JobState.RUNNING.name(), nodeId, tiles, JobEventLog.ts(leaseUntil), JobEventLog.ts(now), id)
                .update();
        if (n == 0) {
            return Optional.empty();
        }
        // A new attempt continues from the last checkpoint, or starts over without one: the epochs an
        // earlier attempt wrote after its checkpoint (before its node was presumed dead) are not this
        // run's history.
        jdbc.sql("""
                delete from job_epoch where job_id = ?
                and epoch > (select coalesce(checkpoint_epoch, 0) from job where id = ?)""").params(id, id).update();
        jdbc.sql("""
                delete from job_event where job_id = ? and type = ?
                and epoch > (select coalesce(checkpoint_epoch, 0) from job where id = ?)""").params(id, JobEvent.EPOCH, id).update();
        int attempt = jdbc.sql("select attempt from job where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        log.event(
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
                    .params(JobEventLog.ts(until), id, nodeId)
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
                .param(JobEventLog.ts(now))
                .query(JobLeases::held)
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
                .query(JobLeases::held)
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
                            update job set state = ?, lease_expires_at = null, finished_at = ?, failure_reason = ?,
                                checkpoint_epoch = null
                            where id = ? and state = ?""")
                        .params(to.name(), JobEventLog.ts(now), reason, id, state.name())
                        .update();
            default ->
                jdbc.sql("""
                            update job set state = ?, lease_expires_at = null, finished_at = ?, checkpoint_epoch = null
                            where id = ? and state = ?""")
                        .params(to.name(), JobEventLog.ts(now), id, state.name())
                        .update();
        };
        if (n == 0) {
            return;
        }
        if (to != JobState.QUEUED) {
            jdbc.sql("delete from job_checkpoint where job_id = ?").param(id).update();
        }
        log.event(id, attempt, now, JobEvent.STATE, state, to, reason, null);
    }
}
