package io.crossbarlab.app.catalog.web;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.security.ApiTokens;
import io.crossbarlab.app.security.SecurityConfiguration;
import io.crossbarlab.app.security.SecuritySettings;
import io.crossbarlab.app.system.ApiSettings;
import io.crossbarlab.app.system.RoleSettings;
import io.crossbarlab.app.system.StrictJson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The preset catalogue and the estimator endpoint in a {@code @WebMvcTest} slice: neither needs the
 * database or the scheduler, so their answers and their problems for bad input are checked here.
 */
@WebMvcTest({CatalogController.class, EstimateController.class})
@Import({StrictJson.class, SecurityConfiguration.class, CatalogControllerTests.Beans.class})
class CatalogControllerTests {

    /** The security rules of the service (anonymous mode here: the slice tests the web layer). */
    @org.springframework.test.context.bean.override.mockito.MockitoBean
    ApiTokens apiTokens;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ApiSettings.class, RoleSettings.class, SecuritySettings.class})
    static class Beans {
        @Bean
        DatasetLoader datasetLoader() {
            return new DatasetLoader(Map.of());
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void presetsListEveryParameterWithUnitRangeAndSource() throws Exception {
        mvc.perform(get("/api/v1/presets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem("ambrogio-2018")));
        mvc.perform(get("/api/v1/presets/ambrogio-2018"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.device[?(@.name == 'gainFactor')].unit", hasItem("1")))
                .andExpect(jsonPath("$.device[?(@.name == 'gainFactor')].min", hasItem(1.0)))
                .andExpect(jsonPath("$.device[?(@.name == 'gainFactor')].max", hasItem(20.0)))
                .andExpect(
                        jsonPath("$.device[?(@.name == 'gainFactor')].source").isNotEmpty());
        mvc.perform(get("/api/v1/presets/no-such-preset"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void theReferenceWorkloadGivesThePapersCalibratedFigures() throws Exception {
        mvc.perform(post("/api/v1/estimates")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.energyEfficiencyGopsPerWatt", closeTo(28_065, 28.0)))
                .andExpect(jsonPath("$.throughputPerAreaTopsPerMm2", closeTo(3.6, 0.05)));
    }

    @Test
    void badEstimateInputNamesTheFieldAndTheAllowedRange() throws Exception {
        mvc.perform(post("/api/v1/estimates")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"device\": {\"scheme\": \"PCM_3T1C\", \"overrides\": {\"gainFactor\": 50}}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("device.overrides.gainFactor"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("20")));
        mvc.perform(post("/api/v1/estimates")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\": {\"layers\": [784, 0, 10]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("network.layers[1]"));
    }
}
