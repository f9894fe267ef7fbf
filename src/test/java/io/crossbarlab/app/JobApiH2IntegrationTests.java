package io.crossbarlab.app;

import org.springframework.boot.test.context.SpringBootTest;

/** The job API suite on the default embedded database, H2 in PostgreSQL mode. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:suite;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=h2-node",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=3s",
            "crossbar.scheduler.poll-interval=100ms"
        })
class JobApiH2IntegrationTests extends JobApiSuite {}
