package io.crossbarlab.app.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque tokens this service hands out and takes back (page tokens): a payload and an HMAC-SHA256 of
 * it under a key that every node of a cluster reads from the database, so a token issued by one node
 * is honoured by another and a forged or altered token is refused.
 */
@Component
public class SignedTokens {

    private static final String KEY_NAME = "token-signing";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private volatile SecretKeySpec key;

    public SignedTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String sign(String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(p) + "." + ENCODER.encodeToString(mac(p));
    }

    /** A keyset position in a list ordered by (creation time, id), newest first. */
    public record Keyset(java.time.Instant before, java.util.UUID beforeId) {}

    /** A page token for the position after ({@code createdAt}, {@code id}), bound to {@code filters}. */
    public String pageToken(java.time.Instant createdAt, java.util.UUID id, String filters) {
        return sign(java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, createdAt) + "/" + id + "/"
                + filters);
    }

    /**
     * The position a page token names, or null for no token; a forged or altered token, or one issued
     * for other {@code filters}, is a 400 naming {@code pageToken}.
     */
    public Keyset readPageToken(String token, String filters, String filterNames) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String[] parts = verify(token)
                .map(p -> p.split("/", -1))
                .filter(p -> p.length == 3)
                .orElseThrow(() -> new io.crossbarlab.sim.preset.InvalidSpecException(
                        "pageToken", "is not a token this service issued"));
        if (!parts[2].equals(filters)) {
            throw new io.crossbarlab.sim.preset.InvalidSpecException(
                    "pageToken", "was issued for other filters (" + filterNames + " must stay the same across pages)");
        }
        try {
            return new Keyset(
                    java.time.Instant.EPOCH.plus(Long.parseLong(parts[0]), java.time.temporal.ChronoUnit.MICROS),
                    java.util.UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new io.crossbarlab.sim.preset.InvalidSpecException("pageToken", "is not a token this service issued");
        }
    }

    /** The payload of a token this service signed, or empty for anything else. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] p = DECODER.decode(token.substring(0, dot));
            byte[] m = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(m, mac(p))) {
                return Optional.empty();
            }
            return Optional.of(new String(p, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(DECODER.decode(loadOrCreate()), "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    /** The shared secret; the first node to need it creates it, a racing node reads the winner's. */
    private String loadOrCreate() {
        Optional<String> existing = read();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            jdbc.sql("insert into service_key (name, secret) values (?, ?)")
                    .params(KEY_NAME, ENCODER.encodeToString(secret))
                    .update();
        } catch (DuplicateKeyException e) {
            // another node created it first
        }
        return read().orElseThrow();
    }

    private Optional<String> read() {
        return jdbc.sql("select secret from service_key where name = ?")
                .param(KEY_NAME)
                .query(String.class)
                .optional();
    }
}
