package dev.vigil.core.alert;

import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns what Vigil sees into alerts. Pure.
 *
 * <p>Analytics: an event's START opens an alert, its UPDATEs update it, its END closes it; the rule
 * is {@code {id: the rule's id, type: the event type in lower snake case}}. Camera health: a camera
 * without pictures for {@code alerts.offlineAfterSeconds} opens {@code {camera-health,
 * camera_offline}}, pictures again close it. Camera events (ONVIF): an active event opens
 * {@code {onvif, camera_motion}} or {@code {onvif, camera_tamper}}, its end closes it. System
 * alarms open and close {@code {system, <alarm type>}} at once.
 *
 * <p>Severity ({@link #severity}): tamper and a camera going offline are critical; intrusion,
 * loitering and crowding are critical on quarantine cameras and warnings elsewhere; wrong way and a
 * stopped object are warnings; a line crossing and camera motion are information.
 */
public final class AlertMapping {
    /** Rule id of camera health alerts. */
    public static final String HEALTH_RULE = "camera-health";
    /** Rule id of the cameras' own (ONVIF) events. */
    public static final String CAMERA_EVENT_RULE = "onvif";
    /** Rule id of system alarms. */
    public static final String SYSTEM_RULE = "system";

    private AlertMapping() {}

    /** The severity of an analytics event type on a camera of {@code kind}. */
    public static AlertSeverity severity(AnalyticsEventType type, CameraKind kind) {
        return switch (type) {
            case CAMERA_TAMPER -> AlertSeverity.CRITICAL;
            case ZONE_INTRUSION, LOITERING, CROWDING ->
                    kind == CameraKind.QUARANTINE ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
            case WRONG_WAY, STOPPED_OBJECT -> AlertSeverity.WARNING;
            case LINE_CROSSING -> AlertSeverity.INFO;
        };
    }

    /** The wire type of an analytics event type, e.g. {@code zone_intrusion}. */
    public static String typeName(AnalyticsEventType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The OPENED alert of an analytics event's START (or of an END that arrives without one).
     *
     * @param id the new alert's id
     * @param publishedAt the commit time
     */
    public static Alert opened(AnalyticsEvent e, CameraProfile p, String node, UUID id, Instant publishedAt) {
        String ruleId = e.rule().isBlank() ? typeName(e.type()) : e.rule().length() > 64 ? e.rule().substring(0, 64)
                : e.rule();
        Instant detectedAt = e.end() != null ? e.end() : e.start();
        return new Alert(id, AlertLifecycle.OPENED, severity(e.type(), p.camera().kind()), p.site(), p.camera(),
                p.location(), new AlertRule(ruleId, typeName(e.type())), objectClass(e.objectClass()), count(e),
                e.confidence(), e.boxes(), e.start(), null, detectedAt, publishedAt, null, null, node);
    }

    /** {@code current} with what a later step of its event observed: count, best confidence, latest boxes. */
    public static Alert observed(Alert current, AnalyticsEvent e) {
        double best = current.confidence() == null ? e.confidence() : Math.max(current.confidence(), e.confidence());
        List<dev.vigil.core.model.NormalizedBox> boxes = e.boxes().isEmpty() && e.end() != null ? current.boxes()
                : e.boxes();
        return current.withObservation(count(e), best, boxes);
    }

    /**
     * The number of objects an event concerns: the {@code count} attribute where the rule gives one
     * (crowding), else the boxes, else one tracked object, else none.
     */
    public static int count(AnalyticsEvent e) {
        String count = e.attributes().get("count");
        if (count != null) {
            try {
                return Math.max(0, Integer.parseInt(count.strip()));
            } catch (NumberFormatException ignored) {
                // fall through to the boxes
            }
        }
        if (!e.boxes().isEmpty()) {
            return e.boxes().size();
        }
        return e.trackId() == AnalyticsEvent.NO_TRACK ? 0 : 1;
    }

    /**
     * The OPENED alert of a camera that delivers no pictures.
     *
     * @param silentSince the last picture's time, or when watching began if none came
     * @param detectedAt when the health watch noticed
     */
    public static Alert offline(CameraProfile p, String node, UUID id, Instant silentSince, Instant detectedAt,
            Instant publishedAt) {
        return new Alert(id, AlertLifecycle.OPENED, AlertSeverity.CRITICAL, p.site(), p.camera(), p.location(),
                new AlertRule(HEALTH_RULE, "camera_offline"), null, 0, null, List.of(), silentSince, null, detectedAt,
                publishedAt, null, null, node);
    }

    /**
     * The OPENED alert of a camera's own event that became active.
     *
     * @param receivedAt when Vigil received it
     */
    public static Alert cameraEvent(CameraEvent e, CameraProfile p, String node, UUID id, Instant receivedAt,
            Instant publishedAt) {
        boolean tamper = e.kind() == CameraEventKind.TAMPER;
        return new Alert(id, AlertLifecycle.OPENED, tamper ? AlertSeverity.CRITICAL : AlertSeverity.INFO, p.site(),
                p.camera(), p.location(), new AlertRule(CAMERA_EVENT_RULE, tamper ? "camera_tamper" : "camera_motion"),
                tamper ? "scene" : null, 0, null, List.of(), e.time(), null, receivedAt, publishedAt, null, null, node);
    }

    /**
     * The OPENED alert of a system alarm about a camera.
     *
     * @param type the alarm type in lower snake case, e.g. {@code spool_evicting}
     */
    public static Alert systemAlarm(String type, AlertSeverity severity, CameraProfile p, String node, UUID id,
            Instant at) {
        return new Alert(id, AlertLifecycle.OPENED, severity, p.site(), p.camera(), p.location(),
                new AlertRule(SYSTEM_RULE, type), null, 0, null, List.of(), at, null, at, at, null, null, node);
    }

    private static String objectClass(String c) {
        return c.isBlank() ? null : c.length() > 64 ? c.substring(0, 64) : c;
    }
}
