package dev.vigil.app.alerts;

import dev.vigil.core.alert.OfflineDetector;
import dev.vigil.core.model.CameraId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every camera's last picture once a second and reports the changes of the offline rule
 * ({@link OfflineDetector}) to the alerts. Thread: one, {@code vigil-alert-health}.
 */
final class CameraHealthWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraHealthWatch.class);

    private final Supplier<Map<CameraId, Instant>> lastPictures;
    private final OfflineDetector detector;
    private final Consumer<OfflineDetector.Transition> changes;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /**
     * @param lastPictures every watched camera's last picture time ({@code null} value: none yet)
     * @param offline cameras known offline at start (alerts the previous run left open)
     */
    CameraHealthWatch(Supplier<Map<CameraId, Instant>> lastPictures, Duration offlineAfter,
            List<OfflineDetector.Transition> offline, Consumer<OfflineDetector.Transition> changes, Clock clock) {
        this.lastPictures = lastPictures;
        this.detector = new OfflineDetector(offlineAfter, clock.instant());
        offline.forEach(t -> detector.markOffline(t.camera(), t.at()));
        this.changes = changes;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-alert-health");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    /** One look at every camera (the timer calls it; tests may too). */
    void look() {
        try {
            Instant now = clock.instant();
            Map<CameraId, Instant> pictures = new HashMap<>(lastPictures.get());
            for (Map.Entry<CameraId, Instant> e : pictures.entrySet()) {
                OfflineDetector.Transition t = detector.observe(e.getKey(), e.getValue(), now);
                if (t != null) {
                    log.info("camera {} {}", t.camera(), t.online() ? "is back online (picture at " + t.at() + ")"
                            : "is offline: no picture since " + t.at());
                    changes.accept(t);
                }
            }
        } catch (RuntimeException e) {
            log.error("camera health watch failed; next look in 1 s", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
