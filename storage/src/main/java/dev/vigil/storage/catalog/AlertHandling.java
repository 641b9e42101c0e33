package dev.vigil.storage.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * The operators' state of an alert: {@code open} until the IOC acts, then the action with the
 * latest time ({@code acknowledged}, {@code escalated}, {@code dismissed}).
 *
 * @param state open, acknowledged, escalated or dismissed
 * @param by who acted, or {@code null} while open
 * @param note their note, or {@code null}
 * @param at when they acted (the IOC's clock), or {@code null} while open
 */
public record AlertHandling(String state, String by, String note, Instant at) {
    public static final AlertHandling OPEN = new AlertHandling("open", null, null, null);

    public AlertHandling {
        Objects.requireNonNull(state, "state");
    }
}
