package dev.vigil.ingest.onvif.events;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TNS1;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps ONVIF topics (ONVIF Core, appendix "Topics"; the namespace is resolved, so any prefix works)
 * to Vigil's {@link CameraEventKind}, and a {@link Notification} to a {@link CameraEvent}. Pure.
 *
 * <ul>
 *   <li>MOTION: {@code VideoSource/MotionAlarm} (item {@code State}),
 *       {@code RuleEngine/CellMotionDetector/Motion} ({@code IsMotion}),
 *       {@code RuleEngine/MotionRegionDetector/Motion} ({@code State});
 *   <li>TAMPER: {@code RuleEngine/TamperDetector/Tamper} ({@code IsTamper}),
 *       {@code VideoSource/GlobalSceneChange/*}, {@code VideoSource/ImageTooBlurry/*},
 *       {@code VideoSource/ImageTooDark/*}, {@code VideoSource/ImageTooBright/*} ({@code State}).
 * </ul>
 * Anything else is unknown (counted by the caller).
 */
public final class EventTopics {
    private EventTopics() {}

    private static final Map<String, CameraEventKind> EXACT = Map.of(
            "VideoSource/MotionAlarm", CameraEventKind.MOTION,
            "RuleEngine/CellMotionDetector/Motion", CameraEventKind.MOTION,
            "RuleEngine/MotionRegionDetector/Motion", CameraEventKind.MOTION,
            "RuleEngine/TamperDetector/Tamper", CameraEventKind.TAMPER);
    private static final List<String> TAMPER_PREFIXES = List.of("VideoSource/GlobalSceneChange/",
            "VideoSource/ImageTooBlurry/", "VideoSource/ImageTooDark/", "VideoSource/ImageTooBright/");
    /** Data items that carry the state, most specific first. */
    private static final List<String> STATE_ITEMS = List.of("IsMotion", "IsTamper", "State");

    /** The kind of a topic, empty when Vigil does not map it. */
    public static Optional<CameraEventKind> kind(String topicNamespace, String topic) {
        if (!TNS1.equals(topicNamespace)) {
            return Optional.empty();
        }
        CameraEventKind k = EXACT.get(topic);
        if (k != null) {
            return Optional.of(k);
        }
        return TAMPER_PREFIXES.stream().anyMatch(topic::startsWith) ? Optional.of(CameraEventKind.TAMPER)
                : Optional.empty();
    }

    /**
     * The event a notification stands for, empty when its topic is unknown or it carries no
     * boolean state.
     *
     * @param received when it arrived, used when the camera gave no {@code UtcTime}
     */
    public static Optional<CameraEvent> event(CameraId camera, Notification n, Instant received) {
        Optional<CameraEventKind> kind = kind(n.topicNamespace(), n.topic());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Boolean active = null;
        for (String item : STATE_ITEMS) {
            String v = n.data().get(item);
            if (v != null) {
                active = bool(v);
                break;
            }
        }
        if (active == null && n.data().size() == 1) {
            active = bool(n.data().values().iterator().next());
        }
        if (active == null) {
            return Optional.empty();
        }
        String source = n.source().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return Optional.of(new CameraEvent(camera, kind.get(), active, n.utcTime() != null ? n.utcTime() : received,
                "tns1:" + n.topic(), source));
    }

    private static Boolean bool(String v) {
        String s = v.strip();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
