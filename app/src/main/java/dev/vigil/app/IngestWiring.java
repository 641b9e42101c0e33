package dev.vigil.app;

import dev.vigil.app.sim.SimulatedCameras;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.ingest.onvif.OnvifCameras;
import dev.vigil.ingest.onvif.events.OnvifEventMetrics;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
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
    private final Gateway detectGateway;
    private final List<CameraConfig> cameras;
    private final Map<String, String> endpoints;
    private final Map<String, String> env;
    /** The ONVIF cameras' resolved configs, by camera. */
    private final Map<CameraId, CameraConfig> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private IngestWiring(SimulatedCameras simulator, OnvifCameras onvif, OnvifEventMetrics onvifEvents, Gateway gateway,
            Gateway detectGateway, List<CameraConfig> cameras, Map<String, String> endpoints, Map<String, String> env) {
        this.env = Map.copyOf(env);
        cameras.stream().filter(c -> c.onvif() != null).forEach(c -> resolved.put(CameraId.of(c.id()), c));
        this.detectGateway = detectGateway;
        this.simulator = simulator;
        this.onvif = onvif;
        this.onvifEvents = onvifEvents;
        this.gateway = gateway;
        this.cameras = List.copyOf(cameras);
        this.endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public static IngestWiring start(VigilConfig config, Map<String, String> env) {
        return start(config, env, CameraEventListener.NONE, id -> null);
    }

    /**
     * Starts ingest of {@code config}'s cameras (and the simulated ones when enabled); the cameras'
     * own (ONVIF) events are counted and also given to {@code events} (the alerts).
     *
     * @param restrictions the networks a camera may connect to, or {@code null} for anywhere
     */
    public static IngestWiring start(VigilConfig config, Map<String, String> env, CameraEventListener events,
            java.util.function.Function<CameraId, CameraNetworks> restrictions) {
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
            OnvifEventMetrics onvifEvents = new OnvifEventMetrics();
            CameraEventListener both = new CameraEventListener() {
                @Override
                public void onEvent(dev.vigil.core.model.CameraEvent event) {
                    onvifEvents.onEvent(event);
                    events.onEvent(event);
                }

                @Override
                public void onUnknownTopic(CameraId camera, String topic) {
                    onvifEvents.onUnknownTopic(camera, topic);
                    events.onUnknownTopic(camera, topic);
                }
            };
            onvif = OnvifCameras.start(cameras, env, java.time.Duration.ofMillis(config.ingest().requestTimeoutMs()),
                    both, Clock.systemUTC(), restrictions);
            cameras = new ArrayList<>(onvif.cameras());
            int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            OnvifCameras resolved = onvif;
            Gateway gateway = Gateway.start(cameras, config.ingest(), env, Clock.systemUTC(), ioThreads,
                    resolved::relocator, restrictions);
            endpoints.put("gateway", gateway.cameras().size() + " cameras");
            Gateway detectGateway;
            try {
                detectGateway = Gateway.start(detectStreams(cameras), config.ingest(), env, Clock.systemUTC(), 1,
                        resolved::detectRelocator, restrictions);
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
            if (!detectGateway.cameras().isEmpty()) {
                endpoints.put("detect streams", detectGateway.cameras().size() + " cameras' sub-streams for analytics");
            }
            return new IngestWiring(simulator, onvif, onvifEvents, gateway, detectGateway, cameras, endpoints, env);
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

    /**
     * The cameras whose analytics decodes a sub-stream ({@code detectUrl}, or an ONVIF camera's
     * smaller profile) other than the recorded stream: a second RTSP session each, for analytics only.
     */
    static List<CameraConfig> detectStreams(List<CameraConfig> cameras) {
        List<CameraConfig> out = new ArrayList<>();
        for (CameraConfig c : cameras) {
            if (hasDetectStream(c)) {
                out.add(c.withStreams(c.detectUrl(), null));
            }
        }
        return out;
    }

    /** Whether {@code c} is analysed on a sub-stream of its own: a second RTSP session. */
    public static boolean hasDetectStream(CameraConfig c) {
        return Boolean.TRUE.equals(c.enabled()) && c.analytics().active() && c.detectUrl() != null
                && !c.detectUrl().equals(c.url());
    }

    /**
     * Starts ingesting one more camera's main stream (see {@link #addDetectStream}). An ONVIF
     * camera's stream URIs are asked of its device first (blocking; a device that does not answer
     * starts the camera on a placeholder URL that its relocator replaces later).
     *
     * @param networks the networks it may connect to (RTSP and ONVIF), or {@code null} for anywhere
     * @return the camera as it runs: an ONVIF camera with its resolved stream URLs
     */
    public CameraConfig add(CameraConfig camera, CameraNetworks networks) {
        CameraId id = CameraId.of(camera.id());
        if (camera.onvif() == null) {
            gateway.add(camera, env, null, networks);
            return camera;
        }
        CameraConfig running = onvif.add(camera, env, networks);
        resolved.put(id, running);
        try {
            gateway.add(running, env, onvif.relocator(id), networks);
        } catch (RuntimeException e) {
            onvif.remove(id);
            resolved.remove(id);
            throw e;
        }
        return running;
    }

    /** Stops ingesting one camera's main stream (and its ONVIF events); its subscribers see no more units. */
    public boolean remove(CameraId camera) {
        boolean removed = gateway.remove(camera);
        onvif.remove(camera);
        resolved.remove(camera);
        return removed;
    }

    /** {@code camera} with the stream URLs it runs on: an ONVIF camera's as resolved; others as they are. */
    public CameraConfig streams(CameraConfig camera) {
        CameraConfig r = camera.onvif() == null ? null : resolved.get(CameraId.of(camera.id()));
        return r == null ? camera : camera.withStreams(r.url(), r.detectUrl());
    }

    /** Starts the camera's detect stream when it has one ({@link #hasDetectStream} of its {@link #streams}). */
    public void addDetectStream(CameraConfig camera, CameraNetworks networks) {
        CameraConfig c = streams(camera);
        if (hasDetectStream(c)) {
            detectGateway.add(c.withStreams(c.detectUrl(), null), env,
                    camera.onvif() == null ? null : onvif.detectRelocator(CameraId.of(c.id())), networks);
        }
    }

    /** Stops the camera's detect stream, if it runs. */
    public boolean removeDetectStream(CameraId camera) {
        return detectGateway.remove(camera);
    }

    /**
     * Subscribes to the access units a camera's analytics decodes: its detect stream when it has
     * one, else its recorded stream.
     */
    public Subscription subscribeForAnalytics(CameraConfig camera, int capacity) {
        CameraId id = CameraId.of(camera.id());
        return detectGateway.cameras().contains(id) ? detectGateway.subscribe(id, capacity)
                : gateway.subscribe(id, capacity);
    }

    /** Health of the detect streams (cameras analysed on a sub-stream), by camera. */
    public Map<CameraId, CameraHealth> detectStreamHealth() {
        return detectGateway.health();
    }

    /** Counts of the cameras' own (ONVIF) events, for the metrics registry. */
    public OnvifEventMetrics onvifEvents() {
        return onvifEvents;
    }

    /** The simulated cameras ({@code simulator.enabled}); empty when the simulator is off. */
    public List<CameraConfig> simulatedCameras() {
        return simulator == null ? List.of() : simulator.cameraConfigs();
    }

    /** Every camera the gateway started with, simulated ones included (ONVIF ones resolved). */
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
            try {
                detectGateway.close();
            } finally {
                gateway.close();
            }
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
