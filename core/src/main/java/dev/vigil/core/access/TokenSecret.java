package dev.vigil.core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API token secrets: {@code vgl_} followed by 43 base64url characters encoding 32 bytes from a
 * {@link SecureRandom} (256 bits). Only the SHA-256 of the whole string is stored.
 *
 * <p>Implementation note: why a plain SHA-256 and not bcrypt/scrypt/Argon2. Slow password hashes
 * exist to make guessing low-entropy, human-chosen passwords expensive. A token here is 256 random
 * bits: nobody can enumerate them, so a stolen table of hashes does not reveal a usable token,
 * slowed down or not (the same reasoning as GitHub's and Stripe's hashed API keys). A fast,
 * deterministic hash lets the store look a presented token up by an indexed equality on its hash,
 * in microseconds per request, and compares no secrets in application code. Tokens given by the
 * operator ({@code VIGIL_BOOTSTRAP_TOKEN}) must be at least {@value #MIN_GIVEN_LENGTH} characters,
 * and should come from a random generator, for the same reason.
 */
public final class TokenSecret {
    /** Every generated secret starts with this, so that leaked tokens are easy to grep and scan for. */
    public static final String PREFIX = "vgl_";
    /** Shortest secret accepted from the operator. */
    public static final int MIN_GIVEN_LENGTH = 32;
    /** Longest secret accepted at all (longer headers are rejected before hashing). */
    public static final int MAX_LENGTH = 256;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");

    private TokenSecret() {}

    /** A new secret of 32 random bytes. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new token id: {@code t} and 12 hex digits (48 random bits; ids are public, only unique). */
    public static String generateId(SecureRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Whether {@code secret} could be a token at all: {@value #MIN_GIVEN_LENGTH}..{@value #MAX_LENGTH}
     * visible ASCII characters. Anything else is refused without a lookup.
     */
    public static boolean wellFormed(String secret) {
        return secret != null && secret.length() >= MIN_GIVEN_LENGTH && secret.length() <= MAX_LENGTH
                && PRINTABLE.matcher(secret).matches();
    }

    /** The SHA-256 of the secret's UTF-8 bytes, 64 lower-case hex digits: what the store keeps. */
    public static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
