package dev.vigil.api.routes;

import dev.vigil.api.http.ApiRequest;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit row per viewing, not per HTTP request: a browser plays or downloads one file with many
 * range requests (one per seek), and each is authorized, but only the first of a token for the
 * same file, range and stated reason within {@link #WINDOW} is appended to the audit log; a later
 * one appends again. So every viewing has its row, and the log is not flooded. The row is appended
 * before any byte is served; when it cannot be, the request fails (UNAVAILABLE) and nothing is
 * served. Thread-safe.
 */
final class ViewingAudit {
    /** How long one audit row covers a token's further requests for the same file. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int REMEMBERED = 10_000;

    private final AuditLog audit;
    private final Map<String, Instant> lastRow = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    ViewingAudit(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Appends the row for this request unless the same viewing has one from the last {@link #WINDOW}. */
    void record(ApiRequest request, AuditAction action, CameraId camera, Instant from, Instant to, String target) {
        String key = String.join("\n", request.requirePrincipal().tokenId(), action.label(), String.valueOf(camera),
                String.valueOf(from), String.valueOf(to), String.valueOf(target), request.reason().orElse(""));
        Instant now = request.receivedAt();
        synchronized (lastRow) {
            Instant last = lastRow.get(key);
            if (last != null && last.plus(WINDOW).isAfter(now)) {
                return;
            }
        }
        audit.append(request.auditEvent(action, camera, from, to, target));
        synchronized (lastRow) {
            lastRow.put(key, now);
        }
    }
}
