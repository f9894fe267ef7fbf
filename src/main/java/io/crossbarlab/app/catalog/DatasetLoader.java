package io.crossbarlab.app.catalog;

import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.DatasetCodec;
import io.crossbarlab.sim.data.DatasetSource;
import io.crossbarlab.sim.data.TrainTestSplit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Opens datasets for the simulator and keeps each one loaded once (datasets are immutable and shared
 * by every run). The embedded {@code mnist-10k} comes from the classpath; directory datasets from the
 * directories configured for them; uploaded ones from the database, kept loaded while they fit in
 * their memory budget (least recently used dropped first).
 */
public final class DatasetLoader {

    static final String EMBEDDED_ROOT = "/datasets/mnist-10k/";

    private final Map<String, Path> directories;
    private final UploadedDatasets uploads;
    private final long cacheBytes;
    private final Map<String, TrainTestSplit> cache = new ConcurrentHashMap<>();
    /** Uploaded data sets loaded, least recently used first; guarded by itself. */
    private final LinkedHashMap<String, Loaded> uploaded = new LinkedHashMap<>(16, 0.75f, true);

    private record Loaded(TrainTestSplit split, long bytes) {}

    /** @param directories dataset name → directory of its IDX files (may be empty) */
    public DatasetLoader(Map<String, Path> directories) {
        this(directories, null, 0);
    }

    /**
     * @param directories dataset name → directory of its IDX files (may be empty)
     * @param uploads the uploaded data sets, or null where there is no database
     * @param cacheBytes memory for uploaded data sets kept loaded between runs
     */
    public DatasetLoader(Map<String, Path> directories, UploadedDatasets uploads, long cacheBytes) {
        this.directories = Map.copyOf(directories);
        this.uploads = uploads;
        this.cacheBytes = cacheBytes;
    }

    /** What a spec may know of {@code name}: a built-in data set, or an uploaded one. */
    public Optional<DatasetCatalog.Info> info(String name) {
        Optional<DatasetCatalog.Info> builtIn = DatasetCatalog.byName(name);
        if (builtIn.isPresent() || uploads == null) {
            return builtIn;
        }
        return uploads.find(name).map(UploadedDatasets.Entry::info);
    }

    public TrainTestSplit load(String name) {
        if (DatasetCatalog.byName(name).isEmpty() && uploads != null) {
            return loadUploaded(name);
        }
        return cache.computeIfAbsent(name, n -> {
            try {
                return DatasetCatalog.load(n, DatasetLoader::openEmbedded, directorySource(n));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load dataset " + n + ": " + e.getMessage(), e);
            }
        });
    }

    /** Whether {@code name} can be loaded here (embedded, uploaded, or its directory is configured). */
    public boolean available(String name) {
        return info(name)
                .map(i -> i.location() != DatasetCatalog.Location.DIRECTORY || directories.containsKey(name))
                .orElse(false);
    }

    private TrainTestSplit loadUploaded(String name) {
        synchronized (uploaded) {
            Loaded l = uploaded.get(name);
            if (l != null) {
                return l.split();
            }
        }
        UploadedDatasets.Entry e =
                uploads.find(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + name));
        TrainTestSplit split;
        try (InputStream in = new GZIPInputStream(uploads.open(e.sha256()), 1 << 16)) {
            split = DatasetCodec.read(name, in);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot load uploaded dataset " + name + ": " + ex.getMessage(), ex);
        }
        synchronized (uploaded) {
            uploaded.put(name, new Loaded(split, e.memoryBytes()));
            long total = uploaded.values().stream().mapToLong(Loaded::bytes).sum();
            var it = uploaded.entrySet().iterator();
            while (total > cacheBytes && it.hasNext()) {
                var oldest = it.next();
                if (!oldest.getKey().equals(name)) {
                    total -= oldest.getValue().bytes();
                    it.remove();
                }
            }
        }
        return split;
    }

    private DatasetSource directorySource(String name) {
        Path dir = directories.get(name);
        if (dir == null) {
            return null;
        }
        return file -> {
            try {
                return Files.newInputStream(dir.resolve(file));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new FileNotFoundException(dir.resolve(file).toString());
            }
        };
    }

    static InputStream openEmbedded(String file) throws IOException {
        InputStream in = DatasetLoader.class.getResourceAsStream(EMBEDDED_ROOT + file);
        if (in == null) {
            throw new FileNotFoundException(EMBEDDED_ROOT + file);
        }
        return in;
    }
}
