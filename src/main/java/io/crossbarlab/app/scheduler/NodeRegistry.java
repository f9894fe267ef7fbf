package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.job.JobState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The node table: every instance's pool and last heartbeat. */
@Component
class NodeRegistry {

    private final JdbcClient jdbc;

    NodeRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A node as registered. */
    record NodeRow(
            String id, int tiles, int tileRows, int tileCols, int threads, Instant startedAt, Instant heartbeatAt) {}

    void register(SchedulerSettings s, Instant now) {
        int n = jdbc.sql("""
                update node set tiles = ?, tile_rows = ?, tile_cols = ?, threads = ?, started_at = ?, heartbeat_at = ?
                where id = ?""")
                .params(
                        s.tiles(),
                        s.tileRows(),
                        s.tileCols(),
                        s.simulationThreads(),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        s.nodeId())
                .update();
        if (n == 0) {
            jdbc.sql("""
                    insert into node (id, tiles, tile_rows, tile_cols, threads, started_at, heartbeat_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            s.nodeId(),
                            s.tiles(),
                            s.tileRows(),
                            s.tileCols(),
                            s.simulationThreads(),
                            Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        }
    }

    void heartbeat(String nodeId, Instant now) {
        jdbc.sql("update node set heartbeat_at = ? where id = ?")
                .params(Timestamp.from(now), nodeId)
                .update();
    }

    List<NodeRow> all() {
        return jdbc.sql(
                        "select id, tiles, tile_rows, tile_cols, threads, started_at, heartbeat_at from node order by id")
                .query((rs, i) -> new NodeRow(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Running jobs and their tiles per node: (node, job id, tiles). */
    List<String[]> placements() {
        return jdbc.sql("select node_id, id, tiles from job where state in " + JobState.HELD_SQL
                        + " and node_id is not null")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
    }
}
