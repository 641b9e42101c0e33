package dev.vigil.ingest.supervisor;

/** Where a camera's supervisor is; see {@link CameraSupervisor} for the transitions. */
public enum CameraState {
    /** Created, not started. */
    NEW,
    /** Opening the TCP connection. */
    CONNECTING,
    /** OPTIONS and DESCRIBE. */
    DESCRIBING,
    /** SETUP of the video track. */
    SETTING_UP,
    /** PLAY answered; media flows (or the watchdog will notice it does not). */
    PLAYING,
    /** Waiting before the next attempt after a failure. */
    BACKING_OFF,
    /** Stopped for good. */
    STOPPED
}
