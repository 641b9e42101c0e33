package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.core.error.VigilException;
import java.util.regex.Pattern;

/**
 * A camera's identifier: 1 to 64 characters of letters, digits, {@code -}, {@code _} and
 * {@code .}, starting with a letter or digit. It appears in object keys, metric labels and Kafka
 * keys, so nothing else is allowed.
 */
public record CameraId(String value) implements Comparable<CameraId> {
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public CameraId {
        requireSafe("camera id", value);
    }

    @JsonCreator
    public static CameraId of(String value) {
        return new CameraId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(CameraId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static void requireSafe(String what, String value) {
        if (value == null || !SAFE_ID.matcher(value).matches()) {
            throw VigilException.invalid(what + " must be 1-64 characters of [A-Za-z0-9_.-] starting"
                    + " with a letter or digit, was " + (value == null ? "null" : "'" + value + "'"));
        }
    }
}
