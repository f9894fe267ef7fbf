package io.crossbarlab.app;

import io.crossbarlab.app.job.FaultyJobLeases;
import io.crossbarlab.app.job.FaultyJobProgress;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The node's lease and progress writers with fault hooks, in place of the service's own; they pass
 * every call through until a test sets a fault. Imported by the tests that inject database failures.
 */
@TestConfiguration
class FaultInjection {

    @Bean
    @Primary
    FaultyJobLeases faultyLeases(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        return new FaultyJobLeases(jdbc, publisher);
    }

    @Bean
    @Primary
    FaultyJobProgress faultyProgress(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        return new FaultyJobProgress(jdbc, publisher);
    }
}
