package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import java.util.regex.Pattern;

/** Checks shared by the catalog's records. */
final class CatalogChecks {
    static final int MAX_OBJECT_KEY = 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private CatalogChecks() {}

    static void objectKey(String what, String key) {
        if (key == null || key.isBlank() || key.length() > MAX_OBJECT_KEY) {
            throw VigilException.invalid(what + ": object key must be 1-" + MAX_OBJECT_KEY + " characters, was "
                    + (key == null ? "null" : key.length() + " characters"));
        }
    }

    static void sha256(String what, String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw VigilException.invalid(what + ": sha256 must be 64 lower-case hex digits, was " + sha256);
        }
    }

    /** A required free-text field of at most {@code max} characters. */
    static String text(String what, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw VigilException.invalid(what + ": " + field + " must be 1-" + max + " characters, was "
                    + (value == null ? "null" : value.length() + " characters"));
        }
        return value;
    }
}
