package io.crossbarlab.app.system;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
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

    /**
     * Tomcat answers {@code Expect: 100-continue} only when the application reads the body (its default
     * is at once): an upload refused by its declared size then gets its 413 before the client sends it,
     * instead of a connection reset in the middle of sending.
     */
    @Bean
    TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
