package dev.vigil.app;

import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's {@link NodeStatus} for the API: camera status straight from the gateway's health
 * snapshots, and readiness from checks that run every {@link #CHECK_INTERVAL_SECONDS} s on a
 * thread of their own (a slow dependency never holds an HTTP request or an event loop).
 */
final class NodeStatusView implements NodeStatus, AutoCloseable {
    static final int CHECK_INTERVAL_SECONDS = 5;

    private final Gateway gateway;
    private final Function<String, String> siteOf;
    private final Map<String, Supplier<String>> checks;
    private final ScheduledExecutorService checker;
    private volatile Map<String, String> readiness;

    /**
     * @param siteOf a camera's site id as configured now, {@code null} when unknown
     * @param checks by dependency name, each returning {@code null} when ready or the problem
     */
    NodeStatusView(Gateway gateway, Function<String, String> siteOf, Map<String, Supplier<String>> checks) {
        this.gateway = gateway;
        this.siteOf = siteOf;
        this.checks = Map.copyOf(checks);
        this.readiness = runChecks();
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-readiness");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(() -> readiness = runChecks(), CHECK_INTERVAL_SECONDS,
                CHECK_INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    private Map<String, String> runChecks() {
        Map<String, String> result = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            result.put(name, problem);
        });
        return Collections.unmodifiableMap(result);
    }

    String siteOf(String camera) {
        return siteOf.apply(camera);
    }

    @Override
    public List<CameraStatus> cameras() {
        List<CameraStatus> out = new ArrayList<>();
        for (CameraHealth h : gateway.health().values()) {
            out.add(new CameraStatus(h.camera().value(), siteOf.apply(h.camera().value()),
                    h.state().name().toLowerCase(Locale.ROOT), h.since(), h.lastFrameTime(), h.fps(), h.bitrateBps(),
                    h.accessUnits(), h.keyframes(), h.bytes(), h.packetsLost(), h.reconnects(),
                    h.lastFailure() == null ? null : h.lastFailure().label(), h.lastError(), h.nextAttempt()));
        }
        return out;
    }

    @Override
    public Map<String, String> readiness() {
        return readiness;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
