package io.crossbarlab.app.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writing a problem document from a servlet filter, where no message converter is at hand. */
public final class Problems {

    private Problems() {}

    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p, JsonMapper json)
            throws IOException {
        String uri = request.getRequestURI();
        if (uri != null && uri.startsWith("/") && uri.length() <= 2048) {
            try {
                p.setInstance(URI.create(uri));
            } catch (IllegalArgumentException e) {
                // not a URI we can repeat back
            }
        }
        response.setStatus(p.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(p));
    }
}
