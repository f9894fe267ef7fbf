package io.crossbarlab.app.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description: its metadata, the RFC 9457 {@code Problem} schema (with {@code errors[]}), and
 * on every operation the error responses it can give, each a {@code Problem}. The committed
 * {@code openapi/crossbar-lab.json} is generated from this and checked against the live one.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    static final String ANY_JSON = "Any JSON value: number, string, boolean, list or object";

    static {
        // sweep points carry spec values of any JSON type; described as such, not as the node class's getters
        org.springdoc.core.utils.SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<Object>().description(ANY_JSON));
    }

    /** Drops the "object" type the generator gives a replaced schema: an any-JSON value has no type. */
    @SuppressWarnings("rawtypes") // the OpenAPI model's own raw Schema maps
    private static void untypeAnyJson(Schema<?> s) {
        if (s == null) {
            return;
        }
        if (ANY_JSON.equals(s.getDescription())) {
            s.setType(null);
            s.setTypes(null);
        }
        if (s.getProperties() != null) {
            for (Schema p : s.getProperties().values()) {
                untypeAnyJson(p);
            }
        }
        if (s.getAdditionalProperties() instanceof Schema a) {
            untypeAnyJson(a);
        }
        untypeAnyJson(s.getItems());
    }

    @Bean
    OpenAPI crossbarOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Crossbar Lab API")
                        .version("v1")
                        .description("Simulated training of neural networks on analog in-memory-computing tiles "
                                + "(2PCM + 3T1C unit cells, after Ambrogio et al., Nature 558, 60-67, 2018). "
                                + "Errors are RFC 9457 problem details.")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0")));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents().getSchemas().remove("ProblemDetail");
            api.getComponents().addSchemas("ProblemError", problemError());
            api.getComponents().addSchemas(PROBLEM, problem());
            api.getComponents().getSchemas().values().forEach(OpenApiDocumentation::untypeAnyJson);
            api.getPaths().forEach((path, item) -> {
                for (Operation op : item.readOperations()) {
                    addErrors(path, op);
                }
            });
        };
    }

    private static void addErrors(String path, Operation op) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid or malformed request: errors[] names each field and what is allowed there");
        if (path.contains("{")) {
            errors.put("404", "No such resource");
        }
        errors.put("406", "The Accept header allows no representation this operation produces");
        if (op.getRequestBody() != null) {
            errors.put("413", "Request body over the limit (crossbar.api.max-body-bytes)");
            errors.put("415", "Content-Type is not application/json");
        }
        switch (String.valueOf(op.getOperationId())) {
            case "submitJob" -> {
                errors.put("409", "A request with the same Idempotency-Key is still being processed");
                errors.put("422", "The job can never fit a node, or the Idempotency-Key was used with another body");
            }
            case "cancelJob" -> errors.put("409", "The job already ended other than CANCELLED");
            case "getJobResult" ->
                errors.put("409", "The job has not SUCCEEDED (the problem's state says where it is)");
            default -> {}
        }
        errors.put("500", "Unexpected error (logged; no detail is disclosed)");
        errors.put("503", "The database cannot be reached; retry after Retry-After seconds");
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        errors.forEach((code, description) -> responses.put(
                code,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_MEDIA_TYPE,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
        op.setResponses(responses);
    }

    private static Schema<?> problemError() {
        return new ObjectSchema()
                .description("One invalid field and what is allowed there")
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("JSON path of the field, query parameter or header")
                                .example("training.epochs"))
                .addProperty(
                        "message",
                        new StringSchema()
                                .description("What is wrong and what is allowed")
                                .example("must be between 1 and 1000 (was 0)"))
                .required(List.of("field", "message"));
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; type is stable per kind of error")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("Kind of error, a stable URI")
                                .example("https://crossbarlab.io/problems/validation"))
                .addProperty(
                        "title",
                        new StringSchema()
                                .description("Short summary of the kind")
                                .example("Invalid request"))
                .addProperty(
                        "status",
                        new IntegerSchema()
                                .format("int32")
                                .description("HTTP status code")
                                .example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("What went wrong with this request")
                                .example("1 field(s) are invalid: training.epochs: must be between 1 and 1000 (was 0)"))
                .addProperty(
                        "instance",
                        new StringSchema()
                                .format("uri")
                                .description("Path of the request")
                                .example("/api/v1/jobs"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("Each invalid field (validation errors only)")
                                .items(new Schema<>().$ref("#/components/schemas/ProblemError")))
                .addProperty(
                        "state",
                        new StringSchema()
                                .description("The job's current state (409 of a job in the wrong state)")
                                .example("RUNNING"))
                .addProperty(
                        "tilesRequired",
                        new IntegerSchema().format("int32").description("Tiles the job needs (422 too large)"))
                .addProperty(
                        "tilesPerNode",
                        new IntegerSchema().format("int32").description("Tiles a node has (422 too large)"))
                .required(List.of("type", "title", "status"));
    }
}
