package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and malformed requests, well over a hundred of them: malformed and oversized bodies, values of
 * the wrong JSON type, out-of-range numbers, text with control, format and surrogate characters, path
 * tricks, extreme paging values, wrong content types and failed negotiation. Each gets the right 4xx as
 * an RFC 9457 {@code application/problem+json} document naming the field where there is one, leaks no
 * stack trace or Java class name, and leaves the job tables exactly as they were.
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

    /**
     * One hostile request and what must come back.
     *
     * @param name what the case is about
     * @param method HTTP method
     * @param path path and query, already percent-encoded
     * @param headers extra request headers
     * @param body request body, or null
     * @param status expected status
     * @param type expected problem type (the last segment of its URI)
     * @param field a field the problem's errors[] must name, or null
     * @param text text the response must contain, or null
     */
    record Case(
            String name,
            String method,
            String path,
            Map<String, String> headers,
            String body,
            int status,
            String type,
            String field,
            String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String JOBS = "/api/v1/jobs";
    static final String NET = "\"network\":{\"layers\":[784,8,10]}";
    static final String NO_JOB = "00000000-0000-0000-0000-000000000000";

    static Case post(String name, String body, int status, String type, String field, String text) {
        return new Case(name, "POST", JOBS, Map.of(), body, status, type, field, text);
    }

    /** A job body with {@code extra} members next to a valid network. */
    static Case job(String name, String extra, int status, String type, String field, String text) {
        return post(name, "{" + NET + "," + extra + "}", status, type, field, text);
    }

    static Case invalid(String name, String extra, String field, String text) {
        return job(name, extra, 400, "validation", field, text);
    }

    static Case malformed(String name, String extra, String field, String text) {
        return job(name, extra, 400, "malformed-body", field, text);
    }

    static Case get(String name, String path, int status, String type, String field, String text) {
        return new Case(name, "GET", path, Map.of(), null, status, type, field, text);
    }

    static Case with(Case c, Map<String, String> headers) {
        return new Case(c.name(), c.method(), c.path(), headers, c.body(), c.status(), c.type(), c.field(), c.text());
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static String labels(int n) {
        StringBuilder sb = new StringBuilder("\"labels\":{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return sb.append('}').toString();
    }

    static Stream<Case> badRequests() {
        List<Case> c = new ArrayList<>();
        // --- bodies that are not a job document
        c.add(post("truncated JSON", "{\"network\":", 400, "malformed-body", "body", "not valid JSON"));
        c.add(post("empty body", "", 400, "malformed-body", "body", "required"));
        c.add(post("array body", "[1,2]", 400, "malformed-body", "body", "must be an object"));
        c.add(post("null body", "null", 400, "malformed-body", "body", null));
        c.add(post("string body", "\"job\"", 400, "malformed-body", "body", "must be an object"));
        c.add(post("number body", "42", 400, "malformed-body", "body", "must be an object"));
        c.add(post("trailing value", "{" + NET + "} {}", 400, "malformed-body", "body", "after the end"));
        c.add(post("trailing garbage", "{" + NET + "}x", 400, "malformed-body", "body", null));
        c.add(post(
                "duplicate key", "{" + NET + ",\"name\":\"a\",\"name\":\"b\"}", 400, "malformed-body", null, "twice"));
        c.add(post(
                "duplicate nested key",
                "{\"network\":{\"layers\":[784,8,10],\"layers\":[784,9,10]}}",
                400,
                "malformed-body",
                null,
                "twice"));
        c.add(post("comment", "{/* hi */" + NET + "}", 400, "malformed-body", "body", "not valid JSON"));
        c.add(post("single quotes", "{'network':{'layers':[784,8,10]}}", 400, "malformed-body", "body", null));
        c.add(post("unquoted key", "{network:{\"layers\":[784,8,10]}}", 400, "malformed-body", "body", null));
        c.add(post("trailing comma", "{" + NET + ",}", 400, "malformed-body", "body", null));
        c.add(post(
                "NaN literal", "{" + NET + ",\"training\":{\"learningRate\":NaN}}", 400, "malformed-body", null, null));
        c.add(post(
                "deep nesting",
                repeat("{\"a\":", 2000) + "1" + repeat("}", 2000),
                400,
                "malformed-body",
                null,
                "limit"));
        c.add(post("deep array nesting", repeat("[", 5000) + repeat("]", 5000), 400, "malformed-body", null, null));
        c.add(job("2000-digit number", "\"seed\":" + repeat("9", 2000), 400, "malformed-body", null, "limit"));
        c.add(post(
                "unknown property", "{" + NET + ",\"bogus\":1}", 400, "malformed-body", "bogus", "unknown property"));
        c.add(post(
                "unknown nested property",
                "{\"network\":{\"layers\":[784,8,10],\"depth\":3}}",
                400,
                "malformed-body",
                "network.depth",
                "unknown property"));
        c.add(post("missing network", "{}", 400, "validation", "network.layers", "required"));
        c.add(post("null network", "{\"network\":null}", 400, "validation", "network.layers", "required"));
        c.add(post(
                "oversized body",
                "{\"name\":\"" + repeat("x", 1_100_000) + "\"," + NET + "}",
                413,
                "body-too-large",
                null,
                "limit"));
        // --- integers must be integers
        c.add(malformed("epochs fraction", "\"training\":{\"epochs\":1.9}", "training.epochs", "must be an integer"));
        c.add(malformed("epochs 2.0", "\"training\":{\"epochs\":2.0}", "training.epochs", "must be an integer"));
        c.add(malformed("epochs exponent", "\"training\":{\"epochs\":2e1}", "training.epochs", "must be an integer"));
        c.add(malformed("epochs string", "\"training\":{\"epochs\":\"2\"}", "training.epochs", "was a string"));
        c.add(malformed("epochs boolean", "\"training\":{\"epochs\":true}", "training.epochs", "was a boolean"));
        c.add(malformed("epochs array", "\"training\":{\"epochs\":[2]}", "training.epochs", "must be an integer"));
        c.add(malformed("epochs overflow", "\"training\":{\"epochs\":99999999999}", "training.epochs", "out of range"));
        c.add(invalid("epochs zero", "\"training\":{\"epochs\":0}", "training.epochs", "between 1 and 1000"));
        c.add(invalid("epochs negative", "\"training\":{\"epochs\":-3}", "training.epochs", "between 1 and 1000"));
        c.add(invalid("epochs too many", "\"training\":{\"epochs\":1001}", "training.epochs", "between 1 and 1000"));
        c.add(post(
                "layer fraction",
                "{\"network\":{\"layers\":[784,250.5,10]}}",
                400,
                "malformed-body",
                "network.layers[1]",
                "must be an integer"));
        c.add(post(
                "layer string",
                "{\"network\":{\"layers\":[784,\"8\",10]}}",
                400,
                "malformed-body",
                "network.layers[1]",
                "was a string"));
        c.add(post(
                "layer boolean",
                "{\"network\":{\"layers\":[784,true,10]}}",
                400,
                "malformed-body",
                "network.layers[1]",
                "was a boolean"));
        c.add(post(
                "layer nested array",
                "{\"network\":{\"layers\":[784,[8],10]}}",
                400,
                "malformed-body",
                "network.layers[1]",
                null));
        c.add(post(
                "layers as string",
                "{\"network\":{\"layers\":\"784,8,10\"}}",
                400,
                "malformed-body",
                "network.layers",
                "must be an array"));
        c.add(post(
                "layers as object",
                "{\"network\":{\"layers\":{\"a\":1}}}",
                400,
                "malformed-body",
                "network.layers",
                "must be an array"));
        c.add(post(
                "network as array", "{\"network\":[784,8,10]}", 400, "malformed-body", "network", "must be an object"));
        c.add(post(
                "layer null",
                "{\"network\":{\"layers\":[784,null,10]}}",
                400,
                "validation",
                "network.layers[1]",
                "between 1 and 8192"));
        c.add(post(
                "layer zero",
                "{\"network\":{\"layers\":[784,0,10]}}",
                400,
                "validation",
                "network.layers[1]",
                "between 1 and 8192"));
        c.add(post(
                "layer too wide",
                "{\"network\":{\"layers\":[784,8193,10]}}",
                400,
                "validation",
                "network.layers[1]",
                "between 1 and 8192"));
        c.add(post(
                "one layer",
                "{\"network\":{\"layers\":[784]}}",
                400,
                "validation",
                "network.layers",
                "between 2 and 10"));
        c.add(post(
                "eleven layers",
                "{\"network\":{\"layers\":[784,8,8,8,8,8,8,8,8,8,10]}}",
                400,
                "validation",
                "network.layers",
                "between 2 and 10"));
        c.add(post(
                "huge layer array",
                "{\"network\":{\"layers\":[" + repeat("8,", 100_000) + "10]}}",
                400,
                "validation",
                "network.layers",
                "between 2 and 10"));
        c.add(post(
                "wrong inputs",
                "{\"network\":{\"layers\":[100,8,10]}}",
                400,
                "validation",
                "network.layers[0]",
                "784 inputs"));
        c.add(post(
                "wrong classes",
                "{\"network\":{\"layers\":[784,8,9]}}",
                400,
                "validation",
                "network.layers[2]",
                "10 classes"));
        c.add(malformed("priority string", "\"priority\":\"5\"", "priority", "was a string"));
        c.add(malformed("priority fraction", "\"priority\":5.5", "priority", "must be an integer"));
        c.add(malformed("priority boolean", "\"priority\":true", "priority", "was a boolean"));
        c.add(invalid("priority too high", "\"priority\":5000", "priority", "less than or equal to 1000"));
        c.add(invalid("priority too low", "\"priority\":-5000", "priority", "greater than or equal to -1000"));
        c.add(malformed("seed fraction", "\"seed\":1.5", "seed", "must be an integer"));
        c.add(malformed("seed string", "\"seed\":\"7\"", "seed", "was a string"));
        c.add(malformed("seed overflow", "\"seed\":99999999999999999999999", "seed", "out of range"));
        c.add(malformed(
                "trainLimit fraction",
                "\"dataset\":{\"trainLimit\":10.0}",
                "dataset.trainLimit",
                "must be an integer"));
        c.add(malformed("testLimit string", "\"dataset\":{\"testLimit\":\"10\"}", "dataset.testLimit", "was a string"));
        c.add(invalid("trainLimit zero", "\"dataset\":{\"trainLimit\":0}", "dataset.trainLimit", "between 1 and 8000"));
        c.add(invalid(
                "trainLimit above the data",
                "\"dataset\":{\"trainLimit\":9000}",
                "dataset.trainLimit",
                "between 1 and 8000"));
        c.add(malformed(
                "tileRows fraction", "\"hardware\":{\"tileRows\":4.5}", "hardware.tileRows", "must be an integer"));
        c.add(malformed("tileCols string", "\"hardware\":{\"tileCols\":\"512\"}", "hardware.tileCols", "was a string"));
        c.add(invalid(
                "tileRows too small", "\"hardware\":{\"tileRows\":4}", "hardware.tileRows", "between 8 and 4096"));
        c.add(invalid(
                "tileCols too large", "\"hardware\":{\"tileCols\":5000}", "hardware.tileCols", "between 8 and 4096"));
        // --- numbers must be numbers, in range
        c.add(malformed(
                "learning rate string",
                "\"training\":{\"learningRate\":\"0.1\"}",
                "training.learningRate",
                "was a string"));
        c.add(malformed(
                "learning rate boolean",
                "\"training\":{\"learningRate\":true}",
                "training.learningRate",
                "was a boolean"));
        c.add(invalid(
                "capacitor table not increasing",
                "\"device\":{\"capacitorTable\":{\"volts\":[0,0.6,0.5,1],\"readMicrosiemens\":[0,1,2,3],"
                        + "\"upVolts\":[0.002,0.002,0.002,0],\"downVolts\":[0,0.002,0.002,0.002]}}",
                "device.capacitorTable.volts[2]",
                "strictly increasing"));
        c.add(invalid(
                "inference time zero",
                "\"training\":{\"inferenceTimesSeconds\":[1,0]}",
                "training.inferenceTimesSeconds[1]",
                "between 0.000001 and 1000000000 s"));
        c.add(invalid(
                "inference on floating point",
                "\"training\":{\"inferenceTimesSeconds\":[1]},\"device\":{\"scheme\":\"FLOATING_POINT\"}",
                "training.inferenceTimesSeconds",
                "needs an analog scheme"));
        c.add(invalid(
                "learning rate zero",
                "\"training\":{\"learningRate\":0}",
                "training.learningRate",
                "between 0.000001 and 10"));
        c.add(invalid(
                "learning rate negative",
                "\"training\":{\"learningRate\":-0.1}",
                "training.learningRate",
                "between 0.000001 and 10"));
        c.add(invalid(
                "learning rate denormal",
                "\"training\":{\"learningRate\":4.9e-324}",
                "training.learningRate",
                "between 0.000001 and 10"));
        c.add(invalid(
                "learning rate too large",
                "\"training\":{\"learningRate\":11}",
                "training.learningRate",
                "between 0.000001 and 10"));
        c.add(invalid(
                "learning rate infinite",
                "\"training\":{\"learningRate\":1e999}",
                "training.learningRate",
                "between 0.000001 and 10"));
        // --- strings must be strings, of the allowed values
        c.add(malformed("name number", "\"name\":5", "name", "must be a string"));
        c.add(malformed("name boolean", "\"name\":true", "name", "must be a string"));
        c.add(malformed("name array", "\"name\":[\"a\"]", "name", "must be a string"));
        c.add(malformed("name object", "\"name\":{}", "name", "must be a string"));
        c.add(invalid(
                "name too long", "\"name\":\"" + repeat("x", 201) + "\"", "name", "size must be between 0 and 200"));
        c.add(post(
                "activation unknown",
                "{\"network\":{\"layers\":[784,8,10],\"activation\":\"swish\"}}",
                400,
                "validation",
                "network.activation",
                "sigmoid, tanh, relu"));
        c.add(post(
                "activation number",
                "{\"network\":{\"layers\":[784,8,10],\"activation\":5}}",
                400,
                "malformed-body",
                "network.activation",
                "must be a string"));
        c.add(invalid(
                "scheme unknown",
                "\"device\":{\"scheme\":\"QUANTUM\"}",
                "device.scheme",
                "FLOATING_POINT, PCM_PAIR, PCM_3T1C"));
        c.add(malformed("scheme number", "\"device\":{\"scheme\":5}", "device.scheme", "must be a string"));
        c.add(malformed("device as string", "\"device\":\"PCM_3T1C\"", "device", "must be an object"));
        c.add(invalid("device preset unknown", "\"device\":{\"preset\":\"nope\"}", "device.preset", "ambrogio-2018"));
        c.add(invalid(
                "device preset path",
                "\"device\":{\"preset\":\"../../etc/passwd\"}",
                "device.preset",
                "unknown device preset"));
        c.add(invalid(
                "hardware preset unknown",
                "\"hardware\":{\"preset\":\"nope\"}",
                "hardware.preset",
                "unknown hardware preset"));
        c.add(invalid("dataset unknown", "\"dataset\":{\"name\":\"imagenet\"}", "dataset.name", "unknown dataset"));
        c.add(invalid("dataset path", "\"dataset\":{\"name\":\"../../../etc\"}", "dataset.name", "unknown dataset"));
        c.add(invalid(
                "dataset not configured",
                "\"dataset\":{\"name\":\"fashion-mnist\"}",
                "dataset.name",
                "no directory configured"));
        // --- preset overrides take the JSON type of their parameter
        c.add(invalid(
                "override out of range",
                "\"device\":{\"overrides\":{\"gainFactor\":99}}",
                "device.overrides.gainFactor",
                "between 1 and 20"));
        c.add(invalid(
                "override negative conductance",
                "\"device\":{\"overrides\":{\"pcmGMaxMicrosiemens\":-1}}",
                "device.overrides.pcmGMaxMicrosiemens",
                "between 1 and 100 uS"));
        c.add(invalid(
                "override unknown",
                "\"device\":{\"overrides\":{\"noSuchKnob\":1}}",
                "device.overrides.noSuchKnob",
                "unknown parameter"));
        c.add(invalid(
                "override string number",
                "\"device\":{\"overrides\":{\"gainFactor\":\"3\"}}",
                "device.overrides.gainFactor",
                "must be a number"));
        c.add(invalid(
                "override boolean for a real",
                "\"device\":{\"overrides\":{\"gainFactor\":true}}",
                "device.overrides.gainFactor",
                "must be a number"));
        c.add(invalid(
                "override null",
                "\"device\":{\"overrides\":{\"gainFactor\":null}}",
                "device.overrides.gainFactor",
                "must be a number"));
        c.add(invalid(
                "override string for a switch",
                "\"device\":{\"overrides\":{\"polarityInversion\":\"yes\"}}",
                "device.overrides.polarityInversion",
                "must be a boolean"));
        c.add(invalid(
                "override 0 for a switch",
                "\"device\":{\"overrides\":{\"polarityInversion\":0}}",
                "device.overrides.polarityInversion",
                "must be a boolean"));
        c.add(invalid(
                "override fraction for an integer",
                "\"hardware\":{\"overrides\":{\"adcBits\":2.5}}",
                "hardware.overrides.adcBits",
                "must be an integer"));
        c.add(invalid(
                "override 8.0 for an integer",
                "\"hardware\":{\"overrides\":{\"adcBits\":8.0}}",
                "hardware.overrides.adcBits",
                "must be an integer"));
        c.add(malformed(
                "overrides as array", "\"device\":{\"overrides\":[1]}", "device.overrides", "must be an object"));
        // --- labels
        c.add(invalid("label value null", "\"labels\":{\"k\":null}", "labels[k]", "must not be null"));
        c.add(malformed("label value number", "\"labels\":{\"k\":5}", "labels.k", "must be a string"));
        c.add(malformed("label value boolean", "\"labels\":{\"k\":true}", "labels.k", "must be a string"));
        c.add(malformed("labels as array", "\"labels\":[\"k\"]", "labels", "must be an object"));
        c.add(malformed("labels as string", "\"labels\":\"k=v\"", "labels", "must be an object"));
        c.add(invalid("label key empty", "\"labels\":{\"\":\"v\"}", null, "must match"));
        c.add(invalid("label key with space", "\"labels\":{\"bad key\":\"v\"}", null, "must match"));
        c.add(invalid("label key too long", "\"labels\":{\"" + repeat("k", 101) + "\":\"v\"}", null, "must match"));
        c.add(invalid(
                "label key of 10,000 characters",
                "\"labels\":{\"" + repeat("k", 10_000) + "\":\"v\"}",
                null,
                "must match"));
        c.add(invalid(
                "label value too long",
                "\"labels\":{\"k\":\"" + repeat("v", 201) + "\"}",
                "labels[k]",
                "size must be between 0 and 200"));
        c.add(invalid("21 labels", labels(21), "labels", "size must be between 0 and 20"));
        c.add(invalid("10,000 labels", labels(10_000), "labels", "size must be between 0 and 20"));
        // --- text that is not plain text
        for (String[] t : new String[][] {
            {"NUL", "\\u0000"},
            {"escape", "\\u001b[31m"},
            {"newline", "\\n"},
            {"tab", "\\t"},
            {"DEL", "\\u007f"},
            {"right-to-left override", "\\u202e"},
            {"first-strong isolate", "\\u2068"},
            {"zero-width space", "\\u200b"},
            {"lone high surrogate", "\\ud800"},
            {"lone low surrogate", "\\udc00"},
            {"noncharacter", "\\ufffe"},
            {"line separator", "\\u2028"}
        }) {
            c.add(invalid("name with " + t[0], "\"name\":\"a" + t[1] + "b\"", "name", "plain text"));
        }
        c.add(invalid("label value with NUL", "\"labels\":{\"k\":\"a\\u0000\"}", "labels[k]", "plain text"));
        c.add(invalid(
                "label value with bidi override", "\"labels\":{\"k\":\"\\u202eabc\"}", "labels[k]", "plain text"));
        c.add(invalid("label value with lone surrogate", "\"labels\":{\"k\":\"\\udbff\"}", "labels[k]", "plain text"));
        // --- a job that can never fit
        c.add(post(
                "never fits a node",
                "{\"network\":{\"layers\":[784,4096,10]},\"hardware\":{\"tileRows\":64,\"tileCols\":64}}",
                422,
                "too-large-for-pool",
                "network.layers",
                "tiles"));
        // --- headers and negotiation
        c.add(with(
                job("Idempotency-Key too long", "\"seed\":1", 400, "validation", "Idempotency-Key", "1 to 200"),
                Map.of("Idempotency-Key", repeat("k", 201))));
        c.add(with(
                job("Idempotency-Key of 20 KB", "\"seed\":1", 400, "malformed-request", null, "header"),
                Map.of("Idempotency-Key", repeat("k", 20_000))));
        c.add(with(
                job("accept XML", "\"seed\":1", 406, "not-acceptable", null, "application/json"),
                Map.of("Accept", "application/xml")));
        c.add(with(
                job("accept HTML", "\"seed\":1", 406, "not-acceptable", null, "application/json"),
                Map.of("Accept", "text/html")));
        c.add(with(
                post("text/plain body", "{" + NET + "}", 415, "unsupported-media-type", null, "text/plain"),
                Map.of("Content-Type", "text/plain")));
        c.add(with(
                post("XML body", "<job/>", 415, "unsupported-media-type", null, null),
                Map.of("Content-Type", "application/xml")));
        c.add(with(
                post("multipart without boundary", "x", 415, "unsupported-media-type", null, "multipart"),
                Map.of("Content-Type", "multipart/form-data")));
        c.add(with(
                post("multipart with boundary", "--b\r\n\r\nx\r\n--b--\r\n", 415, "unsupported-media-type", null, null),
                Map.of("Content-Type", "multipart/form-data; boundary=b")));
        c.add(with(
                post("form body", "network=1", 415, "unsupported-media-type", null, null),
                Map.of("Content-Type", "application/x-www-form-urlencoded")));
        c.add(with(
                get("list accepting XML", JOBS, 406, "not-acceptable", null, null),
                Map.of("Accept", "application/xml")));
        c.add(new Case(
                "cancel accepting XML",
                "POST",
                JOBS + "/" + NO_JOB + "/cancel",
                Map.of("Accept", "application/xml"),
                null,
                406,
                "not-acceptable",
                null,
                null));
        // --- paths
        c.add(get("id not a UUID", JOBS + "/not-a-uuid", 400, "validation", "id", "UUID"));
        c.add(get("id with bidi override", JOBS + "/%E2%80%AE", 400, "validation", "id", "UUID"));
        c.add(get("unknown id", JOBS + "/" + NO_JOB, 404, "not-found", null, "no job"));
        c.add(get("metrics of unknown id", JOBS + "/" + NO_JOB + "/metrics", 404, "not-found", null, "no job"));
        c.add(get("result of unknown id", JOBS + "/" + NO_JOB + "/result", 404, "not-found", null, "no job"));
        c.add(new Case(
                "cancel unknown id",
                "POST",
                JOBS + "/" + NO_JOB + "/cancel",
                Map.of(),
                null,
                404,
                "not-found",
                null,
                "no job"));
        c.add(get(
                "encoded traversal in id",
                JOBS + "/..%2F..%2Fetc%2Fpasswd",
                400,
                "malformed-request",
                null,
                "encoded"));
        c.add(get("encoded NUL in id", JOBS + "/%00", 400, "malformed-request", null, null));
        // refused before routing since Spring Security's firewall is in front (encoded '.' in a path)
        c.add(get("dot segments", JOBS + "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 400, "malformed-request", null, null));
        c.add(get("encoded traversal in preset", "/api/v1/presets/..%2Fetc", 400, "malformed-request", null, null));
        c.add(get("unknown preset", "/api/v1/presets/nope", 404, "not-found", null, null));
        c.add(get("unknown path", "/api/v1/no-such-thing", 404, "not-found", null, "no resource"));
        c.add(get("path of 10,000 characters", JOBS + "/" + repeat("a", 10_000), 400, "malformed-request", null, null));
        // --- query parameters
        c.add(get("pageSize too large", JOBS + "?pageSize=5000", 400, "validation", "pageSize", "between 1 and 1000"));
        c.add(get("pageSize zero", JOBS + "?pageSize=0", 400, "validation", "pageSize", "between 1 and 1000"));
        c.add(get("pageSize negative", JOBS + "?pageSize=-1", 400, "validation", "pageSize", "between 1 and 1000"));
        c.add(get("pageSize overflow", JOBS + "?pageSize=99999999999", 400, "validation", "pageSize", "integer"));
        c.add(get("pageSize word", JOBS + "?pageSize=abc", 400, "validation", "pageSize", "integer"));
        c.add(get("pageSize fraction", JOBS + "?pageSize=1.5", 400, "validation", "pageSize", "integer"));
        c.add(get("unknown state", JOBS + "?state=DONE", 400, "validation", "state", "QUEUED"));
        c.add(get("garbage page token", JOBS + "?pageToken=garbage", 400, "validation", "pageToken", "token"));
        c.add(get(
                "forged page token",
                JOBS
                        + "?pageToken=MTcwMDAwMDAwMDAwMDAwMC8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAvYWJj.AAAAAAAAAAAAAAAAAAAAAA",
                400,
                "validation",
                "pageToken",
                "not a token"));
        c.add(get(
                "unsigned old-style page token",
                JOBS + "?pageToken=MTcwMDAwMDAwMDAwMDAwMC8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                400,
                "validation",
                "pageToken",
                "not a token"));
        c.add(get("label without value separator", JOBS + "?label=study", 400, "validation", "label", "key=value"));
        c.add(get("label without key", JOBS + "?label==v", 400, "validation", "label", "key=value"));
        c.add(get("label key with bad characters", JOBS + "?label=a%20b=v", 400, "validation", "label", "key=value"));
        c.add(get("label value with NUL", JOBS + "?label=k=a%00", 400, "malformed-request", null, "control character"));
        c.add(get(
                "label value with an encoded escape",
                JOBS + "?label=k=%1b%5B31m",
                400,
                "malformed-request",
                null,
                "control character"));
        c.add(get("same label key twice", JOBS + "?label=k=a&label=k=b", 400, "validation", "label", "twice"));
        c.add(get(
                "21 label filters",
                JOBS + "?" + String.join("&", java.util.Collections.nCopies(21, "label=k=v")),
                400,
                "validation",
                "label",
                "at most 20"));
        c.add(get(
                "label key of 10,000 characters",
                JOBS + "?label=" + repeat("k", 10_000) + "=v",
                400,
                "malformed-request",
                null,
                null));
        c.add(get("events of an unknown id", JOBS + "/" + NO_JOB + "/events", 404, "not-found", null, null));
        // --- methods
        c.add(new Case(
                "DELETE the collection", "DELETE", JOBS, Map.of(), null, 405, "method-not-allowed", null, "DELETE"));
        c.add(new Case(
                "PUT a job", "PUT", JOBS + "/" + NO_JOB, Map.of(), "{}", 405, "method-not-allowed", null, "PUT"));
        c.add(new Case(
                "PATCH a job", "PATCH", JOBS + "/" + NO_JOB, Map.of(), "{}", 405, "method-not-allowed", null, null));
        c.add(new Case(
                "GET cancel",
                "GET",
                JOBS + "/" + NO_JOB + "/cancel",
                Map.of(),
                null,
                405,
                "method-not-allowed",
                null,
                null));
        c.add(new Case(
                "POST a preset", "POST", "/api/v1/presets", Map.of(), "{}", 405, "method-not-allowed", null, null));
        c.add(new Case(
                "estimate with a bad override",
                "POST",
                "/api/v1/estimates",
                Map.of(),
                "{\"hardware\":{\"overrides\":{\"readVoltageVolts\":9}}}",
                400,
                "validation",
                "hardware.overrides.readVoltageVolts",
                "between 0.01 and 2 V"));
        return c.stream();
    }

    /** A stack frame, an exception class or a fully qualified Java, Jackson or Spring name. */
    static final Pattern LEAK = Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|Exception\\b|\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.apache|io\\.crossbarlab)\\.[a-z]");

    @Test
    void thereAreAtLeastAHundredCases() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAProblemLeaksNothingAndChangesNothing(Case c) {
        Map<String, Long> before = quietCounts();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + c.path()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(c.headers());
        headers.forEach(b::header);
        b.method(
                c.method(),
                c.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
        Api.Response r = api.send(b);
        assertProblem(r, c.status(), c.type(), c.name());
        if (c.field() != null) {
            assertThat(r.json().get("errors").toString()).as(c.name()).contains("\"field\":\"" + c.field());
        }
        if (c.text() != null) {
            assertThat(r.body()).as(c.name()).contains(c.text());
        }
        assertThat(counts()).as(c.name()).isEqualTo(before);
    }

    /** Requests that Java's HTTP client refuses to send, written to the socket as they are. */
    static Stream<String> rawRequests() {
        return Stream.of(
                "GET /api/v1/jobs?state=\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/jobs/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/jobs HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0000b\r\n\r\n",
                "GET /api/v1/jobs HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n",
                "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/jobs HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /api/v1/jobs?label=k=a%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/v1/jobs?state=QUEUED% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: schl\u00fcssel\r\n"
                        + "Content-Length: 34\r\nConnection: close\r\n\r\n{\"network\":{\"layers\":[784,8,10]}}",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: a\u0001b\r\n"
                        + "Content-Length: 34\r\nConnection: close\r\n\r\n{\"network\":{\"layers\":[784,8,10]}}",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}",
                "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource("rawRequests")
    void malformedHttpGetsAProblemFromTheContainerToo(String raw) throws Exception {
        Map<String, Long> before = quietCounts();
        String response = rawExchange(raw);
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        assertThat(head).as(raw).matches("(?s)HTTP/1\\.1 (4\\d\\d|505) .*");
        assertThat(head.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        int start = body.indexOf('{');
        assertThat(start).as(response).isGreaterThanOrEqualTo(0);
        JsonNode problem = JsonMapper.builder().build().readTree(body.substring(start, body.lastIndexOf('}') + 1));
        assertThat(problem.get("status").asInt()).isBetween(400, 505);
        assertThat(problem.get("type").asString()).startsWith("https://crossbarlab.io/problems/");
        assertThat(LEAK.matcher(body).find()).as(body).isFalse();
        assertThat(counts()).isEqualTo(before);
    }

    String rawExchange(String raw) throws Exception {
        try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    static void assertProblem(Api.Response r, int status, String type) {
        assertProblem(r, status, type, "");
    }

    static void assertProblem(Api.Response r, int status, String type, String name) {
        assertThat(r.status()).as("%s: %s", name, r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("https://crossbarlab.io/problems/" + type);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        assertThat(LEAK.matcher(r.body()).find())
                .as("leaks a Java name: %s", r.body())
                .isFalse();
    }

    /** The counts once no job is queued or running (so that no run writes while a case is checked). */
    Map<String, Long> quietCounts() {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end
                && jdbc.sql("select count(*) from job where state in ('QUEUED', 'RUNNING', 'CANCELLING')")
                                .query(Long.class)
                                .single()
                        > 0) {
            Thread.onSpinWait();
        }
        return counts();
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : List.of("job", "job_event", "job_label", "job_epoch")) {
            m.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single());
        }
        return m;
    }

    /**
     * Error answers that follow a state the request could have changed: a POST refused for its
     * Accept header creates no job (a client told "failed" that retries must not make two), and a
     * cancel refused for its Accept header cancels nothing.
     */
    @Test
    void aRequestRefusedForNegotiationChangesNothing() {
        Map<String, Long> before = counts();
        Api.Response r =
                api.post("/api/v1/jobs", Api.tinyJob("\"priority\":-1000"), Map.of("Accept", "application/xml"));
        assertProblem(r, 406, "not-acceptable");
        assertThat(counts()).isEqualTo(before);

        String id = api.post(
                        "/api/v1/jobs",
                        "{\"network\":{\"layers\":[784,8,10]},\"dataset\":{\"trainLimit\":2000},\"training\":{\"epochs\":50}}")
                .json()
                .get("id")
                .asString();
        String state = api.get("/api/v1/jobs/" + id).json().get("state").asString();
        Api.Response cancel = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/" + id + "/cancel"))
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(cancel, 406, "not-acceptable");
        assertThat(api.get("/api/v1/jobs/" + id).json().get("state").asString()).isIn(state, "RUNNING", "SUCCEEDED");
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", null).status()).isEqualTo(200);
    }

    /** A finished job cancelled again and again: 409 each time, and its state stays SUCCEEDED. */
    @Test
    void repeatedCancelsOfAFinishedJobAreRefusedAndChangeNothing() {
        String id = api.post("/api/v1/jobs", Api.tinyJob("")).json().get("id").asString();
        api.awaitState(id, "SUCCEEDED", java.time.Duration.ofSeconds(60));
        Map<String, Long> before = quietCounts();
        for (int i = 0; i < 5; i++) {
            Api.Response r = api.post("/api/v1/jobs/" + id + "/cancel", null);
            assertProblem(r, 409, "wrong-state");
            assertThat(r.json().get("state").asString()).isEqualTo("SUCCEEDED");
        }
        assertThat(counts()).isEqualTo(before);
    }

    /** A page token is bound to the filters it was issued for. */
    @Test
    void aPageTokenUsedWithOtherFiltersIsRefused() {
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/jobs", Api.tinyJob("\"labels\":{\"token\":\"t\"}"));
        }
        JsonNode page = api.get("/api/v1/jobs?label=token=t&pageSize=1").json();
        String token = page.get("nextPageToken").asString();
        assertThat(api.get("/api/v1/jobs?label=token=t&pageSize=1&pageToken=" + token)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/jobs?label=token=t&pageSize=5&pageToken=" + token)
                        .status())
                .as("the page size may change")
                .isEqualTo(200);
        Api.Response other = api.get("/api/v1/jobs?label=token=u&pageSize=1&pageToken=" + token);
        assertProblem(other, 400, "validation");
        assertThat(other.body()).contains("other filters");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertProblem(api.get("/api/v1/jobs?label=token=t&pageToken=" + tampered), 400, "validation");
    }
}
