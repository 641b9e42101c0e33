package dev.vigil.storage.export;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * What to export, and who asked.
 *
 * @param camera the camera
 * @param from start of the range; the export starts at the last key frame at or before it
 * @param to end of the range, after {@code from}; the export holds the pictures before it
 * @param requestedBy who asked: a user name, 1 to {@value #MAX_REQUESTER} printable characters
 * @param reason why, e.g. a case ID; {@code null} if none given; at most {@value #MAX_REASON}
 *     printable characters
 */
public record ExportRequest(CameraId camera, Instant from, Instant to, String requestedBy, String reason) {
    public static final int MAX_REQUESTER = 200;
    public static final int MAX_REASON = 1000;

    public ExportRequest {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw VigilException.invalid("export of camera " + camera + ": the end " + to + " must be after the start "
                    + from);
        }
        checkText("requestedBy", requestedBy, MAX_REQUESTER);
        if (requestedBy.isBlank()) {
            throw VigilException.invalid("export of camera " + camera + ": requestedBy must not be blank");
        }
        if (reason != null) {
            checkText("reason", reason, MAX_REASON);
        }
    }

    private static void checkText(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.length() > max) {
            throw VigilException.invalid("export " + field + " must be at most " + max + " characters, was "
                    + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw VigilException.invalid("export " + field + " must not contain control characters");
        }
    }
}
