package dev.vigil.storage.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.storage.catalog.Interval;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one finished export holds, for the JSON file beside its MP4 parts: the request, each part
 * with its SHA-256, each source object with the SHA-256 verified while it was read, and the gaps.
 *
 * @param camera the camera
 * @param from the range asked for, start
 * @param to the range asked for, end
 * @param requestedBy who asked
 * @param requestedAt when the export started
 * @param reason why ({@code null} if not given)
 * @param parts the MP4 files, in time order, at least one
 * @param sources the objects read, in time order
 * @param gaps the parts of {@code [from, to)} no recording covers (seams up to the service's gap
 *     tolerance are not gaps)
 */
public record ExportManifest(
        CameraId camera,
        Instant from,
        Instant to,
        String requestedBy,
        Instant requestedAt,
        String reason,
        List<Part> parts,
        List<Source> sources,
        List<Interval> gaps) {

    /** Why a part begins where it does. */
    public enum PartStart {
        /** The first part: at the last key frame at or before {@code from} (or the first after it). */
        RANGE_START,
        /** After a gap in the recordings longer than the tolerance. */
        GAP,
        /** The camera's parameter sets (or codec) changed: one MP4 track cannot hold both. */
        PARAMETER_SETS_CHANGED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One MP4 file.
     *
     * @param file its name, relative to the manifest's directory
     * @param sha256 lower-case hex SHA-256 of the whole file
     * @param bytes its size
     * @param codec the video codec
     * @param pictures coded pictures in it
     * @param firstPicture wall-clock time of its first picture (file time 0)
     * @param lastPicture wall-clock time of its last picture
     * @param end wall-clock time where its last picture ends: the file lasts {@code end - firstPicture}
     * @param startsBecause why it begins here
     */
    public record Part(String file, String sha256, long bytes, Codec codec, int pictures, Instant firstPicture,
            Instant lastPicture, Instant end, PartStart startsBecause) {
        public Part {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(firstPicture, "firstPicture");
            Objects.requireNonNull(lastPicture, "lastPicture");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(startsBecause, "startsBecause");
        }
    }

    /**
     * One recorded segment read for the export.
     *
     * @param sha256 the catalog's SHA-256, which every byte read matched when {@code verified}
     * @param start the segment's first picture
     * @param end the end of its last picture
     * @param verified whether the whole object was read and its SHA-256 and size matched the catalog
     */
    public record Source(String bucket, String key, String sha256, long bytes, Instant start, Instant end,
            boolean verified) {
        public Source {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ExportManifest {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        parts = List.copyOf(parts);
        sources = List.copyOf(sources);
        gaps = List.copyOf(gaps);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an export manifest lists at least one part");
        }
    }

    /** Total bytes of the parts. */
    public long bytes() {
        return parts.stream().mapToLong(Part::bytes).sum();
    }

    /** Total pictures in the parts. */
    public int pictures() {
        return parts.stream().mapToInt(Part::pictures).sum();
    }

    /**
     * The manifest as UTF-8 JSON, indented, fields in the order of the record components; times
     * are ISO-8601 UTC instants, {@code reason} is {@code null} when not given.
     */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("camera", camera.value());
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("requestedBy", requestedBy);
        root.put("requestedAt", requestedAt.toString());
        root.put("reason", reason);
        ArrayNode partArray = root.putArray("parts");
        for (Part p : parts) {
            ObjectNode o = partArray.addObject();
            o.put("file", p.file());
            o.put("sha256", p.sha256());
            o.put("bytes", p.bytes());
            o.put("codec", p.codec().wireName());
            o.put("pictures", p.pictures());
            o.put("firstPicture", p.firstPicture().toString());
            o.put("lastPicture", p.lastPicture().toString());
            o.put("end", p.end().toString());
            o.put("startsBecause", p.startsBecause().wireName());
        }
        ArrayNode sourceArray = root.putArray("sources");
        for (Source s : sources) {
            ObjectNode o = sourceArray.addObject();
            o.put("bucket", s.bucket());
            o.put("key", s.key());
            o.put("sha256", s.sha256());
            o.put("bytes", s.bytes());
            o.put("start", s.start().toString());
            o.put("end", s.end().toString());
            o.put("verified", s.verified());
        }
        ArrayNode gapArray = root.putArray("gaps");
        for (Interval g : gaps) {
            gapArray.addObject().put("from", g.start().toString()).put("to", g.end().toString());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
