package io.crossbarlab.app.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Query strings are checked before the container decodes them: a percent sign not followed by two hex
 * digits is refused (Tomcat would fail later, deep inside parameter parsing), and so is an encoded
 * control character ({@code %00}-{@code %1F}, {@code %7F}), which Tomcat would silently drop, turning
 * a filter such as {@code label=k=a%00} into {@code label=k=a}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class QueryStringFilter extends OncePerRequestFilter {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");

    private final JsonMapper json;

    QueryStringFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            String problem = BAD_ESCAPE.matcher(query).find()
                    ? "the query string has a '%' that is not followed by two hexadecimal digits"
                    : CONTROL.matcher(query).find()
                            ? "the query string encodes a control character (%00-%1F or %7F), which no parameter accepts"
                            : null;
            if (problem != null) {
                ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem);
                p.setType(ProblemTypes.MALFORMED_REQUEST);
                p.setTitle("Malformed query string");
                Problems.write(request, response, p, json);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
