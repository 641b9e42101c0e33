package dev.vigil.core.config;

/**
 * Simulated cameras: an RTSP server inside the process serving a synthetic scene (an object
 * moving across the frame), encoded once at start with FFmpeg and looped. {@code ./vigil demo}
 * turns it on and adds one camera per simulated stream.
 *
 * @param enabled default false; {@code demo} sets it
 * @param bind default {@code 127.0.0.1}
 * @param port RTSP port; default 8654 (8554 is left to real servers)
 * @param cameras number of streams, {@code /sim/cam-1} and on; default 2
 * @param width default 640
 * @param height default 360
 * @param fps default 10
 * @param seconds length of the loop; default 10
 * @param gopSeconds key-frame interval; default 2
 * @param bitrateKbps target bitrate; default 800
 */
public record SimulatorConfig(Boolean enabled, String bind, Integer port, Integer cameras, Integer width,
        Integer height, Integer fps, Integer seconds, Integer gopSeconds, Integer bitrateKbps) {
    public SimulatorConfig {
        enabled = ConfigDefaults.orDefault(enabled, Boolean.FALSE);
        bind = ConfigDefaults.orDefault(bind, "127.0.0.1");
        port = ConfigDefaults.orDefault(port, 8654);
        cameras = ConfigDefaults.orDefault(cameras, 2);
        width = ConfigDefaults.orDefault(width, 640);
        height = ConfigDefaults.orDefault(height, 360);
        fps = ConfigDefaults.orDefault(fps, 10);
        seconds = ConfigDefaults.orDefault(seconds, 10);
        gopSeconds = ConfigDefaults.orDefault(gopSeconds, 2);
        bitrateKbps = ConfigDefaults.orDefault(bitrateKbps, 800);
    }

    static SimulatorConfig defaults() {
        return new SimulatorConfig(null, null, null, null, null, null, null, null, null, null);
    }

    public SimulatorConfig withEnabled(boolean on) {
        return new SimulatorConfig(on, bind, port, cameras, width, height, fps, seconds, gopSeconds, bitrateKbps);
    }
}
