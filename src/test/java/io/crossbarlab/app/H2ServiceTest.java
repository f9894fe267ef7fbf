package io.crossbarlab.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole service on a random port over an in-memory H2; test classes using it share one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:suite;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=h2-node",
            "crossbar.scheduler.heartbeat=300ms",
            "crossbar.scheduler.lease=3s",
            "crossbar.scheduler.poll-interval=100ms"
        })
public @interface H2ServiceTest {}
