package io.crossbarlab.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the integration tests: the API exactly as a user's client sees it. */
public final class Api {

    public record Response(
            int status, String contentType, String body, JsonNode json, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            var v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    /** A response body as bytes (a download), with its status. */
    @SuppressWarnings("ArrayRecordComponent") // a response body handed to assertions, never compared as a record
    public record Download(int status, String contentType, byte[] body) {}

    public Download getBytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(
                    r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw body (an upload) with its content type. */
    public Response postBytes(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            String ct = r.headers().firstValue("content-type").orElse("");
            JsonNode node = null;
            if (ct.contains("json") && !r.body().isEmpty()) {
                node = json.readTree(r.body());
            }
            return new Response(r.statusCode(), ct, r.body(), node, r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls a job until it reaches {@code state} (or any final state) or the timeout passes. A 503 (the
     * database briefly unreachable) is retried, as the service asks clients to.
     */
    public JsonNode awaitState(String id, String state, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        do {
            Response r = get("/api/v1/jobs/" + id);
            if (r.status() == 503) {
                sleep(100);
                continue;
            }
            job = r.json();
            String s = job.get("state").asString();
            if (s.equals(state) || s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("CANCELLED")) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        } while (System.nanoTime() < end);
        return job;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A tiny job spec (fast: 784-8-10 on 200 examples). */
    public static String tinyJob(String extra) {
        return "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":200,\"testLimit\":100},"
                + "\"training\":{\"epochs\":2}" + (extra == null || extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
