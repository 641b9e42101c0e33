package dev.vigil.app;

import dev.vigil.app.sim.SimulatedCameras;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.ingest.onvif.OnvifCameras;
import dev.vigil.ingest.onvif.events.OnvifEventMetrics;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest side of a node: the simulated cameras when {@code simulator.enabled} (each added as a
 * camera of site {@link SimulatedCameras#SITE}), the ONVIF cameras (stream URIs resolved before the
 * gateway starts, asked again after repeated failures, their events counted in
 * {@link #onvifEvents()}), and the RTSP gateway over every enabled camera.
 */
public final class IngestWiring implements AutoCloseable {

    private final SimulatedCameras simulator;
    private final OnvifCameras onvif;
    private final OnvifEventMetrics onvifEvents;
    private final Gateway gateway;
    private final List<CameraConfig> cameras;
    private final Map<String, String> endpoints;

    private IngestWiring(SimulatedCameras simulator, OnvifCameras onvif, OnvifEventMetrics onvifEvents, Gateway gateway,
            List<CameraConfig> cameras, Map<String, String> endpoints) {
        this.simulator = simulator;
        this.onvif = onvif;
        this.onvifEvents = onvifEvents;
        this.gateway = gateway;
        this.cameras = List.copyOf(cameras);
        this.endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public static IngestWiring start(VigilConfig config, Map<String, String> env) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        List<CameraConfig> cameras = new ArrayList<>(config.cameras());
        SimulatedCameras simulator = null;
        if (config.simulator().enabled()) {
            simulator = SimulatedCameras.start(config.simulator());
            List<String> urls = simulator.urls();
            endpoints.put("simulator", urls.size() + " cameras, " + urls.get(0)
                    + (urls.size() > 1 ? " ... " + urls.get(urls.size() - 1) : ""));
            cameras.addAll(simulator.cameraConfigs());
        }
        OnvifCameras onvif = null;
        try {
            // Alerts will consume camera events through the same CameraEventListener port; today they are counted.
            OnvifEventMetrics onvifEvents = new OnvifEventMetrics();
            onvif = OnvifCameras.start(cameras, env, java.time.Duration.ofMillis(config.ingest().requestTimeoutMs()),
                    onvifEvents, Clock.systemUTC());
            cameras = new ArrayList<>(onvif.cameras());
            int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            OnvifCameras resolved = onvif;
            Gateway gateway = Gateway.start(cameras, config.ingest(), env, Clock.systemUTC(), ioThreads,
                    resolved::relocator);
            endpoints.put("gateway", gateway.cameras().size() + " cameras");
            return new IngestWiring(simulator, onvif, onvifEvents, gateway, cameras, endpoints);
        } catch (RuntimeException e) {
            if (onvif != null) {
                onvif.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Counts of the cameras' own (ONVIF) events, for the metrics registry. */
    public OnvifEventMetrics onvifEvents() {
        return onvifEvents;
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
            try {
                onvif.close();
            } finally {
                if (simulator != null) {
                    simulator.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "IngestWiring[" + cameras.size() + " cameras]";
    }
}
