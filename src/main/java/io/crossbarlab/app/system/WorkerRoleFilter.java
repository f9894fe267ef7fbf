package io.crossbarlab.app.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * On a worker ({@code crossbar.role=worker}) only the actuator answers (probes and Prometheus); every
 * other path is a 404 problem that says where the API is. Workers are not behind the API's Service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class WorkerRoleFilter extends OncePerRequestFilter {

    private final boolean worker;
    private final JsonMapper json;

    WorkerRoleFilter(RoleSettings settings, JsonMapper json) {
        this.worker = !settings.role().servesApi();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !worker || path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND,
                "this process runs jobs only (crossbar.role=worker); the API and the dashboard are served by the"
                        + " processes with crossbar.role api or all");
        p.setType(ProblemTypes.NOT_FOUND);
        p.setTitle("Not served by a worker");
        Problems.write(request, response, p, json);
    }
}
