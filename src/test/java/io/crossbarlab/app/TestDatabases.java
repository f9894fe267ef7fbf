package io.crossbarlab.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL the machines run at 127.0.0.1:5432 (user postgres, trust auth, database test). */
public final class TestDatabases {

    public static final String PG_URL =
            System.getenv().getOrDefault("CROSSBAR_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("CROSSBAR_TEST_PG_USER", "postgres");

    private TestDatabases() {}

    /** Drops and re-creates {@code schema}, so that each test class starts from an empty database. */
    public static String freshPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + PG_URL + " is required for this test (start it with "
                            + "pg_ctlcluster --skip-systemctl-redirect 15 main start): " + e.getMessage(),
                    e);
        }
        return PG_URL + "?currentSchema=" + schema;
    }

    /** A Spring test context's data source and Flyway pointed at a fresh {@code schema}. */
    public static void usePostgresSchema(
            org.springframework.test.context.DynamicPropertyRegistry registry, String schema) {
        String url = freshPostgresSchema(schema);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PG_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
    }
}
