package io.crossbarlab.app.catalog;

import io.crossbarlab.app.system.ChunkedBlobs;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.DatasetImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uploaded data sets' tables: content by SHA-256 in chunks ({@link ChunkedBlobs}), and the
 * names pointing at it. Names are never rebound, so a found entry is cached for good.
 */
@Component
public class UploadedDatasets {

    /**
     * An uploaded data set.
     *
     * @param name its name in specs
     * @param sha256 SHA-256 of its canonical form (DatasetCodec), hex
     * @param description what the uploader said it is, or null
     * @param report what the import found: layout, sizes, classes, the 8-bit scale
     * @param uploadBytes size of the archive as uploaded
     * @param storedBytes size stored (compressed canonical form)
     * @param createdAt when it was uploaded
     */
    public record Entry(
            String name,
            String sha256,
            String description,
            DatasetImport.Report report,
            long uploadBytes,
            long storedBytes,
            Instant createdAt) {

        /** Its catalog description, as the built-in data sets have one. */
        public DatasetCatalog.Info info() {
            return new DatasetCatalog.Info(
                    name,
                    description != null ? description : "uploaded " + report.layout() + " data set",
                    DatasetCatalog.Location.UPLOADED,
                    report.trainExamples(),
                    report.testExamples(),
                    report.features(),
                    report.classes(),
                    "uploaded by a user (sha256 " + sha256 + "); its licence is the uploader's");
        }

        /** Bytes it takes in memory once loaded. */
        public long memoryBytes() {
            return (long) (report.trainExamples() + report.testExamples()) * (report.features() + 1);
        }
    }

    private final JdbcClient jdbc;
    private final ChunkedBlobs chunks;
    private final ConcurrentHashMap<String, Entry> found = new ConcurrentHashMap<>();

    UploadedDatasets(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.chunks = new ChunkedBlobs(jdbc, "dataset_chunk", "sha256");
    }

    public Optional<Entry> find(String name) {
        Entry cached = found.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Entry> e =
                jdbc.sql("""
                select d.*, c.stored_bytes from dataset d join dataset_content c on c.sha256 = d.sha256
                where d.name = ?""").param(name).query(UploadedDatasets::entry).optional();
        e.ifPresent(v -> found.put(name, v));
        return e;
    }

    /** Every uploaded data set, by name. */
    public List<Entry> all() {
        return jdbc.sql("""
                select d.*, c.stored_bytes from dataset d join dataset_content c on c.sha256 = d.sha256
                order by d.name""").query(UploadedDatasets::entry).list();
    }

    boolean contentExists(String sha256) {
        return jdbc.sql("select count(*) from dataset_content where sha256 = ?")
                        .param(sha256)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Stores the compressed canonical form in {@code file} as {@code sha256}; in the caller's transaction. */
    void insertContent(String sha256, Path file, Instant now) throws IOException {
        long size = Files.size(file);
        int chunkCount = (int) ((size + ChunkedBlobs.CHUNK_BYTES - 1) / ChunkedBlobs.CHUNK_BYTES);
        jdbc.sql("insert into dataset_content (sha256, stored_bytes, chunks, created_at) values (?, ?, ?, ?)")
                .params(sha256, size, chunkCount, Timestamp.from(now))
                .update();
        try (OutputStream out = this.chunks.writer(sha256)) {
            Files.copy(file, out);
        }
    }

    /** Inserts a name; in the caller's transaction (a taken name fails with DuplicateKeyException). */
    void insertName(Entry e) {
        DatasetImport.Report r = e.report();
        jdbc.sql("""
                insert into dataset (name, sha256, description, layout, train_examples, test_examples, features,
                    classes, scale_exact, scale_low, scale_high, clipped_test_values, upload_bytes, created_at, owner)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        e.name(),
                        e.sha256(),
                        e.description(),
                        r.layout().name(),
                        r.trainExamples(),
                        r.testExamples(),
                        r.features(),
                        r.classes(),
                        r.scale().exact(),
                        r.scale().low(),
                        r.scale().high(),
                        r.clippedTestValues(),
                        e.uploadBytes(),
                        Timestamp.from(e.createdAt()),
                        io.crossbarlab.app.security.Caller.current().owner())
                .update();
    }

    /** Bytes of the uploads whose names {@code owner} created. */
    public long uploadedBytes(String owner) {
        return jdbc.sql("select coalesce(sum(upload_bytes), 0) from dataset where owner = ?")
                .param(owner)
                .query(Long.class)
                .single();
    }

    /** The compressed canonical form of {@code sha256}, read chunk by chunk. */
    InputStream open(String sha256) {
        return chunks.reader(sha256);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getString("name"),
                rs.getString("sha256"),
                rs.getString("description"),
                new DatasetImport.Report(
                        DatasetImport.Layout.valueOf(rs.getString("layout")),
                        rs.getInt("train_examples"),
                        rs.getInt("test_examples"),
                        rs.getInt("features"),
                        rs.getInt("classes"),
                        new DatasetImport.Scale(
                                rs.getBoolean("scale_exact"), rs.getDouble("scale_low"), rs.getDouble("scale_high")),
                        rs.getLong("clipped_test_values")),
                rs.getLong("upload_bytes"),
                rs.getLong("stored_bytes"),
                rs.getTimestamp("created_at").toInstant());
    }
}
