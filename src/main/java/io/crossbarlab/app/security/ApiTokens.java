package io.crossbarlab.app.security;

import io.crossbarlab.app.system.Hashes;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque bearer tokens: 32 random bytes, base64url, prefixed {@code cbl_}. Only their SHA-256 is
 * stored (a token has 256 bits of entropy, so a plain hash is enough: nothing to brute-force), and a
 * token is shown once, when it is created.
 */
@Component
public class ApiTokens {

    static final String PREFIX = "cbl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored token, without its secret. */
    public record Token(UUID id, String owner, String name, boolean admin, Instant createdAt, Instant revokedAt) {}

    /** A token as created: the only time its secret is known. */
    public record Created(Token token, String secret) {}

    @Transactional
    public Created create(String owner, String name, boolean admin) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Created(insert(owner, name, admin, secret), secret);
    }

    /**
     * Stores {@code secret} as an admin token of {@code owner} unless a token with its hash exists. API
     * pods starting together may race to store it: the unique hash lets one win and the others find it.
     */
    public void bootstrap(String owner, String secret) {
        if (jdbc.sql("select count(*) from api_token where token_hash = ?")
                        .param(hash(secret))
                        .query(Long.class)
                        .single()
                == 0) {
            try {
                insert(owner, "bootstrap", true, secret);
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // another process stored it first
            }
        }
    }

    private Token insert(String owner, String name, boolean admin, String secret) {
        Token t = new Token(UUID.randomUUID(), owner, name, admin, clock.instant(), null);
        jdbc.sql("insert into api_token (id, owner, name, token_hash, admin, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(t.id(), owner, name, hash(secret), admin, Timestamp.from(t.createdAt()))
                .update();
        return t;
    }

    /** The live (not revoked) token with this secret. */
    public Optional<Token> find(String secret) {
        return jdbc.sql("select id, owner, name, admin, created_at, revoked_at from api_token"
                        + " where token_hash = ? and revoked_at is null")
                .param(hash(secret))
                .query(ApiTokens::row)
                .optional();
    }

    public List<Token> list() {
        return jdbc.sql("select id, owner, name, admin, created_at, revoked_at from api_token order by created_at, id")
                .query(ApiTokens::row)
                .list();
    }

    /** Revokes a token (idempotent); false when there is no such token. */
    @Transactional
    public boolean revoke(UUID id) {
        jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        return jdbc.sql("select count(*) from api_token where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    static String hash(String secret) {
        return Hashes.sha256(secret);
    }

    private static Token row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp(6);
        return new Token(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
