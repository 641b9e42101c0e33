package dev.vigil.app.alerts;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertMapping;
import dev.vigil.core.alert.AlertSource;
import dev.vigil.core.alert.CameraProfile;
import dev.vigil.core.alert.ObjectLink;
import dev.vigil.core.alert.TimeOrderedUuid;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.AlertEntry;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.catalog.ClipState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The alerts of some cameras, on one thread: turns their events into alert messages committed
 * with the alert (one transaction each) in the order the events came, so the outbox holds each
 * camera's messages in order. It owns the open alerts of its cameras (nothing else touches them).
 *
 * <p>An analytics event's START opens an alert at once (its snapshot goes to the object store on
 * other threads and is announced by an UPDATED once stored; the clip is asked for), UPDATEs update
 * it at most every {@code minUpdate} (later changes ride on the next message), its END closes it,
 * unless the snapshot or the clip is still coming: then CLOSED waits until they are announced, at
 * most {@value #SNAPSHOT_WAIT_SECONDS} s for the snapshot and {@code clipWait} for the clip. A commit that fails because the catalog is away is retried with
 * backoff, holding the lane (events queue behind it); any other failure drops that message, counted.
 *
 * <p>Inputs: a bounded queue for events (full: dropped, counted) and an unbounded one for the
 * lane's own follow-ups (clip results, health changes, recovery).
 */
final class AlertLane {
    private static final Logger log = LoggerFactory.getLogger(AlertLane.class);
    private static final long TICK_MS = 250;
    static final int SNAPSHOT_WAIT_SECONDS = 10;

    /** Fixed settings of every lane. */
    record Settings(String node, Duration minUpdate, Duration clipLength, Duration clipWait) { }

    private final Settings settings;
    private final Function<CameraId, CameraProfile> profiles;
    private final AlertCommitter commits;
    private final SnapshotStore snapshots;
    private final ClipSource clips;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final BlockingQueue<LaneTask> events;
    private final ConcurrentLinkedQueue<LaneTask> followUps = new ConcurrentLinkedQueue<>();
    private final Map<UUID, OpenAlert> open = new HashMap<>();
    private final Map<String, UUID> byEvent = new HashMap<>();
    private final Map<CameraId, UUID> offline = new HashMap<>();
    private final Map<String, UUID> bySignal = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextTick;
    private Instant nextClipCheck = Instant.EPOCH;

    AlertLane(int index, int capacity, Settings settings, Function<CameraId, CameraProfile> profiles,
            AlertRepository repository, SnapshotStore snapshots, ClipSource clips, AlertPublisher publisher,
            AlertMetrics metrics, Clock clock) {
        this.settings = settings;
        this.profiles = profiles;
        this.commits = new AlertCommitter(repository, publisher, metrics, clock);
        this.snapshots = snapshots;
        this.clips = clips;
        this.metrics = metrics;
        this.clock = clock;
        this.events = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "vigil-alerts-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues an event; false when the lane's queue is full. Never blocks. */
    boolean offer(LaneTask task) {
        return events.offer(task);
    }

    /** Queues a follow-up of the lane's own (never refused). */
    void followUp(LaneTask task) {
        followUps.add(task);
    }

    private void run() {
        while (running || !events.isEmpty()) {
            try {
                LaneTask task = followUps.poll();
                if (task == null) {
                    task = events.poll(TICK_MS, TimeUnit.MILLISECONDS);
                }
                if (task != null) {
                    handle(task);
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MS);
                    tick();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("alerts: a task failed; going on with the next", e);
                metrics.dropped("failed");
            }
        }
    }

    private void handle(LaneTask task) {
        if (task instanceof LaneTask.Analytics a) {
            analytics(a.event(), a.acceptedNanos());
        } else if (task instanceof LaneTask.Health h) {
            health(h);
        } else if (task instanceof LaneTask.CameraSignal s) {
            cameraSignal(s.event(), s.receivedAt());
        } else if (task instanceof LaneTask.Alarm a) {
            alarm(a);
        } else if (task instanceof LaneTask.ClipRecorded c) {
            clipRecorded(c);
        } else if (task instanceof LaneTask.SnapshotStored s) {
            snapshotStored(s);
        } else if (task instanceof LaneTask.Recovered r) {
            recovered(r);
        } else if (task instanceof LaneTask.Removed r) {
            removed(r);
        }
    }

    private void analytics(AnalyticsEvent e, long acceptedNanos) {
        MDC.put("camera", e.camera().value());
        try {
            UUID id = byEvent.get(e.id().toString());
            OpenAlert o = id == null ? null : open.get(id);
            if (o == null) {
                // Only opening needs the camera's profile: an open alert ends even when its camera was just
                // removed (its analyser ends its events as it stops).
                CameraProfile p = profiles.apply(e.camera());
                if (p == null) {
                    metrics.dropped("unknown_camera");
                    return;
                }
                o = openAnalytics(e, p, acceptedNanos); // a START, or a later step whose START was lost (queue full, restart)
                if (o == null || e.phase() == dev.vigil.core.model.AnalyticsEventPhase.START) {
                    return;
                }
            }
            Alert observed = AlertMapping.observed(o.entry.alert(), e);
            switch (e.phase()) {
                case START, UPDATE -> {
                    o.entry = o.entry.withAlert(observed);
                    o.lastDetected = clock.instant();
                    o.dirty = true;
                    flushIfDue(o);
                }
                case END -> {
                    Alert ended = observed.withEventEnd(e.end());
                    if (e.hasSnapshot()) {
                        storeSnapshot(o, ended, e.snapshotJpeg()); // the best frame of the whole event
                    }
                    o.entry = o.entry.withAlert(ended);
                    o.lastDetected = e.end();
                    endOrWait(o);
                }
            }
        } finally {
            MDC.remove("camera");
        }
    }

    private OpenAlert openAnalytics(AnalyticsEvent e, CameraProfile p, long acceptedNanos) {
        Instant now = clock.instant();
        Alert a = AlertMapping.opened(e, p, settings.node(), TimeOrderedUuid.at(e.start()), now);
        ClipState clip = ClipState.NONE;
        Instant waitUntil = null;
        if (!settings.clipLength().isZero()) {
            UUID id = a.alertId();
            CompletableFuture<String> future = clips.request(e.camera(), e.start(), settings.clipLength(),
                    AlertMapping.typeName(e.type()) + " rule " + a.rule().id() + " alert " + id);
            if (!future.isCompletedExceptionally()) { // else the camera is not recorded: no clip to expect
                clip = ClipState.REQUESTED;
                waitUntil = e.start().plus(settings.clipLength()).plus(settings.clipWait());
                future.whenComplete((key, failure) -> followUp(new LaneTask.ClipRecorded(id, key, failure)));
            }
        }
        OpenAlert o = new OpenAlert(new AlertEntry(a, AlertSource.ANALYTICS, e.id().toString(), clip, null, waitUntil));
        if (!publish(o, AlertLifecycle.OPENED, a.detectedAt())) {
            return null;
        }
        open.put(a.alertId(), o);
        byEvent.put(e.id().toString(), a.alertId());
        metrics.opened(AlertSource.ANALYTICS.dbName(), a.rule().type());
        metrics.raised((System.nanoTime() - acceptedNanos) / 1e9);
        if (e.hasSnapshot()) {
            storeSnapshot(o, a, e.snapshotJpeg());
        }
        return o;
    }

    private void storeSnapshot(OpenAlert o, Alert a, byte[] jpeg) {
        UUID id = a.alertId();
        o.snapshotsPending++;
        o.snapshotWaitUntil = clock.instant().plusSeconds(SNAPSHOT_WAIT_SECONDS);
        snapshots.storeLater(a, jpeg, link -> followUp(new LaneTask.SnapshotStored(id, link)));
    }

    private void snapshotStored(LaneTask.SnapshotStored s) {
        metrics.snapshot(s.link() == null ? "failed" : "stored");
        OpenAlert o = open.get(s.alertId());
        if (o == null) {
            return; // closed without waiting (restart, or the wait ran out)
        }
        o.snapshotsPending = Math.max(0, o.snapshotsPending - 1);
        boolean announce = s.link() != null && o.entry.alert().snapshot() == null;
        if (announce) {
            o.entry = o.entry.withAlert(o.entry.alert().withSnapshot(s.link()));
        }
        if (o.closing && !waiting(o)) {
            close(o); // CLOSED carries it
        } else if (announce) {
            publish(o, AlertLifecycle.UPDATED, clock.instant());
        }
    }

    /** Whether CLOSED waits: for the snapshot or the clip. */
    private static boolean waiting(OpenAlert o) {
        return o.snapshotsPending > 0 || o.entry.clipState().pending();
    }

    private void health(LaneTask.Health h) {
        CameraId camera = h.transition().camera();
        if (!h.transition().online()) {
            CameraProfile p = profiles.apply(camera);
            if (p == null || offline.containsKey(camera)) {
                return;
            }
            Alert a = AlertMapping.offline(p, settings.node(), TimeOrderedUuid.at(h.detectedAt()), h.transition().at(),
                    h.detectedAt(), clock.instant());
            OpenAlert o = new OpenAlert(new AlertEntry(a, AlertSource.HEALTH, null, ClipState.NONE, null, null));
            if (publish(o, AlertLifecycle.OPENED, h.detectedAt())) {
                open.put(a.alertId(), o);
                offline.put(camera, a.alertId());
                metrics.opened(AlertSource.HEALTH.dbName(), a.rule().type());
            }
            return;
        }
        UUID id = offline.remove(camera);
        OpenAlert o = id == null ? null : open.get(id);
        if (o != null) {
            Alert a = o.entry.alert();
            o.entry = o.entry.withAlert(a.withEventEnd(max(h.transition().at(), a.eventStart())));
            o.lastDetected = h.detectedAt();
            close(o);
        }
    }

    private void cameraSignal(CameraEvent e, Instant receivedAt) {
        String key = e.camera().value() + "/" + e.kind();
        UUID id = bySignal.get(key);
        if (e.active()) {
            CameraProfile p = profiles.apply(e.camera());
            if (id != null || p == null) {
                return; // already open (cameras repeat their state), or not ours
            }
            Alert a = AlertMapping.cameraEvent(e, p, settings.node(), TimeOrderedUuid.at(receivedAt), receivedAt,
                    clock.instant());
            OpenAlert o = new OpenAlert(new AlertEntry(a, AlertSource.CAMERA, null, ClipState.NONE, null, null));
            if (publish(o, AlertLifecycle.OPENED, receivedAt)) {
                open.put(a.alertId(), o);
                bySignal.put(key, a.alertId());
                metrics.opened(AlertSource.CAMERA.dbName(), a.rule().type());
            }
        } else if (id != null) {
            bySignal.remove(key);
            OpenAlert o = open.get(id);
            if (o != null) {
                Alert a = o.entry.alert();
                o.entry = o.entry.withAlert(a.withEventEnd(max(e.time(), a.eventStart())));
                o.lastDetected = receivedAt;
                close(o);
            }
        }
    }

    /**
     * Closes what only the camera itself would end: its offline alert (no pictures will come back)
     * and its camera-event alerts. Its analytics alerts end with the events its analyser ended.
     */
    private void removed(LaneTask.Removed r) {
        List<UUID> ids = new ArrayList<>();
        UUID offlineId = offline.remove(r.camera());
        if (offlineId != null) {
            ids.add(offlineId);
        }
        String prefix = r.camera().value() + "/";
        for (var it = bySignal.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, UUID> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                ids.add(e.getValue());
                it.remove();
            }
        }
        for (UUID id : ids) {
            OpenAlert o = open.get(id);
            if (o != null) {
                Alert a = o.entry.alert();
                o.entry = o.entry.withAlert(a.withEventEnd(max(r.at(), a.eventStart())));
                o.lastDetected = r.at();
                close(o);
            }
        }
    }

    private void alarm(LaneTask.Alarm alarm) {
        CameraProfile p = profiles.apply(alarm.camera());
        if (p == null) {
            metrics.dropped("unknown_camera");
            return;
        }
        Alert a = AlertMapping.systemAlarm(alarm.type(), alarm.severity(), p, settings.node(),
                TimeOrderedUuid.at(alarm.at()), alarm.at());
        OpenAlert o = new OpenAlert(new AlertEntry(a, AlertSource.SYSTEM, null, ClipState.NONE, null, null));
        if (publish(o, AlertLifecycle.OPENED, alarm.at())) {
            metrics.opened(AlertSource.SYSTEM.dbName(), a.rule().type());
            o.entry = o.entry.withAlert(o.entry.alert().withEventEnd(alarm.at()));
            publish(o, AlertLifecycle.CLOSED, alarm.at());
        }
    }

    private void clipRecorded(LaneTask.ClipRecorded c) {
        OpenAlert o = open.get(c.alertId());
        if (o == null || !o.entry.clipState().pending()) {
            return; // closed meanwhile (the wait ran out)
        }
        if (c.failure() != null) {
            log.info("alert {}: no clip ({})", c.alertId(), c.failure().getMessage());
            metrics.clip("failed");
            o.entry = o.entry.withClip(ClipState.FAILED, null, null);
            if (o.closing && !waiting(o)) {
                close(o);
            } else {
                save(o);
            }
            return;
        }
        o.entry = o.entry.withClip(ClipState.SPOOLED, c.key(), o.entry.clipWaitUntil());
        save(o);
    }

    private void recovered(LaneTask.Recovered r) {
        AlertEntry entry = r.row().entry();
        Alert a = entry.alert();
        OpenAlert o = new OpenAlert(entry);
        open.put(a.alertId(), o);
        if (entry.source() == AlertSource.HEALTH) {
            offline.put(a.camera().id(), a.alertId()); // the health watch says when it is back
            return;
        }
        // The event that raised it ended with the previous run: close it at the last time it was seen.
        if (a.eventEnd() == null) {
            o.entry = entry.withAlert(a.withEventEnd(max(a.detectedAt(), a.eventStart())));
        }
        o.lastDetected = clock.instant();
        metrics.closedAtRestart();
        if (entry.clipState() == ClipState.REQUESTED) {
            o.entry = o.entry.withClip(ClipState.FAILED, null, null); // the recorder's promise died with the run
        }
        endOrWait(o);
    }

    /** Closes an ended alert now, or when its clip is announced or given up. */
    private void endOrWait(OpenAlert o) {
        if (waiting(o)) {
            o.closing = true;
            save(o);
        } else {
            close(o);
        }
    }

    /**
     * Follow-ups on time: clips uploaded (looked up once a second, one query for all the lane's
     * waiting clips) or waited for too long, updates held back by {@code minUpdate}.
     */
    private void tick() {
        Instant now = clock.instant();
        java.util.Set<String> uploaded = java.util.Set.of();
        if (!now.isBefore(nextClipCheck)) {
            nextClipCheck = now.plusSeconds(1);
            List<String> waiting = new ArrayList<>();
            for (OpenAlert o : open.values()) {
                if (o.entry.clipState() == ClipState.SPOOLED && waiting.size() < 1000) {
                    waiting.add(o.entry.clipKey());
                }
            }
            uploaded = waiting.isEmpty() ? java.util.Set.of() : clips.uploaded(waiting);
        }
        for (OpenAlert o : new ArrayList<>(open.values())) {
            AlertEntry e = o.entry;
            if (e.clipState() == ClipState.SPOOLED && uploaded.contains(e.clipKey())) {
                UUID id = e.alert().alertId();
                o.entry = e.withAlert(e.alert().withClip(snapshots.clipLink(id, e.clipKey())))
                        .withClip(ClipState.READY, e.clipKey(), null);
                if (publish(o, AlertLifecycle.UPDATED, now)) {
                    metrics.clip("announced");
                }
                if (o.closing && !waiting(o)) {
                    close(o);
                }
            } else if (e.clipState().pending() && e.clipWaitUntil() != null && now.isAfter(e.clipWaitUntil())) {
                log.info("alert {}: no clip within {} s of the event; going on without it", e.alert().alertId(),
                        settings.clipWait().toSeconds());
                metrics.clip("timed_out");
                o.entry = e.withClip(ClipState.FAILED, null, null);
                if (o.closing && !waiting(o)) {
                    close(o);
                } else {
                    save(o);
                }
            } else if (o.snapshotsPending > 0 && now.isAfter(o.snapshotWaitUntil)) {
                o.snapshotsPending = 0; // the object store is slow or away: go on without it
                if (o.closing && !waiting(o)) {
                    close(o);
                }
            } else if (o.dirty && !o.closing) {
                flushIfDue(o);
            }
        }
    }

    private void flushIfDue(OpenAlert o) {
        if (Duration.between(o.lastPublished, clock.instant()).compareTo(settings.minUpdate()) >= 0) {
            publish(o, AlertLifecycle.UPDATED, o.lastDetected);
        }
    }

    private void close(OpenAlert o) {
        publish(o, AlertLifecycle.CLOSED, o.lastDetected);
        UUID id = o.entry.alert().alertId();
        open.remove(id);
        if (o.entry.sourceRef() != null) {
            byEvent.remove(o.entry.sourceRef());
        }
    }

    private boolean publish(OpenAlert o, AlertLifecycle lifecycle, Instant detectedAt) {
        return commits.publish(o, lifecycle, detectedAt, () -> running);
    }

    private void save(OpenAlert o) {
        commits.save(o);
    }

    private static Instant max(Instant a, Instant b) {
        return AlertCommitter.max(a, b);
    }

    /** Open alerts of this lane (for tests and status). */
    int openCount() {
        return open.size();
    }

    /** Stops taking events, commits what is queued (at most {@code grace}), then stops. */
    void close(Duration grace) {
        running = false;
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("alerts: lane {} did not finish within {}; {} events not committed", thread.getName(), grace,
                    events.size());
            thread.interrupt();
        }
    }
}
