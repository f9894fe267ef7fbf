package io.crossbarlab.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port over a fresh H2 file database, configured as the default one is
 * (a new file under {@code target/h2} per run, short connection lifetimes so that the pool recycles its
 * connections while the suite runs); test classes using it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:file:./target/h2/suite-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
            "spring.datasource.hikari.max-lifetime=30000",
            "crossbar.scheduler.node-id=h2-node",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=3s",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.scheduler.checkpoint-interval=0s",
            "crossbar.datasets.max-upload-bytes=8MB",
            "crossbar.datasets.max-values=2000000"
        })
public @interface H2ServiceTest {}
