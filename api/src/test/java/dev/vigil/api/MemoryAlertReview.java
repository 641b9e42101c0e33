package dev.vigil.api;

import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.AlertMedia;
import dev.vigil.core.port.AlertReview;
import dev.vigil.core.review.ActionResult;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertCursor;
import dev.vigil.core.review.AlertDetail;
import dev.vigil.core.review.AlertPage;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.core.review.AlertState;
import dev.vigil.core.review.AlertSummary;
import dev.vigil.core.review.FeedPosition;
import dev.vigil.core.review.RecordedAlertAction;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Alerts in memory for the api module's tests: the same order, paging and state rules as the catalog's. */
public final class MemoryAlertReview implements AlertReview, AlertMedia {
    private static final Comparator<AlertSummary> NEWEST_FIRST = Comparator.comparing(AlertSummary::eventStart)
            .thenComparing(AlertSummary::alertId).reversed();
    private final Map<UUID, AlertSummary> alerts = new ConcurrentHashMap<>();
    private final Map<UUID, List<RecordedAlertAction>> actions = new ConcurrentHashMap<>();
    private final List<AlertChange> changes = new ArrayList<>();
    /** The snapshot served for every alert that has one. */
    public final byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 4, 5, 6, 7, (byte) 0xff, (byte) 0xd9};

    /** Adds an open alert at {@code site}/{@code camera} starting at {@code start}; returns its id. */
    public synchronized UUID add(String site, String camera, String kind, AlertSeverity severity, Instant start) {
        UUID id = UUID.randomUUID();
        AlertSummary a = new AlertSummary(id, AlertLifecycle.OPENED, severity, SiteId.of(site), CameraId.of(camera),
                kind, kind + "-rule", start, null, AlertState.OPEN, null, null, true, false);
        alerts.put(id, a);
        actions.put(id, new ArrayList<>());
        changes.add(new AlertChange(AlertChange.Kind.MESSAGE, changes.size() + 1, a, null));
        return id;
    }

    /** The operators' alert routes over these alerts, the stream polling every 100 ms, at most 2 streams. */
    public List<dev.vigil.api.http.RouteGroup> routes(dev.vigil.core.port.AuditLog audit) {
        dev.vigil.api.routes.AlertFeed feed = new dev.vigil.api.routes.AlertFeed(this, 2,
                java.time.Duration.ofMillis(100));
        return List.of(new dev.vigil.api.routes.AlertRoutes(this, this, audit),
                new dev.vigil.api.routes.AlertStreamRoutes(this, feed));
    }

    @Override
    public synchronized AlertPage list(AlertQuery q) {
        List<AlertSummary> all = alerts.values().stream().filter(a -> q.scope().permits(a.site()))
                .filter(q.filter()::matches).filter(a -> q.after() == null
                        || NEWEST_FIRST.compare(a, cursorRow(q.after())) > 0)
                .sorted(NEWEST_FIRST).toList();
        if (all.size() <= q.limit()) {
            return new AlertPage(all, null);
        }
        List<AlertSummary> page = all.subList(0, q.limit());
        return new AlertPage(page, AlertCursor.after(page.get(page.size() - 1)));
    }

    private static AlertSummary cursorRow(AlertCursor c) {
        return new AlertSummary(c.alertId(), AlertLifecycle.OPENED, AlertSeverity.INFO, SiteId.of("x"),
                CameraId.of("x"), "k", "r", c.eventStart(), null, AlertState.OPEN, null, null, false, false);
    }

    @Override
    public synchronized Optional<AlertDetail> find(UUID id) {
        AlertSummary a = alerts.get(id);
        return a == null ? Optional.empty() : Optional.of(new AlertDetail(a, "{\"alertId\":\"" + id + "\"}", null,
                actions.get(id), "snapshots/" + id + ".jpg", null));
    }

    @Override
    public synchronized ActionResult act(UUID id, AlertAction action, String by, String note, String origin,
            Instant at) {
        AlertSummary a = alerts.get(id);
        if (a == null) {
            return new ActionResult(ActionResult.Outcome.UNKNOWN_ALERT, null, null);
        }
        if (!a.state().allows(action)) {
            return new ActionResult(ActionResult.Outcome.CONFLICT, a.state(), "cannot " + action.wireName()
                    + " an alert that is " + a.state().label());
        }
        AlertSummary next = new AlertSummary(id, a.lifecycle(), a.severity(), a.site(), a.camera(), a.kind(), a.rule(),
                a.eventStart(), a.eventEnd(), AlertState.after(action), by, at, a.hasSnapshot(), a.hasClip());
        alerts.put(id, next);
        RecordedAlertAction recorded = new RecordedAlertAction(action.wireName(), by, note, at, origin);
        actions.get(id).add(recorded);
        changes.add(new AlertChange(AlertChange.Kind.ACTION, changes.size() + 1, next, recorded));
        return new ActionResult(ActionResult.Outcome.APPLIED, next.state(), null);
    }

    @Override
    public synchronized FeedPosition head() {
        return new FeedPosition(changes.size(), changes.size());
    }

    @Override
    public synchronized List<AlertChange> changesAfter(FeedPosition after, int limit) {
        return changes.stream().filter(c -> c.rowId() > (c.kind() == AlertChange.Kind.MESSAGE ? after.message()
                : after.action())).limit(limit).toList();
    }

    @Override
    public Optional<StoredObject> snapshot(String key) {
        return Optional.of(new StoredObject() {
            @Override
            public long size() {
                return jpeg.length;
            }

            @Override
            public String contentType() {
                return "image/jpeg";
            }

            @Override
            public String etag() {
                return "e1";
            }

            @Override
            public Instant lastModified() {
                return null;
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(jpeg, (int) offset, (int) length);
            }
        });
    }

    @Override
    public Optional<StoredObject> clip(String key) {
        return Optional.empty();
    }
}
