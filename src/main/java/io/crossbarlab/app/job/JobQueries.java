package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.EpochReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the job tables that JPA does not cover: epochs, events, pages of ids, counts. */
@Component
public class JobQueries {

    private final JdbcClient jdbc;

    public JobQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** The epochs of each of {@code ids} that has any, in epoch order (one query for a page of jobs). */
    public Map<UUID, List<EpochReport>> epochsOf(List<UUID> ids) {
        Map<UUID, List<EpochReport>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.sql("select job_id, epoch, train_accuracy, train_loss, test_accuracy, test_loss, seconds "
                        + "from job_epoch where job_id in (" + in + ") order by job_id, epoch")
                .params(new ArrayList<Object>(ids))
                .query((rs, n) -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new EpochReport(
                                rs.getInt(2),
                                rs.getDouble(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getDouble(6),
                                rs.getDouble(7))))
                .list();
        return out;
    }

    /**
     * A run of a sweep: its job, point, seed, state, the job it reuses (or null) and its result
     * document (without epochs), or null before it succeeded.
     */
    public record SweepRun(UUID id, int point, long seed, JobState state, UUID reusedFrom, String result) {
        /** The job whose epochs this run shows: the one it reuses, or itself. */
        public UUID runId() {
            return reusedFrom != null ? reusedFrom : id;
        }
    }

    /** The runs of a sweep, by point and seed. */
    public List<SweepRun> sweepRuns(UUID sweepId) {
        return jdbc.sql("""
                select id, sweep_point, seed, state, reused_from, result from job where sweep_id = ?
                order by sweep_point, seed""")
                .param(sweepId)
                .query((rs, n) -> new SweepRun(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getLong(3),
                        JobState.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class),
                        rs.getString(6)))
                .list();
    }

    /** How many of each sweep's jobs are in each state (one query for a page of sweeps). */
    public Map<UUID, Map<JobState, Integer>> stateCountsBySweep(List<UUID> sweepIds) {
        Map<UUID, Map<JobState, Integer>> out = new java.util.HashMap<>();
        if (sweepIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(sweepIds.size(), "?"));
        jdbc.sql("select sweep_id, state, count(*) from job where sweep_id in (" + in + ") group by sweep_id, state")
                .params(new ArrayList<Object>(sweepIds))
                .query((rs, n) -> out.computeIfAbsent(
                                rs.getObject(1, UUID.class), k -> new java.util.EnumMap<>(JobState.class))
                        .put(JobState.valueOf(rs.getString(2)), rs.getInt(3)))
                .list();
        return out;
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
        return jdbc.sql(EVENTS + " where e.job_id in (" + in + ") and e.id > ? order by e.id limit ?")
                .params(params)
                .query(JobQueries::eventRow)
                .list();
    }

    /** Events of every job after {@code afterId}, in id order (the stream of all jobs). */
    public List<JobEvent> eventsAfter(long afterId, int limit) {
        return jdbc.sql(EVENTS + " where e.id > ? order by e.id limit ?")
                .params(afterId, limit)
                .query(JobQueries::eventRow)
                .list();
    }

    /** The owners of these jobs. */
    public Map<UUID, String> ownersOf(List<UUID> ids) {
        Map<UUID, String> out = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<UUID> part = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            jdbc.sql("select id, owner from job where id in (" + in + ")")
                    .params(new ArrayList<>(part))
                    .query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getString(2)))
                    .list();
        }
        return out;
    }

    /** The highest event id written so far, 0 when there is none. */
    public long latestEventId() {
        return jdbc.sql("select coalesce(max(id), 0) from job_event")
                .query(Long.class)
                .single();
    }

    /** Events with the metrics of their epoch, which job_epoch alone stores. */
    private static final String EVENTS = """
            select e.id, e.job_id, e.attempt, e.at, e.type, e.from_state, e.to_state, e.reason, ep.epoch,
                ep.train_accuracy, ep.train_loss, ep.test_accuracy, ep.test_loss, ep.seconds
            from job_event e left join job_epoch ep on ep.job_id = e.job_id and ep.epoch = e.epoch""";

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
                rs.getObject(9) == null
                        ? null
                        : new EpochReport(
                                rs.getInt(9),
                                rs.getDouble(10),
                                rs.getDouble(11),
                                rs.getDouble(12),
                                rs.getDouble(13),
                                rs.getDouble(14)));
    }

    public List<JobEvent> events(UUID id, long afterId, int limit) {
        return jdbc.sql(EVENTS + " where e.job_id = ? and e.id > ? order by e.id limit ?")
                .params(id, afterId, limit)
                .query(JobQueries::eventRow)
                .list();
    }

    /**
     * Ids of one page of jobs, newest first, after the cursor (created, id) if given, of one owner
     * unless {@code owner} is null. Label filters must have distinct keys (the controller refuses
     * repeats).
     */
    public List<UUID> page(
            List<JobState> states,
            Map<String, String> labels,
            String owner,
            Instant beforeCreated,
            UUID beforeId,
            int limit) {
        StringBuilder sql = new StringBuilder("select j.id from job j where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (owner != null) {
            sql.append(" and j.owner = ?");
            params.add(owner);
        }
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
            String or = "";
            for (Map.Entry<String, String> kv : labels.entrySet()) {
                sql.append(or).append("(l.label_key = ? and l.label_value = ?)");
                params.add(kv.getKey());
                params.add(kv.getValue());
                or = " or ";
            }
            sql.append(" group by l.job_id having count(*) = ?)");
            params.add(labels.size());
        }
        if (beforeCreated != null) {
            sql.append(" and (j.created_at < ? or (j.created_at = ? and j.id < ?))");
            params.add(JobEventLog.ts(beforeCreated));
            params.add(JobEventLog.ts(beforeCreated));
            params.add(beforeId);
        }
        sql.append(" order by j.created_at desc, j.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    /** Count of jobs per state. */
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> m = new java.util.EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            m.put(s, 0L);
        }
        jdbc.sql("select state, count(*) from job group by state")
                .query((rs, n) -> m.put(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return m;
    }
}
