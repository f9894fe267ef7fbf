package io.crossbarlab.app.security.web;

import io.crossbarlab.app.security.ApiTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens, for administrators (an admin token; in the anonymous mode, anyone). */
@RestController
@RequestMapping(path = "/api/v1/admin/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin", description = "API tokens and their owners (admin tokens only)")
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Schema(description = "A token to create")
    record CreateTokenRequest(
            @Schema(description = "Owner of the token and of what it submits", example = "alice")
            @NotNull
            @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}", message = "must be 1 to 100 of A-Z a-z 0-9 . _ @ -")
            String owner,

            @Schema(description = "What the token is for", example = "laptop")
            @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Schema(
                    description = "Whether it sees every owner's jobs and manages tokens (default false)",
                    example = "false")
            Boolean admin) {}

    @Schema(description = "An API token (its secret only in the response that created it)")
    record TokenResponse(
            @Schema(description = "Token id (to revoke it)") UUID id,

            @Schema(description = "Owner", example = "alice")
            String owner,

            @Schema(description = "What it is for", example = "laptop")
            String name,

            @Schema(description = "Admin token") boolean admin,
            @Schema(description = "When it was created") Instant createdAt,

            @Schema(description = "When it was revoked, or null")
            Instant revokedAt,

            @Schema(description = "The bearer token: shown once, stored only as its SHA-256", example = "cbl_3q2-7w...")
            String token) {

        static TokenResponse of(ApiTokens.Token t, String secret) {
            return new TokenResponse(t.id(), t.owner(), t.name(), t.admin(), t.createdAt(), t.revokedAt(), secret);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createToken", summary = "Create an API token; its secret is in this response only")
    ResponseEntity<TokenResponse> create(@Valid @RequestBody CreateTokenRequest request) {
        ApiTokens.Created c = tokens.create(request.owner(), request.name(), Boolean.TRUE.equals(request.admin()));
        return ResponseEntity.status(HttpStatus.CREATED).body(TokenResponse.of(c.token(), c.secret()));
    }

    @GetMapping
    @Operation(operationId = "listTokens", summary = "Every token, without secrets")
    List<TokenResponse> list() {
        return tokens.list().stream().map(t -> TokenResponse.of(t, null)).toList();
    }

    @PostMapping("/{id}/revoke")
    @Operation(operationId = "revokeToken", summary = "Revoke a token (idempotent); its next request is a 401")
    ResponseEntity<?> revoke(@PathVariable UUID id) {
        if (!tokens.revoke(id)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no token " + id);
            p.setType(io.crossbarlab.app.system.ProblemTypes.NOT_FOUND);
            p.setTitle("Not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(p);
        }
        return ResponseEntity.noContent().build();
    }
}
