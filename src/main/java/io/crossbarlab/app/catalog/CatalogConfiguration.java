package io.crossbarlab.app.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's beans: the dataset loader over the configured directories. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    DatasetLoader datasetLoader(DatasetSettings settings) {
        return new DatasetLoader(settings.directories());
    }
}
