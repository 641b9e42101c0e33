package dev.vigil.ingest.supervisor;

import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.core.model.Transport;
import dev.vigil.core.net.CameraNetworks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Collectors;
import dev.vigil.ingest.rtsp.RtspSessionException;
import dev.vigil.ingest.rtsp.TlsContexts;
import io.netty.handler.ssl.SslContext;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.rtsp.RtspClientSession;
import dev.vigil.ingest.rtsp.RtspUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps one camera's stream flowing: connects, runs an {@link RtspClientSession}, reconnects with
 * exponential backoff and full jitter (capped at {@code backoffMaxMs}) after any failure, restarts
 * a playing session that delivers no RTP for {@code noDataTimeoutMs}, and fans access units out to
 * {@link Subscription}s without ever blocking its event loop.
 *
 * <p>States: {@code NEW -> CONNECTING -> DESCRIBING -> SETTING_UP -> PLAYING}; any failure goes to
 * {@code BACKING_OFF} then {@code CONNECTING}; {@link #stop} goes to {@code STOPPED} from anywhere.
 *
 * <p>Threading: the supervisor is pinned to one event loop; its state changes, timers and the
 * session all run there. {@link #health}, {@link #subscribe} and {@link #stop} are thread-safe.
 * Time for health comes from the injected {@link Clock}; timers use the event loop's scheduler.
 */
public final class CameraSupervisor {
    private static final Logger log = LoggerFactory.getLogger(CameraSupervisor.class);
    private static final long BACKOFF_BASE_MS = 500;
    /** Redirects followed in a row before the supervisor backs off and starts from the configured URL. */
    static final int MAX_REDIRECTS = 3;
    /** How soon an {@code auto} camera tries the other transport after one was refused. */
    private static final long FALLBACK_DELAY_MS = 100;
    private static final long BAD_PACKET_LOG_INTERVAL_MS = 1000;

    private final CameraId camera;
    /** The configured URL (a {@link StreamRelocator} may replace it) or the redirect being followed. */
    private final StreamTarget target;
    private final IngestConfig config;
    private final EventLoop loop;
    private final IoTransport transport;
    private final Clock clock;
    private final Backoff backoff;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final CameraCounters counters = new CameraCounters();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    // Written on the event loop only; volatile for health() readers.
    private volatile CameraState state = CameraState.NEW;
    private volatile Instant since;
    private final Transport mode;
    private final QuirkPolicy quirk;
    /** Whether the current attempt reached PLAYING, so the camera holds a session for us. */
    private boolean attemptPlayed;
    private SslContext tls;
    /** The transport of the current or next attempt; only changes under {@code auto}. */
    private volatile Transport currentTransport;
    private boolean attemptDelivered;
    private volatile String lastError;
    private volatile SessionFailure lastFailure;
    private volatile Instant nextAttempt;

    private RtspClientSession session;
    private Channel channel;
    private int attempt;
    private long lastDataMillis;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> retry;
    private long badSinceLog;
    private long lastBadLogMillis;
    private StreamRelocator relocator;
    private int relocateAfter;
    /** Where this camera may connect, or {@code null} for anywhere; set before start. */
    private CameraNetworks allowed;
    /** Failures since the last delivered access unit or relocation; event loop only. */
    private int failuresInARow;
    private boolean relocating;

    /**
     * @param endpoint what to connect to, how, and which server quirk to work around
     * @param loop the event loop this camera lives on
     * @param tls the TLS context for {@code rtsps://}; {@code null} builds one from the config when needed
     */
    public CameraSupervisor(CameraEndpoint endpoint, IngestConfig config, EventLoop loop, IoTransport transport,
            Clock clock, RandomGenerator random, SslContext tls) {
        this.camera = endpoint.camera();
        this.target = new StreamTarget(endpoint.url(), endpoint.credentials());
        this.mode = endpoint.transport();
        this.quirk = endpoint.quirk();
        this.currentTransport = mode == Transport.AUTO ? Transport.TCP : mode;
        this.config = Objects.requireNonNull(config, "config");
        this.tls = tls != null || !endpoint.url().secure() ? tls : TlsContexts.client(config.tlsTrustFile());
        this.loop = Objects.requireNonNull(loop, "loop");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(BACKOFF_BASE_MS, Math.max(BACKOFF_BASE_MS, config.backoffMaxMs()), random);
        this.since = clock.instant();
    }

    public CameraId camera() {
        return camera;
    }

    public CameraState state() {
        return state;
    }

    /**
     * Asks {@code relocator} for a new stream URL after {@code failures} failed attempts in a row
     * (no access unit in between), then again after as many more; the URL it finds replaces the
     * configured one. Call before {@link #start()}.
     */
    public void relocateAfter(int failures, StreamRelocator relocator) {
        if (started.get()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera
                    + ": relocateAfter() must be called in state NEW, was " + state);
        }
        if (failures < 1) {
            throw VigilException.invalid("camera " + camera + ": relocateAfter needs at least 1 failure, was " + failures);
        }
        this.relocateAfter = failures;
        this.relocator = Objects.requireNonNull(relocator, "relocator");
    }

    /**
     * Lets this camera connect only to addresses {@code networks} permits. The host is resolved
     * once per attempt, the first permitted address is connected to (so a name that resolves
     * elsewhere a moment after it was checked, DNS rebinding, never gets a connection), and an
     * attempt whose host has no permitted address fails as unreachable and backs off. Applies to
     * redirects and relocated URLs too. Call before {@link #start()}.
     */
    public void restrictTo(CameraNetworks networks) {
        if (started.get()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera
                    + ": restrictTo() must be called in state NEW, was " + state);
        }
        this.allowed = Objects.requireNonNull(networks, "networks");
    }

    /** Starts connecting; may be called once, in state NEW. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera
                    + ": start() must be called in state NEW, was " + state);
        }
        loop.execute(() -> {
            if (state != CameraState.NEW) {
                return; // stopped before it started
            }
            long period = Math.max(100, Math.min(1000, config.noDataTimeoutMs() / 4));
            watchdog = loop.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
            connect();
        });
    }

    /**
     * A new subscriber with a queue of {@code capacity} access units. It receives units from now
     * on; close it to unsubscribe.
     */
    public Subscription subscribe(int capacity) {
        Subscription[] holder = new Subscription[1];
        holder[0] = new Subscription(capacity, () -> subscribers.remove(holder[0]));
        subscribers.add(holder[0]);
        return holder[0];
    }

    /** A snapshot of this camera's ingest. */
    public CameraHealth health() {
        long now = clock.millis();
        long drops = subscribers.stream().mapToLong(Subscription::dropped).sum();
        CameraCounters c = counters;
        return new CameraHealth(camera, state, since, c.lastFrameTime(), c.fps(now), c.bitsPerSecond(now),
                c.accessUnits(), c.keyframes(), c.bytes(), c.packetsLost(), c.badPackets(), drops, c.reconnects(),
                lastError, lastFailure, c.server(), currentTransport, c.limitCounts(),
                state == CameraState.BACKING_OFF ? nextAttempt : null);
    }

    /**
     * Stops for good: TEARDOWN (waiting at most {@code teardownWait} for the answer), close the
     * connection, cancel timers. The future completes when the connection is closed.
     */
    public CompletableFuture<Void> stop(Duration teardownWait) {
        loop.execute(() -> {
            if (state == CameraState.STOPPED) {
                return;
            }
            setState(CameraState.STOPPED);
            cancel(watchdog);
            cancel(retry);
            subscribers.forEach(Subscription::close);
            if (session != null) {
                session.teardown(teardownWait);
            }
            if (channel != null) {
                channel.closeFuture().addListener(f -> stopped.complete(null));
            } else {
                stopped.complete(null);
            }
        });
        return stopped;
    }

    private void connect() {
        if (state == CameraState.STOPPED) {
            return;
        }
        int thisAttempt = ++attempt;
        setState(CameraState.CONNECTING);
        attemptDelivered = false;
        attemptPlayed = false;
        RtspUrl url = target.url();
        session = new RtspClientSession(camera, url, target.credentials(), Duration.ofMillis(config.requestTimeoutMs()),
                clock, VideoDepacketizer.Limits.defaults(), new SessionListener(thisAttempt), currentTransport,
                transport);
        if (url.secure() && tls == null) {
            tls = TlsContexts.client(config.tlsTrustFile()); // a redirect to rtsps://
        }
        InetAddress address = null;
        if (allowed != null) {
            try {
                address = permittedAddress(url.host());
            } catch (VigilException e) {
                failed(e);
                return;
            }
        }
        ChannelFuture connect = SessionConnector.connect(loop, transport, config.connectTimeoutMs(), url, address,
                tls, session);
        channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && thisAttempt == attempt) {
                failed(new VigilException(ErrorKind.UNAVAILABLE, "camera " + camera + " at " + url.host() + ":"
                        + url.port() + ": cannot connect: " + f.cause(), f.cause()));
            }
        });
    }

    /**
     * The first address of {@code host} that {@link #allowed} permits. Resolving blocks the event
     * loop as Netty's default resolver would; camera hosts are few and usually IP literals.
     */
    private InetAddress permittedAddress(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "camera " + camera + ": host " + bare + " does not resolve");
        }
        for (InetAddress a : all) {
            if (allowed.permits(a)) {
                return a;
            }
        }
        throw new VigilException(ErrorKind.UNAVAILABLE, "camera " + camera + ": host " + bare + " ("
                + java.util.Arrays.stream(all).map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                + ") is outside the camera networks (" + allowed + "); not connecting");
    }

    private void failed(VigilException cause) {
        if (state == CameraState.STOPPED || state == CameraState.BACKING_OFF) {
            return;
        }
        lastError = cause.getMessage();
        lastFailure = RtspSessionException.failureOf(cause);
        long delay = backoff.nextDelayMs();
        if (cause instanceof RtspSessionException r && r.location() != null) {
            // A redirect is followed at once; a refused one falls back to the backoff.
            Optional<String> refused = target.follow(r.location());
            if (refused.isPresent()) {
                lastError = "camera " + camera + ": " + refused.get();
            } else {
                delay = 0;
            }
        } else {
            target.reset(); // start again from the configured URL after any other failure
        }
        if (mode == Transport.AUTO && (lastFailure == SessionFailure.TRANSPORT_REFUSED
                || (lastFailure == SessionFailure.TIMEOUT && !attemptDelivered))) {
            // Quirk 37: a server that offers only UDP (or only TCP); try the other one at once.
            currentTransport = currentTransport == Transport.TCP ? Transport.UDP : Transport.TCP;
            delay = Math.min(delay, FALLBACK_DELAY_MS);
            logWarn("{}: trying {} next", lastFailure.label(), currentTransport);
        }
        long quirkDelay = attemptPlayed ? quirk.reconnectAfterSession().toMillis() : 0;
        if (delay < quirkDelay) {
            // Quirk 11: an old LIVE555 server still holds the lost session; let it reclaim it first.
            delay = quirkDelay;
        }
        counters.reconnect();
        logWarn("{} ({}); reconnecting in {} ms", cause.getMessage(), cause.kind(), delay);
        if (relocator != null && ++failuresInARow >= relocateAfter && !relocating) {
            relocate();
        }
        session = null;
        setState(CameraState.BACKING_OFF);
        nextAttempt = clock.instant().plusMillis(delay);
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Asks the relocator off the loop; the answer is applied on the loop, before a later attempt. */
    private void relocate() {
        relocating = true;
        failuresInARow = 0;
        CompletableFuture<RtspUrl> found;
        try {
            found = relocator.relocate();
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((next, error) -> loop.execute(() -> {
            relocating = false;
            if (state == CameraState.STOPPED) {
                return;
            }
            if (error != null || next == null) {
                logWarn("finding the stream URL again failed: {}", error == null ? "no URL" : error.getMessage());
            } else {
                RtspUrl was = target.configuredUrl();
                if (target.relocated(next)) {
                    logWarn("stream URL found again: {} (was {})", next, was);
                }
            }
        }));
    }

    private void checkStall() {
        if (state == CameraState.PLAYING && session != null
                && clock.millis() - lastDataMillis > config.noDataTimeoutMs()) {
            session.abort(ErrorKind.DEADLINE_EXCEEDED, "no RTP for " + config.noDataTimeoutMs() + " ms");
        }
    }

    /** Logs with the MDC key {@code camera} set, as every ingest log line should. */
    private void logWarn(String format, Object... args) {
        MDC.put("camera", camera.value());
        try {
            log.warn(format, args);
        } finally {
            MDC.remove("camera");
        }
    }

    private void setState(CameraState next) {
        if (state != next) {
            state = next;
            since = clock.instant();
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Callbacks of one attempt's session; those of an older attempt are ignored. */
    private final class SessionListener implements RtspClientSession.Listener {
        private final int owner;

        SessionListener(int owner) {
            this.owner = owner;
        }

        private boolean current() {
            return owner == attempt && state != CameraState.STOPPED;
        }

        @Override
        public void onPhase(RtspClientSession.Phase phase) {
            if (!current()) {
                return;
            }
            switch (phase) {
                case DESCRIBING -> setState(CameraState.DESCRIBING);
                case SETTING_UP -> setState(CameraState.SETTING_UP);
                case PLAYING -> {
                    attemptPlayed = true;
                    lastDataMillis = clock.millis();
                    setState(CameraState.PLAYING);
                    MDC.put("camera", camera.value());
                    try {
                        log.info("playing {}", target.url());
                    } finally {
                        MDC.remove("camera");
                    }
                }
            }
        }

        @Override
        public void onRtpPacket(int size) {
            if (current()) {
                lastDataMillis = clock.millis();
                counters.rtpBytes(size);
            }
        }

        @Override
        public void onPacketsLost(long count) {
            if (current()) {
                counters.packetsLost(count);
            }
        }

        @Override
        public void onBadPacket(String problem) {
            if (!current()) {
                return;
            }
            counters.badPacket();
            badSinceLog++;
            long now = clock.millis();
            if (now - lastBadLogMillis >= BAD_PACKET_LOG_INTERVAL_MS) {
                logWarn("{} unusable RTP packets in the last {} ms, latest: {}", badSinceLog,
                        lastBadLogMillis == 0 ? 0 : now - lastBadLogMillis, problem);
                lastBadLogMillis = now;
                badSinceLog = 0;
            }
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            if (!current()) {
                return;
            }
            counters.accessUnit(unit, clock.instant(), clock.millis());
            attemptDelivered = true;
            backoff.reset();
            failuresInARow = 0;
            for (Subscription s : subscribers) {
                s.offer(unit);
            }
        }

        @Override
        public void onLimitExceeded(String limit) {
            if (current()) {
                counters.limitExceeded(limit);
            }
        }

        @Override
        public void onServer(String value) {
            if (current()) {
                counters.server(value);
            }
        }

        @Override
        public void onClosed(VigilException cause) {
            if (owner != attempt) {
                return;
            }
            if (state == CameraState.STOPPED) {
                return;
            }
            failed(cause != null ? cause : new VigilException(ErrorKind.UNAVAILABLE, "camera " + camera
                    + ": session closed"));
        }
    }
}
