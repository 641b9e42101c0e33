package dev.vigil.ingest.supervisor;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.RtspUrl;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP gateway: one {@link CameraSupervisor} per enabled camera on a shared event loop group.
 *
 * <p>Contract: {@link #start} validates every camera before any socket opens (an error names the
 * camera: {@code cameras[gate-3].url: ...}); {@link #close} tears every session down (bounded
 * wait), then shuts the event loop group down and waits for its threads. Thread-safe.
 *
 * <p>Each camera's transport ({@code auto}, {@code tcp}, {@code udp}) and quirk policy come from its
 * configuration.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(2);

    private final EventLoopGroup group;
    private final Map<CameraId, CameraSupervisor> supervisors;

    private Gateway(EventLoopGroup group, Map<CameraId, CameraSupervisor> supervisors) {
        this.group = group;
        this.supervisors = supervisors;
    }

    /** {@link #start(List, IngestConfig, Map, Clock, int)} with one I/O thread per core, at most 4. */
    public static Gateway start(List<CameraConfig> cameras, IngestConfig config, Map<String, String> env,
            Clock clock) {
        return start(cameras, config, env, clock, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Starts a supervisor for each enabled camera.
     *
     * @param env the environment that holds the passwords named by {@code credentials.passwordEnv}
     * @param ioThreads event loop threads, 1 to 64
     */
    public static Gateway start(List<CameraConfig> cameras, IngestConfig config, Map<String, String> env,
            Clock clock, int ioThreads) {
        return start(cameras, config, env, clock, ioThreads, id -> null);
    }

    /** Failed attempts in a row after which a camera's {@link StreamRelocator} is asked for a new URL. */
    public static final int RELOCATE_AFTER_FAILURES = 3;

    /**
     * Like {@link #start(List, IngestConfig, Map, Clock, int)}, with a {@link StreamRelocator} for the
     * cameras that have one (an ONVIF camera: its stream URI is asked again after
     * {@value #RELOCATE_AFTER_FAILURES} failures in a row).
     *
     * @param relocators the relocator of a camera, or {@code null} for none
     */
    public static Gateway start(List<CameraConfig> cameras, IngestConfig config, Map<String, String> env,
            Clock clock, int ioThreads, java.util.function.Function<CameraId, StreamRelocator> relocators) {
        Objects.requireNonNull(relocators, "relocators");
        Objects.requireNonNull(cameras, "cameras");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(clock, "clock");
        if (ioThreads < 1 || ioThreads > 64) {
            throw VigilException.invalid("ingest io threads must be in [1, 64], was " + ioThreads);
        }
        List<CameraEndpoint> sources = new ArrayList<>();
        for (CameraConfig c : cameras) {
            if (!Boolean.TRUE.equals(c.enabled())) {
                continue;
            }
            CameraId id = CameraId.of(c.id());
            RtspUrl url;
            try {
                url = RtspUrl.parse(Objects.requireNonNullElse(c.url(), ""));
            } catch (VigilException e) {
                throw VigilException.invalid("cameras[" + id + "].url: " + e.getMessage());
            }
            sources.add(new CameraEndpoint(id, url, credentials(id, c.credentials(), env), c.transport(), c.quirk()));
        }
        IoTransport transport = IoTransport.best();
        EventLoopGroup group = transport.newGroup(ioThreads, new DefaultThreadFactory("vigil-ingest", true));
        SplittableRandom seeds = new SplittableRandom();
        Map<CameraId, CameraSupervisor> supervisors = new LinkedHashMap<>();
        for (CameraEndpoint s : sources) {
            if (supervisors.containsKey(s.camera())) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw VigilException.invalid("cameras[" + s.camera() + "]: duplicate camera id");
            }
            CameraSupervisor supervisor = new CameraSupervisor(s, config, group.next(), transport, clock,
                    seeds.split(), null);
            StreamRelocator relocator = relocators.apply(s.camera());
            if (relocator != null) {
                supervisor.relocateAfter(RELOCATE_AFTER_FAILURES, relocator);
            }
            supervisors.put(s.camera(), supervisor);
        }
        supervisors.values().forEach(CameraSupervisor::start);
        log.info("ingest gateway started: {} cameras on {} {} threads", supervisors.size(), ioThreads,
                transport.name());
        return new Gateway(group, Collections.unmodifiableMap(supervisors));
    }

    private static Credentials credentials(CameraId id, CredentialsConfig cfg, Map<String, String> env) {
        if (cfg == null || cfg.user() == null || cfg.user().isEmpty()) {
            return null;
        }
        String password = cfg.password(env);
        if (password == null) {
            throw VigilException.invalid("cameras[" + id + "].credentials.passwordEnv: environment variable '"
                    + cfg.passwordEnv() + "' is not set");
        }
        return new Credentials(cfg.user(), password);
    }

    public Set<CameraId> cameras() {
        return supervisors.keySet();
    }

    /** Health of every camera, by id. */
    public Map<CameraId, CameraHealth> health() {
        Map<CameraId, CameraHealth> out = new TreeMap<>();
        supervisors.forEach((id, s) -> out.put(id, s.health()));
        return out;
    }

    /** Health of one camera. */
    public CameraHealth health(CameraId camera) {
        return supervisor(camera).health();
    }

    /** Subscribes to one camera's access units; see {@link CameraSupervisor#subscribe}. */
    public Subscription subscribe(CameraId camera, int capacity) {
        return supervisor(camera).subscribe(capacity);
    }

    private CameraSupervisor supervisor(CameraId camera) {
        CameraSupervisor s = supervisors.get(camera);
        if (s == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "camera " + camera + " is not ingested by this gateway");
        }
        return s;
    }

    /** Tears every session down (at most about 2 s), then stops the event loops and waits for them. */
    @Override
    public void close() {
        CompletableFuture<?>[] stops = supervisors.values().stream().map(s -> s.stop(TEARDOWN_WAIT))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(TEARDOWN_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("not every camera session closed in time: {}", e.toString());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
