package io.crossbarlab.app.catalog;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Data sets: where directory-backed ones live, and the limits and memory of uploaded ones.
 *
 * @param directories dataset name to a directory holding its four IDX files ({@code
 *     crossbar.datasets.directories.NAME=DIR}), e.g. {@code fashion-mnist=/usr/share/fashion-mnist} for
 *     Debian's dataset-fashion-mnist package
 * @param maxUploadBytes largest upload (the archive as sent), at most 2 GiB - 1: Tomcat's limit for
 *     discarding the unread rest of a refused request ({@code server.tomcat.max-swallow-size}, an int)
 *     follows it
 * @param maxValues most examples x features in the training part or in the test part of an upload
 *     (each value takes one byte in memory once loaded)
 * @param concurrentUploads uploads this node imports at once (each holds its data set in memory)
 * @param cacheBytes memory for uploaded data sets kept loaded between runs (least recently used ones
 *     are dropped first)
 */
@ConfigurationProperties("crossbar.datasets")
public record DatasetSettings(
        Map<String, Path> directories,
        DataSize maxUploadBytes,
        Long maxValues,
        Integer concurrentUploads,
        DataSize cacheBytes) {
    public DatasetSettings {
        directories = directories == null ? Map.of() : Map.copyOf(directories);
        maxUploadBytes = maxUploadBytes == null ? DataSize.ofMegabytes(512) : maxUploadBytes;
        if (maxUploadBytes.toBytes() < 1 || maxUploadBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("crossbar.datasets.max-upload-bytes must be between 1 byte and "
                    + Integer.MAX_VALUE + " bytes (2 GiB - 1), was " + maxUploadBytes.toBytes());
        }
        maxValues = maxValues == null ? 268_435_456L : maxValues;
        concurrentUploads = concurrentUploads == null ? 1 : concurrentUploads;
        cacheBytes = cacheBytes == null ? DataSize.ofGigabytes(2) : cacheBytes;
    }
}
