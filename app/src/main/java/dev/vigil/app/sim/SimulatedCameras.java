package dev.vigil.app.sim;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.DetectorKind;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.RuleKind;
import dev.vigil.core.config.ZoneConfig;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./vigil demo} starts: the scene encoded once ({@link SceneEncoder}) and served by a
 * {@link SimulatedCameraServer} as {@code simulator.cameras} RTSP streams. The gateway then ingests
 * them through its ordinary code path, like any camera.
 */
public final class SimulatedCameras implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedCameras.class);

    /** The id of the simulated cameras' site. */
    public static final String SITE = "sim";
    private static final double SITE_LAT = 21.0285;
    private static final double SITE_LON = 105.8542;

    private final EncodedScene scene;
    private final SimulatedCameraServer server;

    private SimulatedCameras(EncodedScene scene, SimulatedCameraServer server) {
        this.scene = scene;
        this.server = server;
    }

    /** Encodes the scene and starts serving it as {@code config} says ({@code enabled} is not checked). */
    public static SimulatedCameras start(SimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        EncodedScene scene = SceneEncoder.of(config).encode();
        log.info("simulated scene: {} frames {}x{} at {} fps, {} key frames, {} KiB, encoded in {} ms",
                scene.frames().size(), scene.width(), scene.height(), scene.fps(), scene.keyframes(),
                scene.payloadBytes() / 1024, scene.encodeNanos() / 1_000_000);
        SimulatedCameraServer server = SimulatedCameraServer.start(scene.toSimulatedStream(), config.cameras(),
                config.bind(), config.port());
        return new SimulatedCameras(scene, server);
    }

    public EncodedScene scene() {
        return scene;
    }

    public SimulatedCameraServer server() {
        return server;
    }

    /** The stream URLs, {@code cam-1} first. */
    public List<String> urls() {
        return server.urls();
    }

    /**
     * The simulated cameras' analytics: the walker (a bright ellipse, which no people detector
     * takes for a person) is found by motion alone; it crosses the middle line left to right and
     * intrudes on the right half once per loop, so every camera raises a crossing and an intrusion
     * per loop.
     */
    static final AnalyticsConfig ANALYTICS = new AnalyticsConfig(AnalyticsMode.FULL, 5, List.of(DetectorKind.MOTION),
            null, null,
            List.of(new ZoneConfig("right-half", List.of(List.of(0.5, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
                    List.of(0.5, 1.0)))),
            List.of(new LineConfig("middle", List.of(List.of(0.5, 0.05), List.of(0.5, 0.95)))),
            List.of(new RuleConfig("right-half-intrusion", RuleKind.INTRUSION, "right-half", null, List.of("motion"),
                            null, null, null, null, null, null, null),
                    new RuleConfig("middle-crossing", RuleKind.LINE_CROSSING, null, "middle", List.of("motion"), null,
                            null, null, null, null, null, null)));

    /** The site that the simulated cameras belong to. */
    public static SiteConfig site() {
        return new SiteConfig(SITE, "Simulated cameras", new LocationConfig(SITE_LAT, SITE_LON, null));
    }

    /**
     * One camera config per stream, ids {@code sim-1}..., all in {@link #site()}, pulled over TCP,
     * placed about 50 m apart along a north-south street so that area search has something to find.
     */
    public List<CameraConfig> cameraConfigs() {
        List<CameraConfig> out = new ArrayList<>();
        List<String> urls = server.urls();
        for (int i = 0; i < urls.size(); i++) {
            int n = i + 1;
            LocationConfig location = new LocationConfig(SITE_LAT + 0.00045 * n, SITE_LON, 90.0);
            out.add(new CameraConfig("sim-" + n, SITE, "Simulated camera " + n, CameraKind.SECURITY, urls.get(i), null,
                    Transport.TCP, null, location, null, ANALYTICS, true));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
