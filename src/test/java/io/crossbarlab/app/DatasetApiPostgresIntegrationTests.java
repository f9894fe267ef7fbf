package io.crossbarlab.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The data set API suite on the real PostgreSQL of the machine (profile {@code postgres}). Never skipped:
 * it fails when PostgreSQL is down, and {@code .ci/run} starts it first.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "crossbar.scheduler.node-id=pg-node",
            "spring.datasource.hikari.max-lifetime=30000",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=3s",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.datasets.max-upload-bytes=8MB",
            "crossbar.datasets.max-values=2000000"
        })
@ActiveProfiles("postgres")
// the suite is about the API and the database, in the anonymous mode (SecurityIntegrationTests: tokens)
@org.springframework.test.context.TestPropertySource(properties = "crossbar.security.mode=anonymous")
class DatasetApiPostgresIntegrationTests extends DatasetApiSuite {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgresSchema(registry, "crossbar_dataset_it");
    }
}
