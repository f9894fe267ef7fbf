package io.crossbarlab.app.system;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.catalog.DatasetSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared across the application. */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DatasetLoader datasetLoader(DatasetSettings settings) {
        return new DatasetLoader(settings.directories());
    }
}
