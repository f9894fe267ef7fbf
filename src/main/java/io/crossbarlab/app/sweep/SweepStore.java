package io.crossbarlab.app.sweep;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sweep tables: a sweep's row, its labels and its points. Its runs are rows of the job table. */
@Component
class SweepStore {

    private static final TypeReference<LinkedHashMap<String, JsonNode>> POINT = new TypeReference<>() {};
    private static final TypeReference<List<Long>> SEEDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SweepStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new sweep with its labels and points; runs in the caller's transaction. */
    void insert(Sweep s, String owner) {
        jdbc.sql("""
                insert into sweep (id, name, owner, created_at, base, seeds, priority, max_tiles, reuse,
                    wall_time_limit_seconds)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        s.id(),
                        s.name(),
                        owner,
                        Timestamp.from(s.createdAt()),
                        s.base(),
                        json.writeValueAsString(s.seeds()),
                        s.priority(),
                        s.maxTiles(),
                        s.reuse(),
                        s.wallTimeSeconds())
                .update();
        s.labels()
                .forEach((k, v) -> jdbc.sql(
                                "insert into sweep_label (sweep_id, label_key, label_value) values (?, ?, ?)")
                        .params(s.id(), k, v)
                        .update());
        insertPoints(s.id(), 0, s.points());
    }

    /** Points appended from index {@code first}; runs in the caller's transaction. */
    void insertPoints(UUID id, int first, List<Map<String, JsonNode>> points) {
        for (int i = 0; i < points.size(); i++) {
            jdbc.sql("insert into sweep_point (sweep_id, point, parameters) values (?, ?, ?)")
                    .params(id, first + i, json.writeValueAsString(points.get(i)))
                    .update();
        }
    }

    /**
     * Replaces the seeds of a sweep that has not been cancelled, with its row locked; false when it
     * was cancelled meanwhile.
     */
    boolean updateSeeds(UUID id, List<Long> seeds) {
        return jdbc.sql("update sweep set seeds = ? where id = ? and cancelled_at is null")
                        .params(json.writeValueAsString(seeds), id)
                        .update()
                == 1;
    }

    /** Marks a sweep cancelled (once); returns whether this call did. */
    boolean cancel(UUID id, Instant now) {
        return jdbc.sql("update sweep set cancelled_at = ? where id = ? and cancelled_at is null")
                        .params(Timestamp.from(now), id)
                        .update()
                == 1;
    }

    /** The sweep's owner, or null when there is no such sweep. */
    String ownerOf(UUID id) {
        return jdbc.sql("select owner from sweep where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    Optional<Sweep> find(UUID id) {
        Optional<Sweep> row = jdbc.sql("""
                select id, name, created_at, base, seeds, priority, max_tiles, reuse, wall_time_limit_seconds,
                    cancelled_at from sweep where id = ?""")
                .param(id)
                .query((rs, n) -> new Sweep(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        Map.of(),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        json.readValue(rs.getString(5), SEEDS),
                        rs.getInt(6),
                        (Integer) rs.getObject(7),
                        rs.getBoolean(8),
                        (Long) rs.getObject(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                        List.of()))
                .optional();
        return row.map(s -> new Sweep(
                s.id(),
                s.name(),
                labelsOf(List.of(id)).getOrDefault(id, Map.of()),
                s.createdAt(),
                s.base(),
                s.seeds(),
                s.priority(),
                s.maxTiles(),
                s.reuse(),
                s.wallTimeSeconds(),
                s.cancelledAt(),
                points(id)));
    }

    private List<Map<String, JsonNode>> points(UUID id) {
        return jdbc.sql("select parameters from sweep_point where sweep_id = ? order by point")
                .param(id)
                .query((rs, n) -> (Map<String, JsonNode>) json.readValue(rs.getString(1), POINT))
                .list();
    }

    Map<UUID, Map<String, String>> labelsOf(List<UUID> ids) {
        Map<UUID, Map<String, String>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.sql("select sweep_id, label_key, label_value from sweep_label where sweep_id in (" + in + ")")
                .params(new ArrayList<Object>(ids))
                .query((rs, n) -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getString(3)))
                .list();
        return out;
    }

    /** A row of the sweep list. */
    record Listed(UUID id, String name, Instant createdAt, Instant cancelledAt, int points) {}

    /**
     * Sweeps newest first with all of {@code labels}, after the keyset ({@code before}, {@code
     * beforeId}) when given.
     */
    List<Listed> page(Map<String, String> labels, String owner, Instant before, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select s.id, s.name, s.created_at, s.cancelled_at,
                    (select count(*) from sweep_point p where p.sweep_id = s.id) from sweep s where 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (owner != null) {
            sql.append(" and s.owner = ?");
            params.add(owner);
        }
        labels.forEach((k, v) -> {
            sql.append(" and exists (select 1 from sweep_label l where l.sweep_id = s.id and l.label_key = ?"
                    + " and l.label_value = ?)");
            params.add(k);
            params.add(v);
        });
        if (before != null) {
            sql.append(" and (s.created_at < ? or (s.created_at = ? and s.id < ?))");
            params.add(Timestamp.from(before));
            params.add(Timestamp.from(before));
            params.add(beforeId);
        }
        sql.append(" order by s.created_at desc, s.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Listed(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getInt(5)))
                .list();
    }
}
