package dev.vigil.ingest.supervisor;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.net.CameraNetworks;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP gateway: one {@link CameraSupervisor} per enabled camera on a shared event loop group.
 *
 * <p>Contract: {@link #start} validates every camera before any socket opens (an error names the
 * camera: {@code cameras[gate-3].url: ...}); {@link #add} and {@link #remove} start and stop one
 * camera while the others run on untouched; {@link #close} tears every session down (bounded
 * wait), then shuts the event loop group down and waits for its threads. Thread-safe.
 *
 * <p>Each camera's transport ({@code auto}, {@code tcp}, {@code udp}) and quirk policy come from its
 * configuration.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final int TEARDOWN_SECONDS = 2;
    private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(TEARDOWN_SECONDS);

    private final EventLoopGroup group;
    private final IoTransport transport;
    private final IngestConfig config;
    private final Clock clock;
    private final SplittableRandom seeds;
    private final ConcurrentHashMap<CameraId, CameraSupervisor> supervisors;
    private volatile boolean closed;

    private Gateway(EventLoopGroup group, IoTransport transport, IngestConfig config, Clock clock,
            SplittableRandom seeds, Map<CameraId, CameraSupervisor> supervisors) {
        this.group = group;
        this.transport = transport;
        this.config = config;
        this.clock = clock;
        this.seeds = seeds;
        this.supervisors = new ConcurrentHashMap<>(supervisors);
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
        return start(cameras, config, env, clock, ioThreads, relocators, id -> null);
    }

    /**
     * Like {@link #start(List, IngestConfig, Map, Clock, int, java.util.function.Function)}, with
     * the networks each camera may connect to ({@link CameraSupervisor#restrictTo}).
     *
     * @param restrictions the networks of a camera, or {@code null} for anywhere
     */
    public static Gateway start(List<CameraConfig> cameras, IngestConfig config, Map<String, String> env,
            Clock clock, int ioThreads, java.util.function.Function<CameraId, StreamRelocator> relocators,
            java.util.function.Function<CameraId, CameraNetworks> restrictions) {
        Objects.requireNonNull(relocators, "relocators");
        Objects.requireNonNull(restrictions, "restrictions");
        Objects.requireNonNull(cameras, "cameras");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(clock, "clock");
        if (ioThreads < 1 || ioThreads > 64) {
            throw VigilException.invalid("ingest io threads must be in [1, 64], was " + ioThreads);
        }
        List<CameraEndpoint> sources = new ArrayList<>();
        for (CameraConfig c : cameras) {
            if (Boolean.TRUE.equals(c.enabled())) {
                sources.add(endpoint(c, env));
            }
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
            CameraNetworks networks = restrictions.apply(s.camera());
            if (networks != null) {
                supervisor.restrictTo(networks);
            }
            supervisors.put(s.camera(), supervisor);
        }
        supervisors.values().forEach(CameraSupervisor::start);
        log.info("ingest gateway started: {} cameras on {} {} threads", supervisors.size(), ioThreads,
                transport.name());
        return new Gateway(group, transport, config, clock, seeds, supervisors);
    }

    private static CameraEndpoint endpoint(CameraConfig c, Map<String, String> env) {
        CameraId id = CameraId.of(c.id());
        RtspUrl url;
        try {
            url = RtspUrl.parse(Objects.requireNonNullElse(c.url(), ""));
        } catch (VigilException e) {
            throw VigilException.invalid("cameras[" + id + "].url: " + e.getMessage());
        }
        return new CameraEndpoint(id, url, credentials(id, c.credentials(), env), c.transport(), c.quirk());
    }

    /**
     * Starts one more camera on the running gateway (the camera must be enabled and not running).
     *
     * @param env holds the password named by {@code credentials.passwordEnv}
     * @param relocator asked for a new stream URL after repeated failures, or {@code null}
     * @param networks the only networks it may connect to (see {@link CameraSupervisor#restrictTo}),
     *     or {@code null} for anywhere
     * @throws VigilException INVALID_ARGUMENT naming the camera for a bad URL or an unset password
     *     variable, ALREADY_EXISTS if it runs already, FAILED_PRECONDITION after {@link #close}
     */
    public void add(CameraConfig camera, Map<String, String> env, StreamRelocator relocator, CameraNetworks networks) {
        Objects.requireNonNull(camera, "camera");
        if (!Boolean.TRUE.equals(camera.enabled())) {
            throw VigilException.invalid("cameras[" + camera.id() + "]: not enabled");
        }
        CameraEndpoint source = endpoint(camera, Objects.requireNonNull(env, "env"));
        CameraSupervisor supervisor;
        synchronized (seeds) {
            if (closed) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "the gateway is closed");
            }
            supervisor = new CameraSupervisor(source, config, group.next(), transport, clock, seeds.split(), null);
        }
        if (relocator != null) {
            supervisor.relocateAfter(RELOCATE_AFTER_FAILURES, relocator);
        }
        if (networks != null) {
            supervisor.restrictTo(networks);
        }
        if (supervisors.putIfAbsent(source.camera(), supervisor) != null) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "cameras[" + source.camera() + "]: already ingested");
        }
        supervisor.start();
        log.info("camera {} added to the ingest gateway", source.camera());
    }

    /**
     * Stops one camera: TEARDOWN, connection closed, its subscriptions closed (subscribers see no
     * more units). Waits about {@value #TEARDOWN_SECONDS} s at most.
     *
     * @return whether the camera was running here
     */
    public boolean remove(CameraId camera) {
        CameraSupervisor s = supervisors.remove(camera);
        if (s == null) {
            return false;
        }
        try {
            s.stop(TEARDOWN_WAIT).get(TEARDOWN_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("camera {}: the session did not close in time: {}", camera, e.toString());
        }
        log.info("camera {} removed from the ingest gateway", camera);
        return true;
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

    /** The cameras running now (a live, unmodifiable view). */
    public Set<CameraId> cameras() {
        return Collections.unmodifiableSet(supervisors.keySet());
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
        synchronized (seeds) {
            closed = true;
        }
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
