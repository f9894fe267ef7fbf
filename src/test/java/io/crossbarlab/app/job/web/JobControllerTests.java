package io.crossbarlab.app.job.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.SubmitCommand;
import io.crossbarlab.app.security.ApiTokens;
import io.crossbarlab.app.security.SecurityConfiguration;
import io.crossbarlab.app.security.SecuritySettings;
import io.crossbarlab.app.system.ApiSettings;
import io.crossbarlab.app.system.RoleSettings;
import io.crossbarlab.app.system.StrictJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job API's web layer alone (a {@code @WebMvcTest} slice: controller, request filters, JSON rules
 * and problem handlers, no database and no scheduler): what it passes to the job service, and how it
 * answers bad input, in a second instead of a running service. The full service is exercised by
 * {@code JobApiSuite} against H2 and PostgreSQL.
 */
@WebMvcTest(JobController.class)
@Import({StrictJson.class, SecurityConfiguration.class, JobControllerTests.Beans.class})
class JobControllerTests {

    /** The security rules of the service (anonymous mode here: the slice tests the web layer). */
    @org.springframework.test.context.bean.override.mockito.MockitoBean
    ApiTokens apiTokens;

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ApiSettings.class, RoleSettings.class, SecuritySettings.class})
    static class Beans {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    JobService jobs;

    @MockitoBean
    JobEventStreams streams;

    @BeforeEach
    void queuedJobs() {
        when(jobs.submit(any())).thenAnswer(call -> {
            SubmitCommand cmd = call.getArgument(0);
            return new JobService.Submission(job(cmd), false);
        });
    }

    private Job job(SubmitCommand cmd) {
        return Job.queued(
                UUID.fromString("00000000-0000-0000-0000-000000000042"),
                cmd.name(),
                cmd.priority(),
                cmd.labels() == null ? Map.of() : cmd.labels(),
                json.writeValueAsString(cmd.spec()),
                "hash",
                7L,
                "test",
                1,
                3,
                16_000,
                NOW,
                cmd.idempotencyKey(),
                cmd.requestHash());
    }

    @Test
    void aValidSubmissionIsPassedOnWhole() throws Exception {
        mvc.perform(post("/api/v1/jobs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "key-1")
                        .content("""
                                {"name": "slice", "labels": {"study": "web"}, "priority": 5,
                                 "network": {"layers": [784, 250, 10]}, "training": {"epochs": 2},
                                 "device": {"scheme": "PCM_3T1C", "overrides": {"gainFactor": 3}}, "seed": 7}
                                """))
                .andExpect(status().isAccepted())
                .andExpect(header().string(
                                "Location", "http://localhost/api/v1/jobs/00000000-0000-0000-0000-000000000042"))
                .andExpect(jsonPath("$.state").value("QUEUED"))
                .andExpect(jsonPath("$.name").value("slice"));
        ArgumentCaptor<SubmitCommand> sent = ArgumentCaptor.forClass(SubmitCommand.class);
        verify(jobs).submit(sent.capture());
        SubmitCommand cmd = sent.getValue();
        assertThat(cmd.name()).isEqualTo("slice");
        assertThat(cmd.labels()).containsExactly(Map.entry("study", "web"));
        assertThat(cmd.priority()).isEqualTo(5);
        assertThat(cmd.idempotencyKey()).isEqualTo("key-1");
        // the body's SHA-256 from the request filter, for telling a replay from a reused key
        assertThat(cmd.requestHash()).matches("[0-9a-f]{64}");
        assertThat(cmd.spec().network().layers()).containsExactly(784, 250, 10);
        assertThat(cmd.spec().device().overrides()).containsEntry("gainFactor", 3);
        assertThat(cmd.spec().seed()).isEqualTo(7L);
        assertThat(cmd.floatingPointBaseline()).isFalse();
        assertThat(cmd.reuse()).as("reuse defaults to true").isTrue();
    }

    @Test
    void priorityOutOfRangeNamesTheFieldAndRange() throws Exception {
        mvc.perform(post("/api/v1/jobs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"priority\": 1001, \"network\": {\"layers\": [784, 10]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("priority"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("1000")));
        verify(jobs, never()).submit(any());
    }

    @Test
    void jsonIsReadStrictly() throws Exception {
        // a fraction for an integer, an unknown property, a key given twice: each a 400 naming the field
        for (String body : List.of(
                "{\"network\": {\"layers\": [784, 10]}, \"training\": {\"epochs\": 2.5}}",
                "{\"network\": {\"layers\": [784, 10]}, \"trainng\": {}}",
                "{\"network\": {\"layers\": [784, 10]}, \"seed\": 1, \"seed\": 2}")) {
            mvc.perform(post("/api/v1/jobs")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.errors[0].field").exists());
        }
        verify(jobs, never()).submit(any());
    }

    @Test
    void aMalformedIdempotencyKeyIsRejectedBeforeTheService() throws Exception {
        mvc.perform(post("/api/v1/jobs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", " leading space")
                        .content("{\"network\": {\"layers\": [784, 10]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        verify(jobs, never()).submit(any());
    }

    @Test
    void listParametersAreCheckedWithTheirRanges() throws Exception {
        mvc.perform(get("/api/v1/jobs").param("pageSize", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("pageSize"))
                .andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 1000 (was 0)"));
        mvc.perform(get("/api/v1/jobs").param("state", "DONE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(get("/api/v1/jobs").param("label", "=x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("label"));
        verify(jobs, never()).list(anyList(), anyMap(), anyInt(), any());
    }

    @Test
    void listFiltersReachTheServiceParsed() throws Exception {
        when(jobs.list(anyList(), anyMap(), anyInt(), any())).thenReturn(new JobService.Page(List.of(), null));
        mvc.perform(get("/api/v1/jobs")
                        .param("state", "queued,RUNNING")
                        .param("label", "study=web")
                        .param("pageSize", "7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jobs").isArray());
        verify(jobs).list(List.of(JobState.QUEUED, JobState.RUNNING), Map.of("study", "web"), 7, null);
    }

    @Test
    void anUnknownJobIsANotFoundProblem() throws Exception {
        UUID id = UUID.randomUUID();
        when(jobs.visible(id)).thenThrow(new JobExceptions.JobNotFound(id));
        mvc.perform(get("/api/v1/jobs/{id}", id))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/v1/jobs/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void theResultOfAJobThatHasNotSucceededIsAConflict() throws Exception {
        Job queued = job(new SubmitCommand("q", Map.of(), 0, null, null, "", false, null, true));
        when(jobs.visible(queued.getId())).thenReturn(queued);
        mvc.perform(get("/api/v1/jobs/{id}/result", queued.getId()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeParsing() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(2_000_000) + "\"}";
        mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        verify(jobs, never()).submit(any());
    }
}
