package dev.vigil.core.port;

import dev.vigil.core.model.AnalyticsEvent;

/**
 * Receives the events of Vigil's own analytics (zone intrusion, line crossing, loitering,
 * crowding, stopped object, camera tamper). The alerts pipeline implements it.
 *
 * <p>Contract: called on the camera's analytics thread, in order per camera (an event's START
 * before its UPDATEs before its END); fast, never blocks, never throws. An implementation that
 * needs I/O hands the event to its own queue.
 */
public interface AnalyticsEventSink {
    void accept(AnalyticsEvent event);

    /** A sink that drops everything. */
    AnalyticsEventSink NONE = event -> { };
}
