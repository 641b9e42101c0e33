package dev.vigil.core.review;

import dev.vigil.core.error.VigilException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the next page of an alert listing starts: after the alert {@code (eventStart, alertId)} in
 * the listing's order (newest first: {@code event_start} descending, then {@code alert_id}
 * descending). Keyset paging: an alert inserted while a client pages through never shifts a page,
 * it only shows up on the first page of a later listing (or on a later page if it is older).
 *
 * <p>On the wire the cursor is opaque: base64url (no padding) of {@code v1:<epochMillis>:<uuid>}.
 * {@link #parse} is pure and refuses anything else.
 *
 * @param eventStart the last listed alert's event start, to the millisecond
 * @param alertId the last listed alert's id
 */
public record AlertCursor(Instant eventStart, UUID alertId) {
    private static final String VERSION = "v1";
    /** The longest encoded cursor accepted. */
    public static final int MAX_LENGTH = 128;

    public AlertCursor {
        Objects.requireNonNull(eventStart, "eventStart");
        Objects.requireNonNull(alertId, "alertId");
    }

    /** The opaque form. */
    public String encode() {
        String plain = VERSION + ":" + eventStart.toEpochMilli() + ":" + alertId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads the opaque form.
     *
     * @throws VigilException INVALID_ARGUMENT if {@code text} is not a cursor this build wrote
     */
    public static AlertCursor parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw VigilException.invalid("cursor must be 1-" + MAX_LENGTH + " characters as given in nextCursor");
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("cursor is not one given in nextCursor (not base64url)");
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw VigilException.invalid("cursor is not one given in nextCursor");
        }
        try {
            long millis = Long.parseLong(parts[1]);
            UUID id = UUID.fromString(parts[2]);
            if (!id.toString().equals(parts[2])) {
                throw new IllegalArgumentException("not canonical");
            }
            return new AlertCursor(Instant.ofEpochMilli(millis), id);
        } catch (RuntimeException e) {
            throw VigilException.invalid("cursor is not one given in nextCursor");
        }
    }

    /** The cursor after {@code last}. */
    public static AlertCursor after(AlertSummary last) {
        return new AlertCursor(last.eventStart(), last.alertId());
    }
}
