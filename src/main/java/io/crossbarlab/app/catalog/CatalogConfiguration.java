package io.crossbarlab.app.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's beans: the dataset loader over the configured directories and the uploaded data sets. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    DatasetLoader datasetLoader(DatasetSettings settings, UploadedDatasets uploads) {
        return new DatasetLoader(
                settings.directories(), uploads, settings.cacheBytes().toBytes());
    }
}
