package dev.vigil.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.error.VigilException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads acknowledgement messages ({@code docs/schema/vigil.alert-acks.v1.schema.json}). Pure and
 * thread-safe; never throws on bad input: a message that cannot be used comes back as a
 * {@link Result} with a reason (for the metric's label) and a detail (for the log).
 *
 * <p>Fields: {@code alertId} (UUID), {@code action} ({@code acknowledge}, {@code escalate},
 * {@code dismiss}), {@code by} (1-200 characters), {@code note} (optional, at most 2000),
 * {@code time} (ISO-8601 with offset). Unknown fields are ignored. At most {@value #MAX_BYTES} bytes.
 */
public final class AlertAckParser {
    /** The largest acknowledgement accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Why a message was not used, as the metric's {@code reason} label says it. */
    public enum Rejection {
        /** Empty value (a tombstone) or no value. */
        EMPTY,
        /** Over {@link #MAX_BYTES}. */
        TOO_LARGE,
        /** Not UTF-8 JSON, or not an object. */
        NOT_JSON,
        /** A field is missing or has the wrong type or value. */
        BAD_FIELD;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A parsed acknowledgement, or why there is none. Exactly one of {@code ack} and {@code rejection} is set. */
    public record Result(AlertAck ack, Rejection rejection, String detail) {
        public Result {
            if ((ack == null) == (rejection == null)) {
                throw new IllegalArgumentException("exactly one of ack and rejection");
            }
        }

        static Result ok(AlertAck ack) {
            return new Result(ack, null, null);
        }

        static Result rejected(Rejection rejection, String detail) {
            return new Result(null, rejection, Objects.requireNonNull(detail));
        }

        public boolean ok() {
            return ack != null;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());

    private AlertAckParser() {}

    public static Result parse(byte[] value) {
        if (value == null || value.length == 0) {
            return Result.rejected(Rejection.EMPTY, "no value");
        }
        if (value.length > MAX_BYTES) {
            return Result.rejected(Rejection.TOO_LARGE, value.length + " bytes, more than " + MAX_BYTES);
        }
        JsonNode o;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value)).toString();
            o = MAPPER.readTree(text);
        } catch (java.nio.charset.CharacterCodingException e) {
            return Result.rejected(Rejection.NOT_JSON, "not valid UTF-8");
        } catch (JsonProcessingException e) {
            return Result.rejected(Rejection.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            return Result.rejected(Rejection.NOT_JSON, "not a JSON object");
        }
        String id = text(o, "alertId");
        String action = text(o, "action");
        String by = text(o, "by");
        String time = text(o, "time");
        JsonNode note = o.get("note");
        if (id == null || action == null || by == null || time == null) {
            return Result.rejected(Rejection.BAD_FIELD, "alertId, action, by and time are required strings");
        }
        if (note != null && !note.isNull() && !note.isTextual()) {
            return Result.rejected(Rejection.BAD_FIELD, "note must be a string");
        }
        UUID alertId;
        try {
            alertId = UUID.fromString(id);
            if (!alertId.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException(id);
            }
        } catch (IllegalArgumentException e) {
            return Result.rejected(Rejection.BAD_FIELD, "alertId is not a UUID: '" + abbreviate(id) + "'");
        }
        AlertAction a = AlertAction.ofWireName(action);
        if (a == null) {
            return Result.rejected(Rejection.BAD_FIELD, "action must be acknowledge, escalate or dismiss, was '"
                    + abbreviate(action) + "'");
        }
        Instant at;
        try {
            at = java.time.OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return Result.rejected(Rejection.BAD_FIELD, "time is not ISO-8601 with an offset: '" + abbreviate(time)
                    + "'");
        }
        try {
            return Result.ok(new AlertAck(alertId, a, by.strip(), note == null || note.isNull() ? null : note.asText(),
                    at));
        } catch (VigilException e) {
            return Result.rejected(Rejection.BAD_FIELD, e.getMessage());
        }
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
