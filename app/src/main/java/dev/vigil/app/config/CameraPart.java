package dev.vigil.app.config;

/** The parts of one camera's pipeline that a config change may restart, in the order they start. */
public enum CameraPart {
    /** The RTSP session of the main stream (gateway). */
    INGEST("ingest"),
    /** The second RTSP session of an analytics sub-stream ({@code detectUrl}). */
    DETECT_STREAM("detect-stream"),
    /** Segments and event clips. */
    RECORDING("recording"),
    /** Decoding, detectors, tracker and rules. */
    ANALYTICS("analytics");

    private final String label;

    CameraPart(String label) {
        this.label = label;
    }

    /** The name in API answers and logs, e.g. {@code detect-stream}. */
    public String label() {
        return label;
    }
}
