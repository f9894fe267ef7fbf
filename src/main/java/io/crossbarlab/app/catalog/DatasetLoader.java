package io.crossbarlab.app.catalog;

import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.DatasetSource;
import io.crossbarlab.sim.data.TrainTestSplit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens datasets for the simulator and keeps each one loaded once (datasets are immutable and shared
 * by every run). The embedded {@code mnist-10k} comes from the classpath; directory datasets from the
 * directories configured for them.
 */
public final class DatasetLoader {

    static final String EMBEDDED_ROOT = "/datasets/mnist-10k/";

    private final Map<String, Path> directories;
    private final Map<String, TrainTestSplit> cache = new ConcurrentHashMap<>();

    /** @param directories dataset name → directory of its IDX files (may be empty) */
    public DatasetLoader(Map<String, Path> directories) {
        this.directories = Map.copyOf(directories);
    }

    public TrainTestSplit load(String name) {
        return cache.computeIfAbsent(name, n -> {
            try {
                return DatasetCatalog.load(n, DatasetLoader::openEmbedded, directorySource(n));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load dataset " + n + ": " + e.getMessage(), e);
            }
        });
    }

    /** Whether {@code name} can be loaded here (embedded, or its directory is configured). */
    public boolean available(String name) {
        return DatasetCatalog.byName(name)
                .map(i -> i.location() == DatasetCatalog.Location.EMBEDDED || directories.containsKey(name))
                .orElse(false);
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
