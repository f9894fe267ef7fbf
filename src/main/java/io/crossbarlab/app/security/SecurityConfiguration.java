package io.crossbarlab.app.security;

import io.crossbarlab.app.system.ProblemTypes;
import io.crossbarlab.app.system.Problems;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's access rules. Probes and Prometheus are open (the actuator exposes nothing else); the
 * dashboard's static files, Swagger UI and the OpenAPI document are open (they hold no data: the
 * dashboard reads the API with the user's token). In the {@code tokens} mode every {@code /api/**}
 * request needs a live bearer token, {@code /api/v1/admin/**} an admin token; in the {@code
 * anonymous} mode everything is open and every caller is the owner "anonymous". Refusals are problem
 * documents (401 with {@code WWW-Authenticate: Bearer}, 403). No sessions, no cookies, so no CSRF.
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The dashboard's own pages get a content security policy: its scripts and styles come from the jar. */
    static final String DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
            + " form-action 'self'";

    private final SecuritySettings settings;
    private final ApiTokens tokens;

    SecurityConfiguration(SecuritySettings settings, ApiTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .headers(h -> h.frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new OrRequestMatcher(
                                        path.matcher("/"), path.matcher("/index.html"), path.matcher("/dashboard/**")),
                                new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_CSP))))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemDetail p = ProblemDetail.forStatusAndDetail(
                                    HttpStatus.UNAUTHORIZED,
                                    "this service needs an API token: send Authorization: Bearer <token> (an"
                                            + " administrator creates tokens with POST /api/v1/admin/tokens); the token"
                                            + " sent is missing, unknown or revoked");
                            p.setType(ProblemTypes.UNAUTHENTICATED);
                            p.setTitle("Unauthenticated");
                            Problems.write(request, response, p, json);
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            ProblemDetail p =
                                    ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "this needs an admin token");
                            p.setType(ProblemTypes.FORBIDDEN);
                            p.setTitle("Forbidden");
                            Problems.write(request, response, p, json);
                        }))
                .authorizeHttpRequests(a -> {
                    // a request is authorised once, when it arrives: the async dispatch that ends an event
                    // stream and the error dispatch that renders a problem carry no token of their own
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll();
                    if (settings.tokens()) {
                        a.requestMatchers(path.matcher("/api/v1/admin/**")).hasRole("ADMIN");
                        a.requestMatchers(path.matcher("/api/**")).hasRole("USER");
                    }
                    a.anyRequest().permitAll();
                });
        return http.build();
    }

    /**
     * No user accounts: callers are bearer tokens. Declaring this keeps Spring Boot from creating a user
     * with a generated password (and logging it) that nothing here would ever accept.
     */
    @Bean
    UserDetailsService noUserAccounts() {
        return username -> {
            throw new UsernameNotFoundException("this service has no user accounts; it takes API tokens");
        };
    }

    /** Creates the configured bootstrap admin token once the schema is migrated. */
    @EventListener(ApplicationReadyEvent.class)
    void bootstrap() {
        if (settings.bootstrapAdminToken() != null) {
            if (!settings.bootstrapAdminToken().startsWith(ApiTokens.PREFIX)) {
                throw new IllegalStateException(
                        "crossbar.security.bootstrap-admin-token must start with " + ApiTokens.PREFIX
                                + " (create one with: echo cbl_$(head -c 32 /dev/urandom | basenc --base64url))");
            }
            tokens.bootstrap("admin", settings.bootstrapAdminToken());
        }
        log.info("security mode {}", settings.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
