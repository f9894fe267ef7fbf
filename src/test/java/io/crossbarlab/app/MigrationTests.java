package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrations V5 and V6 applied to a database that already holds a finished job written by the
 * schema before them (V4): its labels survive only as job_label rows, and its EPOCH event, whose
 * metrics were a JSON copy, names its epoch and reads back joined to its job_epoch row. On H2 in the
 * service's PostgreSQL mode and on the real PostgreSQL.
 */
class MigrationTests {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void labelsAndEpochMetricsKeepOneCopyAcrossTheUpgrade(String engine) throws SQLException {
        String url = engine.equals("h2")
                ? "jdbc:h2:mem:migration-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                : TestDatabases.freshPostgresSchema("migration_tests");
        String user = engine.equals("h2") ? "sa" : TestDatabases.PG_USER;
        Flyway.configure().dataSource(url, user, "").target("4").load().migrate();

        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"));
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into job (id, name, state, priority, labels, spec, spec_hash, seed, simulator_version,
                        tiles_required, attempt, max_attempts, progress_epoch, progress_examples, total_examples,
                        created_at, work, wall_time_limit_seconds)
                    values (?, 'old', 'SUCCEEDED', 0, '{"study":"upgrade"}', '{}', 'h', 1, '2.0.0', 1, 1, 3, 1, 10,
                        10, ?, 100, 60)""")) {
                s.setObject(1, id);
                s.setTimestamp(2, now);
                s.executeUpdate();
            }
            exec(c, "insert into job_label (job_id, label_key, label_value) values (?, 'study', 'upgrade')", id);
            exec(
                    c,
                    "insert into job_epoch (job_id, epoch, train_accuracy, train_loss, test_accuracy, test_loss,"
                            + " seconds) values (?, 1, 0.5, 1.25, 0.75, 0.5, 2.0)",
                    id);
            exec(
                    c,
                    "insert into job_event (job_id, attempt, at, type, to_state, reason) values"
                            + " (?, 0, current_timestamp, 'STATE', 'QUEUED', 'submitted')",
                    id);
            exec(
                    c,
                    "insert into job_event (job_id, attempt, at, type, reason, data) values (?, 1, current_timestamp,"
                            + " 'EPOCH', 'epoch 1', '{\"epoch\":1,\"trainAccuracy\":0.5}')",
                    id);
        }

        Flyway.configure().dataSource(url, user, "").load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, "")) {
            assertThatThrownBy(() -> c.createStatement().executeQuery("select labels from job"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.createStatement().executeQuery("select data from job_event"))
                    .isInstanceOf(SQLException.class);
            try (PreparedStatement s =
                    c.prepareStatement("select label_value from job_label where job_id = ? and label_key = 'study'")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("upgrade");
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select e.type, e.epoch, ep.test_accuracy from job_event e
                    left join job_epoch ep on ep.job_id = e.job_id and ep.epoch = e.epoch
                    where e.job_id = ? order by e.id""")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("STATE");
                    assertThat(rs.getObject(2)).isNull();
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("EPOCH");
                    assertThat(rs.getInt(2)).isEqualTo(1);
                    assertThat(rs.getDouble(3)).isEqualTo(0.75);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    private static void exec(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
