package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Malformed and out-of-range requests: each gets the right status and an RFC 9457 problem naming the
 * field (and, for ranges, what is allowed), and none of them changes the job table.
 */
@H2ServiceTest
class BadInputIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static final String OK_NET = "\"network\":{\"layers\":[784,8,10]}";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // method, path, body, status, problem type suffix, field (or null), text the detail or errors contain
                Arguments.of("POST", "/api/v1/jobs", "{\"network\":", 400, "malformed-body", "body", "not valid JSON"),
                Arguments.of("POST", "/api/v1/jobs", "", 400, "malformed-body", "body", "required"),
                Arguments.of("POST", "/api/v1/jobs", "[1,2]", 400, "malformed-body", null, "object"),
                Arguments.of("POST", "/api/v1/jobs", "{}", 400, "validation", "network.layers", "required"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"bogus\":1}",
                        400,
                        "malformed-body",
                        "bogus",
                        "unknown property"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":\"x\"}}",
                        400,
                        "malformed-body",
                        "network.layers",
                        "array"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,8,9]}}",
                        400,
                        "validation",
                        "network.layers[2]",
                        "10 classes"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[100,8,10]}}",
                        400,
                        "validation",
                        "network.layers[0]",
                        "784 inputs"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784]}}",
                        400,
                        "validation",
                        "network.layers",
                        "between 2 and 10"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,0,10]}}",
                        400,
                        "validation",
                        "network.layers[1]",
                        "between 1 and 8192"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,8,10],\"activation\":\"swish\"}}",
                        400,
                        "validation",
                        "network.activation",
                        "sigmoid, tanh, relu"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"training\":{\"epochs\":0}}",
                        400,
                        "validation",
                        "training.epochs",
                        "between 1 and 1000"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"training\":{\"learningRate\":-0.1}}",
                        400,
                        "validation",
                        "training.learningRate",
                        "greater than 0"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"training\":{\"epochs\":\"many\"}}",
                        400,
                        "malformed-body",
                        "training.epochs",
                        "integer"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"scheme\":\"QUANTUM\"}}",
                        400,
                        "validation",
                        "device.scheme",
                        "FLOATING_POINT, PCM_PAIR, PCM_3T1C"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"preset\":\"nope\"}}",
                        400,
                        "validation",
                        "device.preset",
                        "ambrogio-2018"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"overrides\":{\"gainFactor\":99}}}",
                        400,
                        "validation",
                        "device.overrides.gainFactor",
                        "between 1 and 20"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"overrides\":{\"pcmGMaxMicrosiemens\":-1}}}",
                        400,
                        "validation",
                        "device.overrides.pcmGMaxMicrosiemens",
                        "between 1 and 100 uS"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"overrides\":{\"noSuchKnob\":1}}}",
                        400,
                        "validation",
                        "device.overrides.noSuchKnob",
                        "unknown parameter"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"device\":{\"overrides\":{\"polarityInversion\":\"yes\"}}}",
                        400,
                        "validation",
                        "device.overrides.polarityInversion",
                        "number or boolean"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"hardware\":{\"tileRows\":4}}",
                        400,
                        "validation",
                        "hardware.tileRows",
                        "between 8 and 4096"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"hardware\":{\"overrides\":{\"adcBits\":2.5}}}",
                        400,
                        "validation",
                        "hardware.overrides.adcBits",
                        "whole number"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"dataset\":{\"name\":\"imagenet\"}}",
                        400,
                        "validation",
                        "dataset.name",
                        "unknown dataset"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"dataset\":{\"name\":\"fashion-mnist\"}}",
                        400,
                        "validation",
                        "dataset.name",
                        "no directory configured"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"dataset\":{\"trainLimit\":9000}}",
                        400,
                        "validation",
                        "dataset.trainLimit",
                        "between 1 and 8000"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"priority\":5000}",
                        400,
                        "validation",
                        "priority",
                        "less than or equal to 1000"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{" + OK_NET + ",\"name\":\"" + "x".repeat(300) + "\"}",
                        400,
                        "validation",
                        "name",
                        "size must be between 0 and 200"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,4096,10]},\"hardware\":{\"tileRows\":64,\"tileCols\":64}}",
                        422,
                        "too-large-for-pool",
                        "network.layers",
                        "tiles"),
                Arguments.of("GET", "/api/v1/jobs/not-a-uuid", null, 400, "validation", "id", "UUID"),
                Arguments.of(
                        "GET",
                        "/api/v1/jobs/00000000-0000-0000-0000-000000000000",
                        null,
                        404,
                        "not-found",
                        null,
                        "no job"),
                Arguments.of(
                        "POST",
                        "/api/v1/jobs/00000000-0000-0000-0000-000000000000/cancel",
                        null,
                        404,
                        "not-found",
                        null,
                        "no job"),
                Arguments.of("GET", "/api/v1/no-such-thing", null, 404, "not-found", null, "no resource"),
                Arguments.of(
                        "GET", "/api/v1/jobs?pageSize=5000", null, 400, "validation", "pageSize", "between 1 and 1000"),
                Arguments.of("GET", "/api/v1/jobs?state=DONE", null, 400, "validation", "state", "QUEUED"),
                Arguments.of("GET", "/api/v1/jobs?pageToken=garbage", null, 400, "validation", "pageToken", "token"),
                Arguments.of("DELETE", "/api/v1/jobs", null, 405, "method-not-allowed", null, "DELETE"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {5}")
    @MethodSource("badRequests")
    void answersWithAProblemAndChangesNothing(
            String method, String path, String body, int status, String type, String field, String text) {
        long jobs = count("job");
        long events = count("job_event");
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(api.base() + path)).header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Api.Response r = api.send(b);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/" + type);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
        }
        assertThat(r.body()).contains(text);
        assertThat(count("job")).isEqualTo(jobs);
        assertThat(count("job_event")).isEqualTo(events);
    }

    @org.junit.jupiter.api.Test
    void anOversizedBodyIsRefusedBeforeParsing() {
        long jobs = count("job");
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"," + OK_NET + "}";
        Api.Response r = api.post("/api/v1/jobs", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/body-too-large");
        assertThat(count("job")).isEqualTo(jobs);
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
