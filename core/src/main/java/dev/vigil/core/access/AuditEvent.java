package dev.vigil.core.access;

import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audited act, as written to the audit log. Times are truncated to microseconds, the
 * precision the catalog keeps, so that a row read back hashes as it was written.
 *
 * @param at when it happened
 * @param actor who: a token id ({@code t...}), or {@code cli} for the command line
 * @param actorName the token's name at the time (1-100 characters)
 * @param role the actor's role, or {@code null} for the command line
 * @param action what was done
 * @param camera the camera concerned, or {@code null}
 * @param from start of the time range concerned, or {@code null}
 * @param to end of the time range concerned, or {@code null}
 * @param target what else names the object (export id, object key, token id), at most 1,024
 *     characters, or {@code null}
 * @param reason the stated reason (required of police by the API), at most 500 characters, or {@code null}
 * @param remote the client's address, at most 64 characters, or {@code null}
 */
public record AuditEvent(Instant at, String actor, String actorName, Role role, AuditAction action,
        CameraId camera, Instant from, Instant to, String target, String reason, String remote) {
    public AuditEvent {
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        actor = ApiToken.requireText("actor", actor, 64);
        actorName = ApiToken.requireText("actorName", actorName, 100);
        Objects.requireNonNull(action, "action");
        from = from == null ? null : from.truncatedTo(ChronoUnit.MICROS);
        to = to == null ? null : to.truncatedTo(ChronoUnit.MICROS);
        target = target == null ? null : ApiToken.requireText("target", target, 1024);
        reason = reason == null ? null : ApiToken.requireText("reason", reason, 500);
        remote = remote == null ? null : ApiToken.requireText("remote", remote, 64);
    }
}
