package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A site's identifier, with the same character rules as {@link CameraId}. */
public record SiteId(String value) implements Comparable<SiteId> {
    public SiteId {
        CameraId.requireSafe("site id", value);
    }

    @JsonCreator
    public static SiteId of(String value) {
        return new SiteId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(SiteId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
