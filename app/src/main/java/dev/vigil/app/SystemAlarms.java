package dev.vigil.app;

import dev.vigil.app.alerts.AlertRaiser;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.model.CameraId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms about the node itself (not about a scene). Every alarm is logged at ERROR; one about a
 * camera also becomes an alert on {@code vigil.alerts.v1} through the outbox like any other
 * (rule {@code {system, <type>}}, opened and closed at once, durable and in the documented schema),
 * at most one per type and camera a minute. Until {@link #attach} (the alerts start after
 * recording) and for alarms without a camera, the log is all there is.
 */
public final class SystemAlarms {
    private static final Logger log = LoggerFactory.getLogger(SystemAlarms.class);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private volatile AlertRaiser raiser;

    public SystemAlarms(Clock clock) {
        this.clock = clock;
    }

    /** From now on, alarms about cameras become alerts. */
    public void attach(AlertRaiser alerts) {
        this.raiser = alerts;
    }

    /**
     * Raises an alarm.
     *
     * @param type lower snake case, e.g. {@code spool_evicting}
     * @param severity {@code info}, {@code warning} or {@code critical}
     * @param camera the camera concerned, or {@code null}
     */
    public void raise(String type, String severity, String camera, String message) {
        log.error("ALARM {} {}{}: {}", severity, type, camera == null ? "" : " camera " + camera, message);
        AlertRaiser alerts = raiser;
        if (alerts == null || camera == null) {
            return;
        }
        Instant now = clock.instant();
        String key = type + "/" + camera;
        Instant last = lastSent.get(key);
        if (last != null && Duration.between(last, now).compareTo(MIN_INTERVAL) < 0) {
            return;
        }
        lastSent.put(key, now);
        try {
            alerts.alarm(type, AlertSeverity.ofWireName(severity), CameraId.of(camera));
        } catch (RuntimeException e) {
            log.warn("alarm {} not raised as an alert: {}", type, e.getMessage());
        }
    }
}
