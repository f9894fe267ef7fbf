package io.crossbarlab.app.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies of API requests: rejects those over {@code crossbar.api.max-body-bytes} with a 413 problem
 * before anything parses them, and records the SHA-256 of the body for Idempotency-Key checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyFilter extends OncePerRequestFilter {

    /** Request attribute holding the hex SHA-256 of the body. */
    public static final String HASH_ATTRIBUTE = "crossbar.bodySha256";

    private final ApiSettings settings;
    private final JsonMapper json;

    public RequestBodyFilter(ApiSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /**
     * Media types of raw uploads (data set archives): their endpoint streams them to disk under its own
     * limit, and every JSON endpoint refuses them with 415 without reading the body.
     */
    public static final List<String> RAW_UPLOAD_TYPES =
            List.of("application/zip", "application/x-npz", "application/octet-stream");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/api/")
                || !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                || rawUpload(request.getContentType());
    }

    private static boolean rawUpload(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return RAW_UPLOAD_TYPES.contains(type);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = settings.maxBodyBytes();
        if (request.getContentLengthLong() > max) {
            tooLarge(request, response, max);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            tooLarge(request, response, max);
            return;
        }
        request.setAttribute(HASH_ATTRIBUTE, Hashes.sha256(body));
        chain.doFilter(new CachedBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "request body exceeds the limit of " + max + " bytes");
        p.setType(ProblemTypes.BODY_TOO_LARGE);
        p.setTitle("Request body too large");
        Problems.write(request, response, p, json);
    }

    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
