package io.crossbarlab.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.system.H2CrashRecovery.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery step before the pool opens an H2 file. An unclean file is made with
 * {@code SHUTDOWN IMMEDIATELY}, which closes the store without its clean-shutdown header, as a
 * killed process leaves it. The data loss itself needs a killed process and luck in where H2 places
 * chunks; {@code CrashDurabilityProcessIntegrationTests} shows it end to end.
 */
class H2CrashRecoveryTests {

    @TempDir
    Path dir;

    @Test
    void findsTheStoreFileOfFileUrlsOnly() {
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:file:./data/crossbar-lab;MODE=PostgreSQL;WRITE_DELAY=0"))
                .contains(Path.of("./data/crossbar-lab.mv.db"));
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:/var/lib/x")).contains(Path.of("/var/lib/x.mv.db"));
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:~/lab"))
                .contains(Path.of(System.getProperty("user.home") + "/lab.mv.db"));
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"))
                .isEmpty();
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:tcp://localhost/~/test")).isEmpty();
        assertThat(H2CrashRecovery.storeFile("jdbc:h2:file:./x;CIPHER=AES")).isEmpty();
        assertThat(H2CrashRecovery.storeFile("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEmpty();
        assertThat(H2CrashRecovery.storeFile(null)).isEmpty();
    }

    @Test
    void leavesAnAbsentOrCleanlyClosedFileAlone() throws SQLException {
        Path file = dir.resolve("db.mv.db");
        assertThat(H2CrashRecovery.recover(file).kind()).isEqualTo(Kind.ABSENT);
        try (Connection c = open()) {
            write(c, 3);
        }
        long modified = file.toFile().lastModified();
        H2CrashRecovery.Outcome o = H2CrashRecovery.recover(file);
        assertThat(o.kind()).isEqualTo(Kind.CLEAN);
        assertThat(file.toFile().lastModified()).isEqualTo(modified);
    }

    @Test
    void recoversAnUncleanFileWithEveryCommittedRowAndLeavesItClean() throws SQLException {
        Path file = dir.resolve("db.mv.db");
        try (Connection c = open()) {
            write(c, 50);
            try (Statement s = c.createStatement()) {
                s.execute("shutdown immediately");
            }
        } catch (SQLException expected) {
            // the connection is closed under us
        }
        H2CrashRecovery.Outcome o = H2CrashRecovery.recover(file);
        assertThat(o.kind()).isEqualTo(Kind.RECOVERED);
        assertThat(o.recoveredVersion()).isGreaterThanOrEqualTo(o.quickVersion());
        try (Connection c = open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(50);
        }
        assertThat(H2CrashRecovery.recover(file).kind()).isEqualTo(Kind.CLEAN);
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "");
    }

    private static void write(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists t(id int primary key)");
            for (int i = 0; i < rows; i++) {
                s.execute("insert into t values(" + i + ")");
            }
        }
    }
}
