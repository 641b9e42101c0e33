package dev.vigil.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.core.model.SiteId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON of {@code vigil.alerts.v1}, as documented by {@code docs/schema/vigil.alerts.v1.schema.json}.
 * Pure and thread-safe.
 *
 * <p>Names: {@code schemaVersion}, {@code alertId}, {@code lifecycle}, {@code severity}, {@code node},
 * {@code site{id,name}}, {@code camera{id,name,kind}}, {@code location{lat,lon,heading}},
 * {@code rule{id,type}}, {@code objectClass}, {@code objectCount}, {@code confidence},
 * {@code boxes[{x,y,w,h}]}, {@code eventStart}, {@code eventEnd}, {@code detectedAt},
 * {@code publishedAt}, {@code snapshot{key,url}}, {@code clip{key,url}}. Every field is always
 * written; an unknown value is {@code null}. Times are ISO-8601 UTC with milliseconds
 * ({@code 2026-03-01T10:00:00.250Z}).
 *
 * <p>{@link #decode} is the reader an IOC would write: it checks what it needs and ignores fields it
 * does not know (additive changes stay readable); it accepts any {@code 1.x} schema version.
 */
public final class AlertJson {
    /** Kafka header with the schema version, e.g. {@code 1.0}. */
    public static final String HEADER_SCHEMA_VERSION = "vigil-schema-version";
    /** Kafka header with the alert id. */
    public static final String HEADER_ALERT_ID = "vigil-alert-id";
    /** Kafka header with the lifecycle ({@code OPENED}, {@code UPDATED}, {@code CLOSED}). */
    public static final String HEADER_LIFECYCLE = "vigil-lifecycle";
    /** The largest message {@link #decode} reads. */
    public static final int MAX_DECODE_CHARS = 8 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private AlertJson() {}

    /** The message as JSON text. */
    public static String encode(Alert a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", Alert.SCHEMA_VERSION);
        o.put("alertId", a.alertId().toString());
        o.put("lifecycle", a.lifecycle().name());
        o.put("severity", a.severity().wireName());
        o.put("node", a.node());
        ObjectNode site = o.putObject("site");
        site.put("id", a.site().id().value());
        site.put("name", a.site().name());
        ObjectNode camera = o.putObject("camera");
        camera.put("id", a.camera().id().value());
        camera.put("name", a.camera().name());
        camera.put("kind", a.camera().kind().name().toLowerCase(Locale.ROOT));
        if (a.location() == null) {
            o.putNull("location");
        } else {
            ObjectNode location = o.putObject("location");
            location.put("lat", a.location().lat());
            location.put("lon", a.location().lon());
            if (a.location().heading() == null) {
                location.putNull("heading");
            } else {
                location.put("heading", a.location().heading());
            }
        }
        ObjectNode rule = o.putObject("rule");
        rule.put("id", a.rule().id());
        rule.put("type", a.rule().type());
        o.put("objectClass", a.objectClass());
        o.put("objectCount", a.objectCount());
        if (a.confidence() == null) {
            o.putNull("confidence");
        } else {
            o.put("confidence", a.confidence());
        }
        ArrayNode boxes = o.putArray("boxes");
        for (NormalizedBox b : a.boxes()) {
            ObjectNode box = boxes.addObject();
            box.put("x", b.x());
            box.put("y", b.y());
            box.put("w", b.width());
            box.put("h", b.height());
        }
        o.put("eventStart", time(a.eventStart()));
        o.put("eventEnd", time(a.eventEnd()));
        o.put("detectedAt", time(a.detectedAt()));
        o.put("publishedAt", time(a.publishedAt()));
        link(o, "snapshot", a.snapshot());
        link(o, "clip", a.clip());
        return o.toString();
    }

    /** An ISO-8601 UTC time with milliseconds, or {@code null}. */
    public static String time(Instant t) {
        return t == null ? null : MILLIS.format(t);
    }

    private static void link(ObjectNode o, String name, ObjectLink link) {
        if (link == null) {
            o.putNull(name);
        } else {
            ObjectNode l = o.putObject(name);
            l.put("key", link.key());
            l.put("url", link.url());
        }
    }

    /**
     * Reads a message.
     *
     * @throws VigilException INVALID_ARGUMENT naming the first field that is missing or wrong
     */
    public static Alert decode(String json) {
        if (json.length() > MAX_DECODE_CHARS) {
            throw VigilException.invalid("alert message of " + json.length() + " characters is over the limit of "
                    + MAX_DECODE_CHARS);
        }
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw VigilException.invalid("alert message is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw VigilException.invalid("alert message must be a JSON object");
        }
        String version = text(o, "schemaVersion");
        if (!version.matches("1\\.\\d{1,4}")) {
            throw VigilException.invalid("schemaVersion: this reader knows 1.x, was '" + version + "'");
        }
        try {
            JsonNode site = object(o, "site");
            JsonNode camera = object(o, "camera");
            JsonNode rule = object(o, "rule");
            GeoPoint location = null;
            JsonNode loc = o.get("location");
            if (loc != null && !loc.isNull()) {
                JsonNode heading = loc.get("heading");
                location = new GeoPoint(number(loc, "location.lat", "lat"), number(loc, "location.lon", "lon"),
                        heading == null || heading.isNull() ? null : number(loc, "location.heading", "heading"));
            }
            List<NormalizedBox> boxes = new ArrayList<>();
            JsonNode list = o.get("boxes");
            if (list == null || !list.isArray()) {
                throw VigilException.invalid("boxes: must be an array");
            }
            for (JsonNode b : list) {
                boxes.add(new NormalizedBox(number(b, "boxes[].x", "x"), number(b, "boxes[].y", "y"),
                        number(b, "boxes[].w", "w"), number(b, "boxes[].h", "h")));
            }
            JsonNode confidence = o.get("confidence");
            JsonNode objectClass = o.get("objectClass");
            return new Alert(
                    uuid(text(o, "alertId"), "alertId"),
                    lifecycle(text(o, "lifecycle")),
                    AlertSeverity.ofWireName(text(o, "severity")),
                    new AlertSite(SiteId.of(text(site, "site.id", "id")), text(site, "site.name", "name")),
                    new AlertCamera(CameraId.of(text(camera, "camera.id", "id")), text(camera, "camera.name", "name"),
                            kind(text(camera, "camera.kind", "kind"))),
                    location,
                    new AlertRule(text(rule, "rule.id", "id"), text(rule, "rule.type", "type")),
                    objectClass == null || objectClass.isNull() ? null : text(o, "objectClass"),
                    (int) integer(o, "objectCount"),
                    confidence == null || confidence.isNull() ? null : number(o, "confidence", "confidence"),
                    boxes,
                    instant(o, "eventStart", true),
                    instant(o, "eventEnd", false),
                    instant(o, "detectedAt", true),
                    instant(o, "publishedAt", true),
                    objectLink(o, "snapshot"),
                    objectLink(o, "clip"),
                    text(o, "node"));
        } catch (VigilException e) {
            throw e;
        } catch (RuntimeException e) {
            throw VigilException.invalid("alert message: " + e.getMessage());
        }
    }

    private static AlertLifecycle lifecycle(String s) {
        for (AlertLifecycle l : AlertLifecycle.values()) {
            if (l.name().equals(s)) {
                return l;
            }
        }
        throw VigilException.invalid("lifecycle: must be OPENED, UPDATED or CLOSED, was '" + s + "'");
    }

    private static CameraKind kind(String s) {
        for (CameraKind k : CameraKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(s)) {
                return k;
            }
        }
        throw VigilException.invalid("camera.kind: must be traffic, security or quarantine, was '" + s + "'");
    }

    private static ObjectLink objectLink(JsonNode o, String name) {
        JsonNode l = o.get(name);
        if (l == null || l.isNull()) {
            return null;
        }
        return new ObjectLink(text(l, name + ".key", "key"), text(l, name + ".url", "url"));
    }

    private static JsonNode object(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isObject()) {
            throw VigilException.invalid(name + ": required object");
        }
        return v;
    }

    private static String text(JsonNode o, String name) {
        return text(o, name, name);
    }

    private static String text(JsonNode o, String path, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isTextual()) {
            throw VigilException.invalid(path + ": required string");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String path, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isNumber()) {
            throw VigilException.invalid(path + ": required number");
        }
        return v.asDouble();
    }

    private static long integer(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw VigilException.invalid(name + ": required integer");
        }
        return v.asLong();
    }

    private static UUID uuid(String s, String path) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid(path + ": not a UUID: '" + s + "'");
        }
    }

    private static Instant instant(JsonNode o, String name, boolean required) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw VigilException.invalid(name + ": required time");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw VigilException.invalid(name + ": must be an ISO-8601 time string");
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw VigilException.invalid(name + ": not an ISO-8601 UTC time: '" + v.asText() + "'");
        }
    }
}
