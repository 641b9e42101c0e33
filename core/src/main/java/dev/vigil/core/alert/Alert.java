package dev.vigil.core.alert;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One message about an alert, as the IOC receives it on {@code vigil.alerts.v1}: always the whole
 * alert as of {@code lifecycle}, never a delta. The messages of one alert share {@code alertId}.
 * Times are kept to the millisecond (what the wire carries), so that a decoded message equals the
 * encoded one.
 *
 * @param alertId time-ordered (version 7) UUID, stable across every message and redelivery
 * @param lifecycle OPENED, UPDATED or CLOSED
 * @param severity info, warning or critical
 * @param site the camera's site
 * @param camera the camera
 * @param location where the camera is and looks, or {@code null} when its config gives no location
 * @param rule what fired
 * @param objectClass e.g. {@code person}, {@code car}, {@code scene} for tamper; {@code null} where
 *     no object is concerned (camera health)
 * @param objectCount objects concerned, 0 or more
 * @param confidence the best detector confidence, 0 to 1; {@code null} where there is no detector
 * @param boxes the objects' latest boxes, normalized to 0..1; may be empty
 * @param eventStart when the condition began
 * @param eventEnd when it ended: required on CLOSED, may be set earlier once known, else {@code null}
 * @param detectedAt when Vigil detected what this message reports (the analysed frame's wall clock
 *     for analytics, the moment the health watch or the camera's event noticed it otherwise)
 * @param publishedAt when Vigil committed this message to its outbox; a redelivery carries the same
 * @param snapshot the best frame as JPEG in the snapshots bucket, or {@code null}
 * @param clip the event clip once uploaded, or {@code null}
 * @param node the Vigil node that raised it
 */
public record Alert(
        UUID alertId,
        AlertLifecycle lifecycle,
        AlertSeverity severity,
        AlertSite site,
        AlertCamera camera,
        GeoPoint location,
        AlertRule rule,
        String objectClass,
        int objectCount,
        Double confidence,
        List<NormalizedBox> boxes,
        Instant eventStart,
        Instant eventEnd,
        Instant detectedAt,
        Instant publishedAt,
        ObjectLink snapshot,
        ObjectLink clip,
        String node) {

    /**
     * The schema version this build writes: the major number is the topic's ({@code .v1}), the
     * minor grows with additive changes.
     */
    public static final String SCHEMA_VERSION = "1.0";
    /** The most boxes a message carries; more are cut (the count stays right). */
    public static final int MAX_BOXES = 256;
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(node, "node");
        if (objectCount < 0) {
            throw VigilException.invalid("objectCount must be >= 0, was " + objectCount);
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw VigilException.invalid("confidence must be 0 to 1, was " + confidence);
        }
        if (objectClass != null && (objectClass.isEmpty() || objectClass.length() > 64)) {
            throw VigilException.invalid("objectClass must be 1-64 characters, was '" + objectClass + "'");
        }
        if (!NODE.matcher(node).matches()) {
            throw VigilException.invalid("node must be 1-64 characters of [A-Za-z0-9_.-], was '" + node + "'");
        }
        eventStart = millis(Objects.requireNonNull(eventStart, "eventStart"));
        eventEnd = millis(eventEnd);
        detectedAt = millis(Objects.requireNonNull(detectedAt, "detectedAt"));
        publishedAt = millis(Objects.requireNonNull(publishedAt, "publishedAt"));
        if (lifecycle == AlertLifecycle.CLOSED && eventEnd == null) {
            throw VigilException.invalid("alert " + alertId + ": CLOSED needs eventEnd");
        }
        if (eventEnd != null && eventEnd.isBefore(eventStart)) {
            throw VigilException.invalid("alert " + alertId + ": eventEnd " + eventEnd + " is before eventStart "
                    + eventStart);
        }
        boxes = List.copyOf(boxes.size() > MAX_BOXES ? boxes.subList(0, MAX_BOXES) : boxes);
    }

    /** This alert as the next message: {@code lifecycle}, detected and committed at the given times. */
    public Alert next(AlertLifecycle nextLifecycle, Instant nextDetectedAt, Instant nextPublishedAt) {
        return new Alert(alertId, nextLifecycle, severity, site, camera, location, rule, objectClass, objectCount,
                confidence, boxes, eventStart, eventEnd, nextDetectedAt, nextPublishedAt, snapshot, clip, node);
    }

    /** This alert with new observations (count, confidence, boxes). */
    public Alert withObservation(int count, Double bestConfidence, List<NormalizedBox> latestBoxes) {
        return new Alert(alertId, lifecycle, severity, site, camera, location, rule, objectClass, count,
                bestConfidence, latestBoxes, eventStart, eventEnd, detectedAt, publishedAt, snapshot, clip, node);
    }

    /** This alert with its end known. */
    public Alert withEventEnd(Instant end) {
        return new Alert(alertId, lifecycle, severity, site, camera, location, rule, objectClass, objectCount,
                confidence, boxes, eventStart, end, detectedAt, publishedAt, snapshot, clip, node);
    }

    /** This alert with a snapshot. */
    public Alert withSnapshot(ObjectLink link) {
        return new Alert(alertId, lifecycle, severity, site, camera, location, rule, objectClass, objectCount,
                confidence, boxes, eventStart, eventEnd, detectedAt, publishedAt, link, clip, node);
    }

    /** This alert with its clip. */
    public Alert withClip(ObjectLink link) {
        return new Alert(alertId, lifecycle, severity, site, camera, location, rule, objectClass, objectCount,
                confidence, boxes, eventStart, eventEnd, detectedAt, publishedAt, snapshot, link, node);
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
