package dev.vigil.app;

import dev.vigil.app.sim.EncodedScene;
import dev.vigil.app.sim.SceneEncoder;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest side of a node: the simulated cameras when {@code simulator.enabled} (each added as a
 * camera of site {@code sim}), and the RTSP gateway over every enabled camera.
 */
public final class IngestWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWiring.class);
    /** The site that simulated cameras belong to. */
    public static final String SIMULATOR_SITE = "sim";

    private final SimulatedCameraServer simulator;
    private final Gateway gateway;
    private final List<CameraConfig> cameras;
    private final Map<String, String> endpoints;

    private IngestWiring(SimulatedCameraServer simulator, Gateway gateway, List<CameraConfig> cameras,
            Map<String, String> endpoints) {
        this.simulator = simulator;
        this.gateway = gateway;
        this.cameras = List.copyOf(cameras);
        this.endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public static IngestWiring start(VigilConfig config, Map<String, String> env) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        List<CameraConfig> cameras = new ArrayList<>(config.cameras());
        SimulatedCameraServer simulator = null;
        SimulatorConfig sim = config.simulator();
        if (sim.enabled()) {
            long t0 = System.nanoTime();
            EncodedScene scene = SceneEncoder.of(sim).encode();
            log.info("simulated scene: {} frames {}x{} at {} fps, {} key frames, {} KiB, encoded in {} ms",
                    scene.frames().size(), scene.width(), scene.height(), scene.fps(), scene.keyframes(),
                    scene.payloadBytes() / 1024, (System.nanoTime() - t0) / 1_000_000);
            simulator = SimulatedCameraServer.start(scene.toSimulatedStream(), sim.cameras(), sim.bind(), sim.port());
            List<String> urls = simulator.urls();
            endpoints.put("simulator", urls.size() + " cameras, " + urls.get(0)
                    + (urls.size() > 1 ? " ... " + urls.get(urls.size() - 1) : ""));
            for (int i = 0; i < urls.size(); i++) {
                cameras.add(simulatedCamera(i + 1, urls.get(i)));
            }
        }
        try {
            int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            Gateway gateway = Gateway.start(cameras, config.ingest(), env, Clock.systemUTC(), ioThreads);
            endpoints.put("gateway", gateway.cameras().size() + " cameras");
            return new IngestWiring(simulator, gateway, cameras, endpoints);
        } catch (RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    /** The site that {@link #simulatedCamera} cameras name; added to the config by the caller when needed. */
    public static SiteConfig simulatorSite() {
        return new SiteConfig(SIMULATOR_SITE, "Simulated cameras", new LocationConfig(21.0285, 105.8542, null));
    }

    static CameraConfig simulatedCamera(int n, String url) {
        // Spread the simulated cameras ~50 m apart along a street so that area search has something to find.
        LocationConfig location = new LocationConfig(21.0285 + 0.00045 * n, 105.8542, 90.0);
        return new CameraConfig("sim-" + n, SIMULATOR_SITE, "Simulated camera " + n, CameraKind.SECURITY, url, null,
                Transport.TCP, null, location, null, null, true);
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Every camera the gateway runs, simulated ones included. */
    public List<CameraConfig> cameras() {
        return cameras;
    }

    public Map<String, String> endpoints() {
        return endpoints;
    }

    public List<String> statusLines() {
        List<String> lines = new ArrayList<>();
        for (CameraHealth h : gateway.health().values()) {
            lines.add(String.format("  %-12s %-11s %5.1f fps %7.0f kbit/s  units %d (key %d)  lost %d  reconnects %d%s",
                    h.camera(), h.state(), h.fps(), h.bitrateBps() / 1000, h.accessUnits(), h.keyframes(),
                    h.packetsLost(), h.reconnects(), h.lastError() == null ? "" : "  last error: " + h.lastError()));
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Override
    public String toString() {
        return "IngestWiring[" + cameras.size() + " cameras]";
    }
}
