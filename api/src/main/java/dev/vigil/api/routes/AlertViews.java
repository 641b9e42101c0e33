package dev.vigil.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertDetail;
import dev.vigil.core.review.AlertSummary;
import dev.vigil.core.review.RecordedAlertAction;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the alert routes (documented in openapi.json as AlertSummary, AlertDetail...). */
final class AlertViews {
    private AlertViews() {}

    static String url(java.util.UUID id) {
        return "/api/v1/alerts/" + id;
    }

    /** One alert of a listing or a stream event. */
    record Summary(String id, String lifecycle, String severity, String site, String camera, String kind, String rule,
            Instant eventStart, Instant eventEnd, String state, String stateBy, Instant stateAt, String snapshot,
            String clip, String url) {
        static Summary of(AlertSummary a) {
            String base = AlertViews.url(a.alertId());
            return new Summary(a.alertId().toString(), a.lifecycle().name(), a.severity().wireName(), a.site().value(),
                    a.camera().value(), a.kind(), a.rule(), a.eventStart(), a.eventEnd(), a.state().label(),
                    a.stateBy(), a.stateAt(), a.hasSnapshot() ? base + "/snapshot" : null,
                    a.hasClip() ? base + "/clip" : null, base);
        }
    }

    record Page(List<Summary> items, String nextCursor) {}

    record Action(String action, String by, String note, Instant at, String origin) {
        static Action of(RecordedAlertAction a) {
            return new Action(a.action(), a.by(), a.note(), a.at(), a.origin());
        }
    }

    record State(String state, String by, String note, Instant at) {}

    /** One alert in full: the stored message as sent to the IOC, the operators' state and actions, links. */
    record Detail(String id, JsonNode alert, State state, List<Action> actions, String snapshot, String clip,
            Summary summary) {
        static Detail of(AlertDetail d, JsonNode message) {
            AlertSummary s = d.summary();
            Summary summary = Summary.of(s);
            return new Detail(s.alertId().toString(), message, new State(s.state().label(), s.stateBy(), d.stateNote(),
                    s.stateAt()), d.actions().stream().map(Action::of).toList(), summary.snapshot(), summary.clip(),
                    summary);
        }
    }

    /** The answer to an action. */
    record Acted(String id, String action, String state, String by, Instant at, String url) {}

    /** A stream event's data: the alert, and for an action the action. */
    record Change(String type, Summary alert, Action action) {
        static Change of(AlertChange c) {
            return new Change(c.kind() == AlertChange.Kind.MESSAGE ? "alert" : "action", Summary.of(c.alert()),
                    c.action() == null ? null : Action.of(c.action()));
        }
    }
}
