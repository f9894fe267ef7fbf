package io.crossbarlab.app.catalog;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where directory-backed datasets live ({@code crossbar.datasets.directories.NAME=DIR}), e.g.
 * {@code fashion-mnist=/usr/share/fashion-mnist} for Debian's dataset-fashion-mnist package.
 *
 * @param directories dataset name to a directory holding its four IDX files
 */
@ConfigurationProperties("crossbar.datasets")
public record DatasetSettings(Map<String, Path> directories) {
    public DatasetSettings {
        directories = directories == null ? Map.of() : Map.copyOf(directories);
    }
}
