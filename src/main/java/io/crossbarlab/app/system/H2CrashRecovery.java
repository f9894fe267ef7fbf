package io.crossbarlab.app.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Recovers every committed write of an H2 file database after its process died (kill -9, out of
 * memory, a lost container), before the service opens the file.
 *
 * <p>H2's MVStore writes each commit as a chunk, often into space freed by older chunks, and writes
 * the file header, which points at a chunk to start reading from, only now and then. When it opens a
 * file that was not closed cleanly, it follows the chain from the header's chunk through each chunk's
 * prediction of where the next one goes, plus the chunk at the end of the file. A chunk placed
 * elsewhere, and every chunk after it, is not found: H2 opens the file at an older version and the
 * commits in those chunks, although fully written, are gone. We measured this (ADR 0009): on the
 * same bytes of a killed file, a normal open lost 24 acknowledged rows that H2's full-scan recovery
 * kept. So when the header says the file was not closed cleanly, this opens it once with H2's
 * recovery mode, which reads every block, picks the newest chunk whose references are all intact,
 * and closes it cleanly; the pool then opens a file whose header points at that chunk.
 *
 * <p>The cost is one sequential read of the file after an unclean shutdown (about 6 ms per MB
 * measured) and a read-only open for the header after a clean one (tens of milliseconds).
 */
public final class H2CrashRecovery {

    private static final Logger log = LoggerFactory.getLogger(H2CrashRecovery.class);

    /** What was done to one file: nothing (absent or clean), or a recovery and what it found. */
    public record Outcome(Path file, Kind kind, long quickVersion, long recoveredVersion, long millis) {

        /** The store versions that H2's ordinary open would have dropped. */
        public long versionsSaved() {
            return Math.max(0, recoveredVersion - quickVersion);
        }
    }

    /** Kinds of outcome. */
    public enum Kind {
        ABSENT,
        CLEAN,
        RECOVERED
    }

    private H2CrashRecovery() {}

    /**
     * The MVStore file of an H2 JDBC URL for an unencrypted file database, or empty for anything else
     * (in-memory, server, encrypted, other databases).
     */
    public static Optional<Path> storeFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(8);
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String options = semicolon < 0 ? "" : rest.substring(semicolon).toUpperCase(Locale.ROOT);
        if (options.contains(";CIPHER=")) {
            return Optional.empty(); // the raw store cannot be opened without the file password
        }
        if (name.regionMatches(true, 0, "file:", 0, 5)) {
            name = name.substring(5);
        } else if (name.indexOf(':') > 1) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio... file systems
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db"));
    }

    /** Recovers the file if it exists and was not closed cleanly. */
    public static Outcome recover(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Outcome(file, Kind.ABSENT, 0, 0, 0);
        }
        long start = System.nanoTime();
        long quick;
        boolean clean;
        try (MVStore s =
                new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            clean = s.getStoreHeader().containsKey("clean");
            quick = s.getCurrentVersion();
        }
        if (clean) {
            return new Outcome(file, Kind.CLEAN, quick, quick, 0);
        }
        long recovered;
        try (MVStore s =
                new MVStore.Builder().fileName(file.toString()).recoveryMode().open()) {
            recovered = s.getCurrentVersion();
        } // close() writes the clean header pointing at the recovered chunk
        return new Outcome(file, Kind.RECOVERED, quick, recovered, (System.nanoTime() - start) / 1_000_000);
    }

    /** Runs {@link #recover} for an H2 file data source before anything connects to it. */
    public static BeanPostProcessor beforePoolOpens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource && bean instanceof com.zaxxer.hikari.HikariConfig hikari) {
                    storeFile(hikari.getJdbcUrl()).ifPresent(H2CrashRecovery::recoverAndReport);
                }
                return bean;
            }
        };
    }

    private static void recoverAndReport(Path file) {
        Outcome o;
        try {
            o = recover(file);
        } catch (RuntimeException e) {
            // another process holds the file, or it is damaged beyond what recovery reads: H2's own
            // open reports that with its own message
            log.warn("could not check H2 file {} for an unclean shutdown: {}", file, e.toString());
            return;
        }
        if (o.kind() != Kind.RECOVERED) {
            return;
        }
        if (o.versionsSaved() > 0) {
            log.warn(
                    "H2 file {} was not closed cleanly; full-scan recovery kept store versions {}..{} that an"
                            + " ordinary open would have dropped ({} ms)",
                    file,
                    o.quickVersion() + 1,
                    o.recoveredVersion(),
                    o.millis());
        } else {
            log.info(
                    "H2 file {} was not closed cleanly; full-scan recovery found nothing beyond version {} ({} ms)",
                    file,
                    o.recoveredVersion(),
                    o.millis());
        }
    }
}
