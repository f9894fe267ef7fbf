package io.crossbarlab.app.system;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes a committed write durable before the client is told it happened. PostgreSQL's commit already
 * is (write-ahead log). H2 writes a commit to its file at once only when no other thread is writing the
 * store at that moment, and otherwise leaves it to the next write; a {@code kill -9} in between lost
 * acknowledged jobs in our tests even with {@code WRITE_DELAY=0}. On H2, {@code CHECKPOINT} waits for
 * the store and writes every committed change, so an answer given after it survives the death of the
 * process (not a power loss: H2 does not fsync per commit; that is what PostgreSQL is for).
 */
@Component
public class DurableCommits {

    private final JdbcClient jdbc;
    private final boolean h2;

    public DurableCommits(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.h2 = isH2(dataSource);
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "H2".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to learn its kind", e);
        }
    }

    /** Call after the transaction of a write the client will be told about has committed. */
    public void flush() {
        if (h2) {
            jdbc.sql("checkpoint").update();
        }
    }
}
