package dev.vigil.core.access;

import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API token as stored and listed: everything but its secret, which exists only in the
 * holder's hands (the store keeps its SHA-256, see {@link TokenSecret}).
 *
 * @param id public identifier, {@code t} and 12 lower-case hex digits; names the token in lists,
 *     revocations and the audit log
 * @param name what it is for, 1-100 printable characters (e.g. {@code prometheus}, {@code insp. Tran})
 * @param role what its holder may do
 * @param scope the sites it is limited to ({@link SiteScope#ALL} for none)
 * @param createdAt when it was made
 * @param createdBy who made it: a token id, {@code cli} or {@code bootstrap}
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 */
public record ApiToken(String id, String name, Role role, SiteScope scope, Instant createdAt, String createdBy,
        Instant revokedAt) {
    private static final Pattern ID = Pattern.compile("t[0-9a-f]{12}");

    public ApiToken {
        requireId(id);
        name = requireText("name", name, 100);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        createdBy = requireText("createdBy", createdBy, 100);
    }

    /** Whether the token may still be used. */
    public boolean active() {
        return revokedAt == null;
    }

    /** This token revoked at {@code at}. */
    public ApiToken revoked(Instant at) {
        return new ApiToken(id, name, role, scope, createdAt, createdBy, Objects.requireNonNull(at, "at"));
    }

    /**
     * Checks a token id's form.
     *
     * @throws VigilException INVALID_ARGUMENT if it is not {@code t} and 12 lower-case hex digits
     */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw VigilException.invalid("token id must be 't' and 12 lower-case hex digits, was "
                    + (id == null ? "nothing" : "'" + printable(id) + "'"));
        }
        return id;
    }

    /** {@code value} stripped, 1..{@code max} characters with no control characters. */
    static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw VigilException.invalid(what + ": must not be empty");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw VigilException.invalid(what + ": at most " + max + " characters, was " + v.length());
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw VigilException.invalid(what + ": must not contain control characters");
        }
        return v;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
