package dev.vigil.core.directory;

import dev.vigil.core.error.VigilException;

/**
 * Who made a config change: an API token's id and name, or {@link #FILE} for what the
 * configuration file brought in.
 *
 * @param actor a token id ({@code t...}) or {@code config-file}; 1-64 characters
 * @param actorName the token's name at the time; 1-100 characters
 */
public record ConfigAuthor(String actor, String actorName) {
    /** The configuration file, importing its sites and cameras at a start. */
    public static final ConfigAuthor FILE = new ConfigAuthor("config-file", "configuration file");

    public ConfigAuthor {
        actor = text("actor", actor, 64);
        actorName = text("actorName", actorName, 100);
    }

    private static String text(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw VigilException.invalid(what + " must be 1-" + max + " characters without control characters");
        }
        return value;
    }
}
