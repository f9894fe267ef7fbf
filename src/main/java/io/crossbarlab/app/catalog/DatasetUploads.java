package io.crossbarlab.app.catalog;

import io.crossbarlab.app.system.LimitExceeded;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.DatasetCodec;
import io.crossbarlab.sim.data.DatasetFormatException;
import io.crossbarlab.sim.data.DatasetImport;
import io.crossbarlab.sim.data.DatasetTooLargeException;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an uploaded archive: spools it to a temporary file within the size limit, reads it with
 * {@link DatasetImport}, writes its canonical form ({@link DatasetCodec}) compressed while hashing it,
 * and stores content and name in one transaction. The same name with the same content is answered
 * from what is stored; a name is never rebound to other content.
 */
@Service
public class DatasetUploads {

    /** Names: lower case, digits, dot, dash and underscore; start with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public static final int MAX_DESCRIPTION = 500;

    /** Upper bound on an archive entry's expanded size per value it may hold (CSV text is the widest). */
    private static final int BYTES_PER_VALUE = 64;

    private final UploadedDatasets store;
    private final DatasetSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Semaphore slots;
    private final UploadQuotaSettings quotas;

    DatasetUploads(
            UploadedDatasets store,
            DatasetSettings settings,
            TransactionTemplate tx,
            Clock clock,
            UploadQuotaSettings quotas) {
        this.quotas = quotas;
        this.store = store;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrentUploads(), true);
    }

    /** The outcome: the stored entry, and whether this request created it. */
    public record Result(UploadedDatasets.Entry entry, boolean created) {}

    /** A name already names other content (409), or is a built-in data set's. */
    public static final class NameTaken extends RuntimeException {
        public NameTaken(String message) {
            super(message);
        }
    }

    /** An archive that is not one, or whose files are malformed (400). */
    public static final class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message);
        }
    }

    /**
     * Imports {@code body} as data set {@code name}.
     *
     * @param contentLength the declared body length, or -1
     */
    public Result upload(String name, String description, Integer classes, InputStream body, long contentLength) {
        checkRequest(name, description, classes);
        long maxUpload = settings.maxUploadBytes().toBytes();
        if (contentLength > maxUpload) {
            throw tooLarge(contentLength, maxUpload);
        }
        String owner = io.crossbarlab.app.security.Caller.current().owner();
        checkQuota(owner, Math.max(0, contentLength));
        boolean acquired;
        try {
            acquired = slots.tryAcquire(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an upload slot", e);
        }
        if (!acquired) {
            throw new LimitExceeded(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "crossbar.datasets.concurrent-uploads",
                    settings.concurrentUploads(),
                    null,
                    "this node is importing " + settings.concurrentUploads() + " upload(s); retry later");
        }
        Path archive = null;
        Path canonical = null;
        try {
            archive = Files.createTempFile("crossbar-upload-", ".zip");
            long size = spool(body, archive, maxUpload);
            checkQuota(owner, size);
            DatasetImport.Imported imported = importArchive(name, archive, classes);
            canonical = Files.createTempFile("crossbar-dataset-", ".xbds.gz");
            String sha256 = writeCanonical(imported, canonical);
            UploadedDatasets.Entry entry = new UploadedDatasets.Entry(
                    name, sha256, description, imported.report(), size, Files.size(canonical), clock.instant());
            return save(entry, canonical);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            slots.release();
            deleteQuietly(archive);
            deleteQuietly(canonical);
        }
    }

    /** 403 when {@code owner}'s stored uploads and {@code size} more would pass the upload quota. */
    private void checkQuota(String owner, long size) {
        long quota = quotas.uploadBytes().toBytes();
        long used = store.uploadedBytes(owner);
        if (used + size > quota) {
            throw new LimitExceeded(
                    HttpStatus.FORBIDDEN,
                    "crossbar.quotas.upload-bytes",
                    quota,
                    null,
                    "owner " + owner + " has uploaded " + used + " bytes and this upload is " + size
                            + "; an owner may store " + quota + " bytes of uploads");
        }
    }

    private static void checkRequest(String name, String description, Integer classes) {
        List<InvalidSpecException.Violation> v = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            v.add(new InvalidSpecException.Violation(
                    "name",
                    "required: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
                            + " (was " + (name == null ? "missing" : "'" + abbreviate(name) + "'") + ")"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            v.add(new InvalidSpecException.Violation(
                    "description", "at most " + MAX_DESCRIPTION + " characters (was " + description.length() + ")"));
        }
        if (classes != null && (classes < 2 || classes > DatasetImport.MAX_CLASSES)) {
            v.add(new InvalidSpecException.Violation(
                    "classes", "must be between 2 and " + DatasetImport.MAX_CLASSES + " (was " + classes + ")"));
        }
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        if (DatasetCatalog.byName(name).isPresent()) {
            throw new NameTaken("'" + name + "' is a built-in data set; choose another name");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }

    private static LimitExceeded tooLarge(long size, long max) {
        return new LimitExceeded(
                HttpStatus.CONTENT_TOO_LARGE,
                "crossbar.datasets.max-upload-bytes",
                max,
                null,
                "the upload " + (size > max ? "of " + size + " bytes " : "") + "exceeds the limit of " + max
                        + " bytes");
    }

    private static long spool(InputStream body, Path file, long max) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    throw tooLarge(-1, max);
                }
                out.write(buf, 0, n);
            }
        }
        if (total == 0) {
            throw new Malformed("the body is empty: send the archive (.npz or .zip) as the request body");
        }
        return total;
    }

    private DatasetImport.Imported importArchive(String name, Path archive, Integer classes) throws IOException {
        long maxValues = settings.maxValues();
        DatasetImport.Limits limits = new DatasetImport.Limits(maxValues, RunSpec.MAX_LAYER_SIZE);
        long maxEntryBytes = maxValues * BYTES_PER_VALUE + (1 << 20);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
            return DatasetImport.read(
                    name,
                    names,
                    file -> {
                        ZipEntry e = zip.getEntry(file);
                        if (e == null) {
                            throw new java.io.FileNotFoundException(file);
                        }
                        return new Bounded(zip.getInputStream(e), file, maxEntryBytes);
                    },
                    classes,
                    limits);
        } catch (DatasetTooLargeException e) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT, "crossbar.datasets.max-values", e.limit(), null, e.getMessage());
        } catch (ZipException e) {
            throw new Malformed(
                    "the body is not a ZIP archive (an .npz written by numpy.savez, or a .zip): " + e.getMessage());
        } catch (DatasetFormatException e) {
            throw new Malformed(e.getMessage());
        }
    }

    /** An archive entry's stream that refuses to expand past {@code max} bytes (a zip bomb). */
    private static final class Bounded extends FilterInputStream {
        private final String file;
        private final long max;
        private long read;

        Bounded(InputStream in, String file, long max) {
            super(in);
            this.file = file;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws DatasetFormatException {
            read += n;
            if (read > max) {
                throw new DatasetFormatException(file + " expands past " + max + " bytes, more than the values limit"
                        + " allows in any accepted format");
            }
        }
    }

    /** Writes the canonical form, gzip-compressed, to {@code file}; returns its SHA-256 (uncompressed). */
    private static String writeCanonical(DatasetImport.Imported imported, Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
        try (OutputStream out = new DigestOutputStream(
                new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16), sha)) {
            DatasetCodec.write(imported.split(), out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private Result save(UploadedDatasets.Entry entry, Path canonical) {
        for (int attempt = 0; ; attempt++) {
            Optional<Result> existing = existing(entry);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                tx.executeWithoutResult(s -> {
                    try {
                        if (!store.contentExists(entry.sha256())) {
                            store.insertContent(entry.sha256(), canonical, entry.createdAt());
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    store.insertName(entry);
                });
                return new Result(store.find(entry.name()).orElseThrow(), true);
            } catch (DuplicateKeyException e) {
                // another upload stored this name or this content meanwhile: look again
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private Optional<Result> existing(UploadedDatasets.Entry entry) {
        return store.find(entry.name()).map(e -> {
            if (!e.sha256().equals(entry.sha256())) {
                throw new NameTaken("'" + entry.name() + "' already names other content (sha256 " + e.sha256()
                        + ", this upload " + entry.sha256() + "); a data set's name is never rebound, so that the"
                        + " runs that name it stay reproducible: upload under a new name");
            }
            return new Result(e, false);
        });
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file; the OS cleans its temp directory
            }
        }
    }
}
