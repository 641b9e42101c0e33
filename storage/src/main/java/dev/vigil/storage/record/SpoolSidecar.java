package dev.vigil.storage.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON files beside spool files: {@code .meta} (a {@link SegmentMeta}, written when a segment
 * starts) and {@code .json} (a finished {@link SpooledSegment}). Pure conversion; the
 * {@link Spool} does the file handling.
 */
final class SpoolSidecar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpoolSidecar() {
    }

    static byte[] meta(SegmentMeta m) {
        return bytes(metaNode(m));
    }

    static byte[] finished(SpooledSegment s) {
        ObjectNode o = JSON.createObjectNode();
        o.set("meta", metaNode(s.meta()));
        o.put("end", s.end().toString());
        o.put("bytes", s.bytes());
        o.put("sha256", s.sha256());
        o.put("samples", s.samples());
        o.put("recovered", s.recovered());
        return bytes(o);
    }

    static SegmentMeta readMeta(byte[] json) {
        return metaOf(tree(json));
    }

    /** A finished segment whose MP4 is {@code file}. */
    static SpooledSegment readFinished(byte[] json, java.nio.file.Path file) {
        JsonNode o = tree(json);
        try {
            return new SpooledSegment(metaOf(o.required("meta")), Instant.parse(o.required("end").asText()),
                    o.required("bytes").asLong(), o.required("sha256").asText(), o.required("samples").asInt(), file,
                    o.path("recovered").asBoolean(false));
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "unreadable spool entry: " + e.getMessage(), e);
        }
    }

    private static ObjectNode metaNode(SegmentMeta m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("camera", m.camera().value());
        o.put("site", m.site());
        o.put("start", m.start().toString());
        o.put("firstPts90k", m.firstPts90k());
        o.put("codec", m.codec().wireName());
        o.put("width", m.width());
        o.put("height", m.height());
        if (m.location() != null) {
            o.put("lat", m.location().lat());
            o.put("lon", m.location().lon());
            if (m.location().heading() != null) {
                o.put("heading", m.location().heading());
            }
        }
        if (m.clip() != null) {
            ObjectNode c = o.putObject("clip");
            c.put("id", m.clip().id());
            c.put("reason", m.clip().reason());
            c.put("requestedFrom", m.clip().requestedFrom().toString());
            c.put("requestedTo", m.clip().requestedTo().toString());
        }
        return o;
    }

    private static SegmentMeta metaOf(JsonNode o) {
        try {
            GeoPoint location = o.has("lat") ? new GeoPoint(o.get("lat").asDouble(), o.get("lon").asDouble(),
                    o.has("heading") ? o.get("heading").asDouble() : null) : null;
            return new SegmentMeta(CameraId.of(o.required("camera").asText()), o.required("site").asText(),
                    Instant.parse(o.required("start").asText()), o.required("firstPts90k").asLong(),
                    Codec.fromWireName(o.required("codec").asText()), o.required("width").asInt(),
                    o.required("height").asInt(), location, clipOf(o.get("clip")));
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "unreadable spool metadata: " + e.getMessage(), e);
        }
    }

    private static ClipInfo clipOf(JsonNode c) {
        if (c == null || c.isNull()) {
            return null;
        }
        return new ClipInfo(c.required("id").asText(), c.required("reason").asText(),
                Instant.parse(c.required("requestedFrom").asText()), Instant.parse(c.required("requestedTo").asText()));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "unreadable spool metadata: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
