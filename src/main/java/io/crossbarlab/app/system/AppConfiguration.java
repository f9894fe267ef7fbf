package io.crossbarlab.app.system;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared across the application. */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {

    /** Recovers an embedded H2 file that was not closed cleanly before the pool opens it (ADR 0009). */
    @Bean
    static BeanPostProcessor h2CrashRecovery() {
        return H2CrashRecovery.beforePoolOpens();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
