package io.crossbarlab.app.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors raised by the servlet container rather than by a controller are problem details too: the
 * requests Tomcat refuses before any servlet sees them (a malformed or over-long request line, path or
 * header, an encoded slash or NUL in the path) and the errors forwarded to {@code /error} (an exception
 * in a filter, a {@code sendError}). Their detail is a fixed text per status: nothing of the request
 * or the exception is echoed.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    static ProblemDetail forStatus(int status) {
        HttpStatus s = HttpStatus.resolve(status);
        HttpStatus known = s == null ? HttpStatus.INTERNAL_SERVER_ERROR : s;
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setTitle(known.getReasonPhrase());
        p.setType(
                switch (status) {
                    case 400 -> ProblemTypes.MALFORMED_REQUEST;
                    case 404 -> ProblemTypes.NOT_FOUND;
                    case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
                    case 406 -> ProblemTypes.NOT_ACCEPTABLE;
                    case 413 -> ProblemTypes.BODY_TOO_LARGE;
                    case 414, 431 -> ProblemTypes.MALFORMED_REQUEST;
                    case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
                    case 503 -> ProblemTypes.UNAVAILABLE;
                    default -> status >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.MALFORMED_REQUEST;
                });
        p.setDetail(
                switch (status) {
                    case 400 ->
                        "the request line, a header or the path is malformed, too long, or contains characters "
                                + "this service does not accept (such as an encoded '/' or NUL)";
                    case 404 -> "no resource at this path";
                    case 405 -> "this method is not supported at this path";
                    case 413 -> "the request is too large";
                    case 414 -> "the request URI is too long";
                    case 431 -> "the request headers are too large";
                    default ->
                        status >= 500
                                ? "an unexpected error occurred; it has been logged"
                                : "the request could not be processed";
                });
        return p;
    }

    /** Replaces Tomcat's HTML error page (and the one Spring Boot installs) with a problem document. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve(JsonMapper json) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Container host = context.getParent();
                    Pipeline pipeline = host.getPipeline();
                    for (Valve v : pipeline.getValves()) {
                        if (v instanceof ErrorReportValve) {
                            pipeline.removeValve(v);
                        }
                    }
                    pipeline.addValve(new ProblemReportValve(json));
                    if (host instanceof StandardHost h) {
                        // the host would otherwise add its own HTML valve when it starts
                        h.setErrorReportValveClass(ProblemReportValve.class.getName());
                    }
                });
            }
        };
    }

    /** Tomcat's error reporting, writing RFC 9457 JSON instead of an HTML page. */
    static final class ProblemReportValve extends ErrorReportValve {
        private final JsonMapper json;

        ProblemReportValve(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer w = response.getReporter();
                if (w != null) {
                    w.write(json.writeValueAsString(forStatus(status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is committed: nothing more to say
            }
        }
    }

    /** {@code /error}: where the container forwards errors raised outside controllers. */
    @Controller
    static class ProblemErrorController implements ErrorController {
        private final JsonMapper json;

        ProblemErrorController(JsonMapper json) {
            this.json = json;
        }

        @RequestMapping("${server.error.path:/error}")
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = code instanceof Integer i && i >= 400 ? i : 500;
            ProblemDetail p = forStatus(status);
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String s && s.startsWith("/") && s.length() <= 2048) {
                try {
                    p.setInstance(URI.create(s));
                } catch (IllegalArgumentException e) {
                    // not a URI we can repeat back
                }
            }
            response.resetBuffer();
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(json.writeValueAsBytes(p));
        }
    }
}
