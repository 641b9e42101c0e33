package dev.vigil.analytics.rules;

import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import java.util.Map;

/**
 * What one rule finds true on one frame about one subject (a track, a tamper cause, the zone).
 * The {@link EventLifecycle} turns the conditions of successive frames into event steps.
 *
 * @param subject what the condition is about, unique within the rule: {@code track:7}, {@code cause:COVERED}, {@code zone}
 * @param type the event type it raises
 * @param trackId the track, or {@code AnalyticsEvent.NO_TRACK}
 * @param objectClass the object's class ({@code scene} for tamper)
 * @param confidence the detector's confidence now (1 for tamper and crowding of confirmed tracks)
 * @param boxes the boxes involved now
 * @param attributes event details (direction, count, cause, dwellSeconds)
 * @param revision a value whose change is worth an UPDATE (crowding: the count); empty otherwise
 * @param instant true for a one-frame event (a crossing): START and END at once
 */
record Condition(String subject, AnalyticsEventType type, long trackId, String objectClass, double confidence,
        List<NormalizedBox> boxes, Map<String, String> attributes, String revision, boolean instant) {
    Condition {
        boxes = List.copyOf(boxes);
        attributes = Map.copyOf(attributes);
    }
}
