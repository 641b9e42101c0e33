package dev.vigil.ingest.supervisor;

import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.RtspSessionException;
import dev.vigil.ingest.rtsp.TlsContexts;
import io.netty.handler.ssl.SslContext;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.InterleavedFrameDecoder;
import dev.vigil.ingest.rtsp.RtspClientSession;
import dev.vigil.ingest.rtsp.RtspUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
    /**
     * The configured URL (replaced when a {@link StreamRelocator} finds a new one); {@link #url}
     * differs from it while a redirect is followed.
     */
    private volatile RtspUrl configuredUrl;
    private final Credentials configuredCredentials;
    private volatile RtspUrl url;
    private volatile Credentials credentials;
    private int redirects;
    private final IngestConfig config;
    private final EventLoop loop;
    private final IoTransport transport;
    private final Clock clock;
    private final Backoff backoff;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final RateMeter rate = new RateMeter();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    // Written on the event loop only; volatile for health() readers.
    private volatile CameraState state = CameraState.NEW;
    private volatile Instant since;
    private volatile Instant lastFrameTime;
    private volatile long accessUnits;
    private volatile long keyframes;
    private volatile long bytes;
    private volatile long packetsLost;
    private volatile long badPackets;
    private volatile long reconnects;
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
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> limitViolations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String server;
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
        this.url = endpoint.url();
        this.credentials = endpoint.credentials();
        this.configuredUrl = this.url;
        this.configuredCredentials = this.credentials;
        this.mode = endpoint.transport();
        this.quirk = endpoint.quirk();
        this.currentTransport = mode == Transport.AUTO ? Transport.TCP : mode;
        this.config = Objects.requireNonNull(config, "config");
        this.tls = tls != null || !url.secure() ? tls : TlsContexts.client(config.tlsTrustFile());
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
        return new CameraHealth(camera, state, since, lastFrameTime, rate.fps(now), rate.bitsPerSecond(now),
                accessUnits, keyframes, bytes, packetsLost, badPackets, drops, reconnects, lastError, lastFailure, server,
                currentTransport, limitCounts(), state == CameraState.BACKING_OFF ? nextAttempt : null);
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
        session = new RtspClientSession(camera, url, credentials, Duration.ofMillis(config.requestTimeoutMs()),
                clock, VideoDepacketizer.Limits.defaults(), new SessionListener(thisAttempt), currentTransport,
                transport);
        RtspClientSession current = session;
        RtspUrl target = url;
        if (target.secure() && tls == null) {
            tls = TlsContexts.client(config.tlsTrustFile()); // a redirect to rtsps://
        }
        SslContext tlsContext = tls;
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMs())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (target.secure()) {
                            ch.pipeline().addLast("tls", tlsContext.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast("demux", new InterleavedFrameDecoder());
                        ch.pipeline().addLast("session", current);
                    }
                })
                .connect(target.host(), target.port());
        channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && thisAttempt == attempt) {
                failed(new VigilException(ErrorKind.UNAVAILABLE, "camera " + camera + " at " + url.host() + ":"
                        + url.port() + ": cannot connect: " + f.cause(), f.cause()));
            }
        });
    }

    private void failed(VigilException cause) {
        if (state == CameraState.STOPPED || state == CameraState.BACKING_OFF) {
            return;
        }
        lastError = cause.getMessage();
        lastFailure = RtspSessionException.failureOf(cause);
        long delay = backoff.nextDelayMs();
        if (cause instanceof RtspSessionException r && r.location() != null) {
            delay = followRedirect(r.location(), delay);
        } else {
            url = configuredUrl; // start again from the configured URL after any other failure
            credentials = configuredCredentials;
            redirects = 0;
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
        reconnects++;
        logWarn("{} ({}); reconnecting in {} ms", cause.getMessage(), cause.kind(), delay);
        if (relocator != null && ++failuresInARow >= relocateAfter && !relocating) {
            relocate();
        }
        session = null;
        setState(CameraState.BACKING_OFF);
        nextAttempt = clock.instant().plusMillis(delay);
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Follows a redirect at once, at most {@value #MAX_REDIRECTS} in a row; credentials go along only
     * to the same host. Returns the delay before the next attempt.
     */
    private long followRedirect(String location, long backoffDelay) {
        RtspUrl target;
        try {
            target = RtspUrl.parse(location);
        } catch (VigilException e) {
            lastError = "camera " + camera + ": redirect to an unusable URL: " + e.getMessage();
            url = configuredUrl;
            credentials = configuredCredentials;
            redirects = 0;
            return backoffDelay;
        }
        if (++redirects > MAX_REDIRECTS) {
            lastError = "camera " + camera + ": more than " + MAX_REDIRECTS + " redirects in a row";
            url = configuredUrl;
            credentials = configuredCredentials;
            redirects = 0;
            return backoffDelay;
        }
        credentials = target.host().equalsIgnoreCase(configuredUrl.host()) ? configuredCredentials : target.embedded();
        url = target;
        return 0;
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
            } else if (!next.equals(configuredUrl)) {
                logWarn("stream URL found again: {} (was {})", next, configuredUrl);
                configuredUrl = next;
                url = next;
                redirects = 0;
            }
        }));
    }

    private java.util.Map<String, Long> limitCounts() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        limitViolations.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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
                        log.info("playing {}", url);
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
                bytes += size;
            }
        }

        @Override
        public void onPacketsLost(long count) {
            if (current()) {
                packetsLost += count;
            }
        }

        @Override
        public void onBadPacket(String problem) {
            if (!current()) {
                return;
            }
            badPackets++;
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
            accessUnits++;
            attemptDelivered = true;
            if (unit.keyframe()) {
                keyframes++;
            }
            lastFrameTime = clock.instant();
            rate.record(clock.millis(), unit.payloadBytes());
            backoff.reset();
            failuresInARow = 0;
            for (Subscription s : subscribers) {
                s.offer(unit);
            }
        }

        @Override
        public void onLimitExceeded(String limit) {
            if (current()) {
                limitViolations.computeIfAbsent(limit, k -> new java.util.concurrent.atomic.LongAdder()).increment();
            }
        }

        @Override
        public void onServer(String value) {
            if (current()) {
                server = value;
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
