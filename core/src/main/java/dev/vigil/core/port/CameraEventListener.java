package dev.vigil.core.port;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;

/**
 * Receives the events cameras raise themselves (ONVIF PullPoint). Today the ONVIF event metrics
 * implement it; the alerts pipeline will consume it as it consumes analytics events.
 *
 * <p>Contract: callbacks are fast, never block and never throw; they may come from any thread.
 */
public interface CameraEventListener {
    /** A motion or tamper event. */
    void onEvent(CameraEvent event);

    /** An event whose topic Vigil does not map (counted; logged once per camera and topic by the caller). */
    void onUnknownTopic(CameraId camera, String topic);

    /** A listener that ignores everything. */
    CameraEventListener NONE = new CameraEventListener() {
        @Override
        public void onEvent(CameraEvent event) { }

        @Override
        public void onUnknownTopic(CameraId camera, String topic) { }
    };
}
