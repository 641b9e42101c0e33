package dev.vigil.app.alerts;

import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.alert.AlertSource;
import dev.vigil.core.alert.CameraProfile;
import dev.vigil.core.alert.OfflineDetector;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AnalyticsEventSink;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.catalog.AlertRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts are raised: the analytics events' sink, the cameras' event listener, and the entry
 * of camera health changes and system alarms. Each input is routed by camera to one of a few
 * {@link AlertLane}s, so one camera's alerts are committed in order while cameras proceed in
 * parallel.
 *
 * <p>Contract of the callbacks ({@link #accept}, {@link #onEvent}, {@link #health}, {@link #alarm}):
 * fast, never block, never throw, any thread. An input that finds its lane's queue full is dropped
 * and counted ({@code vigil_alert_events_dropped_total{reason="queue_full"}}), logged once a minute.
 *
 * <p>{@link #recover} hands the alerts the previous run left unclosed to their lanes: analytics,
 * camera and system alerts are closed (their event ended with that run), after their clip when one
 * was recorded; camera-offline alerts stay open until the health watch sees pictures again.
 */
public final class AlertRaiser implements AnalyticsEventSink, CameraEventListener {
    private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

    private final List<AlertLane> lanes;
    private final Map<CameraId, CameraProfile> profiles;
    private final AlertRepository repository;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final String node;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private volatile long lastDropLog;

    /** @param profiles the cameras alerts are raised for, shared with the lanes (which read it) and changed here */
    AlertRaiser(List<AlertLane> lanes, ConcurrentHashMap<CameraId, CameraProfile> profiles, AlertRepository repository,
            AlertMetrics metrics, Clock clock, String node) {
        this.lanes = List.copyOf(lanes);
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.metrics = metrics;
        this.clock = clock;
        this.node = node;
    }

    /** The camera whose alerts {@code camera}'s inputs go to. */
    private AlertLane lane(CameraId camera) {
        return lanes.get(Math.floorMod(camera.value().hashCode(), lanes.size()));
    }

    private void offer(CameraId camera, LaneTask task) {
        // An analytics step of a camera just removed may still end its open alert: the lane decides.
        if (!(task instanceof LaneTask.Analytics) && !profiles.containsKey(camera)) {
            metrics.dropped("unknown_camera");
            return;
        }
        if (!lane(camera).offer(task)) {
            metrics.dropped("queue_full");
            long dropped = droppedSinceLog.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropLog > 60_000_000_000L) {
                lastDropLog = now;
                log.error("alerts: queue full, {} events dropped (latest of camera {}): the catalog is too slow or"
                        + " away", droppedSinceLog.getAndSet(0), camera);
            } else if (dropped == 1) {
                lastDropLog = now;
            }
        }
    }

    /** An analytics event step (the node's analytics sink). */
    @Override
    public void accept(AnalyticsEvent event) {
        offer(event.camera(), new LaneTask.Analytics(event, System.nanoTime()));
    }

    /** A camera's own motion or tamper event (ONVIF). */
    @Override
    public void onEvent(CameraEvent event) {
        offer(event.camera(), new LaneTask.CameraSignal(event, clock.instant()));
    }

    @Override
    public void onUnknownTopic(CameraId camera, String topic) {
        // Counted by the ONVIF metrics; not an alert.
    }

    /** A camera went offline or came back. */
    public void health(OfflineDetector.Transition transition) {
        if (profiles.containsKey(transition.camera())) {
            lane(transition.camera()).followUp(new LaneTask.Health(transition, clock.instant()));
        }
    }

    /**
     * A system alarm about a camera: an alert {@code {system, type}} opened and closed at once.
     *
     * @return false when the camera is not one of this node's (the alarm is only logged then)
     */
    public boolean alarm(String type, AlertSeverity severity, CameraId camera) {
        if (!profiles.containsKey(camera)) {
            return false;
        }
        lane(camera).followUp(new LaneTask.Alarm(type, severity, camera, clock.instant()));
        return true;
    }

    /**
     * Picks up the alerts this node left unclosed (see the class comment).
     *
     * @return the cameras with an open camera-offline alert, and since when
     */
    List<OfflineDetector.Transition> recover() {
        List<OfflineDetector.Transition> offline = new ArrayList<>();
        List<AlertRow> rows = repository.findUnclosed(node);
        for (AlertRow row : rows) {
            CameraId camera = row.entry().alert().camera().id();
            lane(camera).followUp(new LaneTask.Recovered(row));
            if (row.entry().source() == AlertSource.HEALTH) {
                offline.add(new OfflineDetector.Transition(camera, false, row.entry().alert().eventStart()));
            }
        }
        if (!rows.isEmpty()) {
            log.info("alerts: {} alerts left unclosed by the previous run ({} cameras offline)", rows.size(),
                    offline.size());
        }
        return offline;
    }

    /**
     * Raises alerts for a camera added or changed while the node runs (its name, kind, site and
     * place in the messages from now on), or, with {@code camera == null}, stops: its later inputs
     * are dropped and counted as {@code unknown_camera}; its open offline and camera-event alerts
     * close now, its analytics alerts with the events its analyser ended as it stopped.
     */
    public void camera(CameraId id, CameraProfile camera) {
        if (camera == null) {
            if (profiles.remove(id) != null) {
                lane(id).followUp(new LaneTask.Removed(id, clock.instant()));
            }
        } else {
            profiles.put(id, camera);
        }
    }

    /** The cameras alerts are raised for. */
    public java.util.Set<CameraId> cameras() {
        return java.util.Collections.unmodifiableSet(profiles.keySet());
    }

    /** Alerts not yet closed, all lanes together (read from the lanes' threads without locking: approximate). */
    int openCount() {
        return lanes.stream().mapToInt(AlertLane::openCount).sum();
    }

    /** Stops the lanes: each commits what it has queued, waiting at most {@code grace}. */
    void close(Duration grace) {
        Instant deadline = clock.instant().plus(grace);
        for (AlertLane lane : lanes) {
            Duration left = Duration.between(clock.instant(), deadline);
            lane.close(left.isNegative() ? Duration.ofMillis(1) : left);
        }
    }
}
