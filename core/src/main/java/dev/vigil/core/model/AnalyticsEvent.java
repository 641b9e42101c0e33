package dev.vigil.core.model;

import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One step ({@link AnalyticsEventPhase}) of an event that a camera's analytics rule raised. The
 * steps of one event share its {@code id}.
 *
 * @param id the event, the same in its START, UPDATEs and END
 * @param camera the camera
 * @param rule the rule's id in the camera's config
 * @param type what the rule saw
 * @param phase START, UPDATE or END
 * @param objectClass the class of the object, e.g. {@code person}, {@code car}; {@code scene} for tamper
 * @param trackId the tracked object, or {@link #NO_TRACK} for events about many objects or the view
 * @param confidence the best detector confidence seen so far in this event, 0 to 1
 * @param boxes the objects' boxes on the latest frame (normalized); empty for tamper
 * @param zone the zone or line of the rule; empty for tamper
 * @param start when the event started (the frame's wall clock)
 * @param end when it ended: set on END only, {@code null} before
 * @param attributes details of the type: {@code direction}, {@code count}, {@code cause}, {@code dwellSeconds}
 * @param snapshotJpeg on START and END, the event's best frame so far as JPEG with the boxes drawn; empty otherwise or
 *     when the frame had no picture. Copied in and out: the record stays immutable.
 */
public record AnalyticsEvent(
        UUID id,
        CameraId camera,
        String rule,
        AnalyticsEventType type,
        AnalyticsEventPhase phase,
        String objectClass,
        long trackId,
        double confidence,
        List<NormalizedBox> boxes,
        String zone,
        Instant start,
        Instant end,
        Map<String, String> attributes,
        byte[] snapshotJpeg) {

    /** The {@code trackId} of events about many objects (crowding) or about the view (tamper). */
    public static final long NO_TRACK = -1;

    public AnalyticsEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(objectClass, "objectClass");
        Objects.requireNonNull(start, "start");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw VigilException.invalid("confidence must be 0 to 1, was " + confidence);
        }
        if ((phase == AnalyticsEventPhase.END) != (end != null)) {
            throw VigilException.invalid("end must be set on END and only on END, phase " + phase + " end " + end);
        }
        if (end != null && end.isBefore(start)) {
            throw VigilException.invalid("end " + end + " is before start " + start);
        }
        boxes = List.copyOf(boxes);
        zone = zone == null ? "" : zone;
        attributes = Map.copyOf(attributes);
        snapshotJpeg = snapshotJpeg == null ? new byte[0] : snapshotJpeg.clone();
    }

    /** A copy of the JPEG snapshot; empty when this step carries none. */
    @Override
    public byte[] snapshotJpeg() {
        return snapshotJpeg.clone();
    }

    /** Whether this step carries a snapshot. */
    public boolean hasSnapshot() {
        return snapshotJpeg.length > 0;
    }

    @Override
    public String toString() {
        return "AnalyticsEvent[" + camera + " " + rule + " " + type + " " + phase + " " + objectClass
                + (trackId == NO_TRACK ? "" : " track " + trackId) + " " + start
                + (end == null ? "" : ".." + end) + " " + attributes + "]";
    }
}
