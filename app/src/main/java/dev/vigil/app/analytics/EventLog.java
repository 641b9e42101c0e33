package dev.vigil.app.analytics;

import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.port.AnalyticsEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the start and end of every analytics event to the log (logger
 * {@code dev.vigil.app.analytics.EventLog}, MDC key {@code camera}); updates at debug level.
 */
public final class EventLog implements AnalyticsEventSink {
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    @Override
    public void accept(AnalyticsEvent e) {
        MDC.put("camera", e.camera().value());
        try {
            if (e.phase() == AnalyticsEventPhase.UPDATE) {
                log.debug("event {} {} rule {} class {} track {} confidence {}", e.phase(), e.type(), e.rule(),
                        e.objectClass(), e.trackId(), e.confidence());
            } else {
                log.info("event {} {} on camera {} rule {} class {} track {} confidence {}{}{}", e.phase(), e.type(),
                        e.camera(), e.rule(), e.objectClass(), e.trackId(), String.format("%.2f", e.confidence()),
                        e.attributes().isEmpty() ? "" : " " + e.attributes(),
                        e.end() == null ? "" : " lasted " + java.time.Duration.between(e.start(), e.end()));
            }
        } finally {
            MDC.remove("camera");
        }
    }
}
