package io.crossbarlab.app.system;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.catalog.DatasetSettings;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
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

    @Bean
    OpenAPI crossbarOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Crossbar Lab API")
                        .version("v1")
                        .description("Simulated training of neural networks on analog in-memory-computing tiles "
                                + "(2PCM + 3T1C unit cells, after Ambrogio et al., Nature 558, 60-67, 2018). "
                                + "Errors are RFC 9457 problem details.")
                        .license(new License().name("Apache-2.0")));
    }
}
