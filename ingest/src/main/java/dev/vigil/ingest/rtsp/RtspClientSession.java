package dev.vigil.ingest.rtsp;

import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.h264.H264Format;
import dev.vigil.ingest.h265.H265Format;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.sdp.MediaDescription;
import dev.vigil.ingest.sdp.SdpParser;
import dev.vigil.ingest.sdp.SessionDescription;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP client session over one TCP connection, with RTP/RTCP interleaved on it or on a UDP
 * port pair: OPTIONS, DESCRIBE (answering a 401 once with Basic or Digest credentials), SETUP of
 * the first H.264 or H.265 video track, PLAY, keepalives, RTCP receiver reports, TEARDOWN. It sits
 * after an {@link InterleavedFrameDecoder} in the pipeline and reports to a {@link Listener}; it
 * never reconnects (the supervisor does). Requests go through an {@link RtspRequester}; the
 * track's packets through {@link TrackChannels}.
 *
 * <p>Threading: every method runs on the channel's event loop, except {@link #teardown}, which
 * may be called from any thread. Listener callbacks run on the event loop and must not block.
 *
 * <p>Implementation note: one private {@code State}, checked when each response arrives. One
 * request is outstanding at a time, with a timeout ({@code requestTimeout}); a response whose
 * CSeq is not the outstanding one is ignored. Interleaved frames are accepted in any state once
 * SETUP has assigned channels (quirk 7: Reolink sends RTCP before the PLAY response); frames on
 * other channels are dropped (quirk 11, old LIVE555 writing a stale session onto a new
 * connection). A session that fails while the camera holds it for us sends TEARDOWN before the
 * connection closes (quirk 11). RTP-Info is used only for an SSRC not announced before (quirk 6):
 * sequence numbers and RTP times are learned from the first packet (quirks 2, 3).
 */
public final class RtspClientSession extends ChannelInboundHandlerAdapter {

    /** Progress reported to the owner. */
    public enum Phase { DESCRIBING, SETTING_UP, PLAYING }

    /** What the session tells its owner; callbacks are fast and never throw. */
    public interface Listener {
        void onPhase(Phase phase);

        void onRtpPacket(int bytes);

        void onPacketsLost(long count);

        /** A packet that could not be used, with the reason (sizes and values, no secrets). */
        void onBadPacket(String problem);

        void onAccessUnit(AccessUnit unit);

        /** The connection is gone; {@code cause} is {@code null} after a {@link #teardown}. */
        void onClosed(VigilException cause);

        /** The {@code Server} header of the camera's first response that has one. */
        default void onServer(String server) {}

        /** The camera exceeded the limit named {@code limit} (e.g. {@code access_unit_bytes}). */
        default void onLimitExceeded(String limit) {}
    }

    private enum State { CONNECTING, OPTIONS, DESCRIBE, SETUP, PLAY, PLAYING, TEARDOWN, CLOSED }

    private final CameraId camera;
    private final RtspUrl url;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Listener listener;
    private final VideoDepacketizer.Limits limits;
    private final Transport transport;
    private final IoTransport io;

    private State state = State.CONNECTING;
    private volatile ChannelHandlerContext ctx;
    private RtspRequester requests;
    private ScheduledFuture<?> keepaliveTimer;
    private String publicMethods = "";
    private String trackUrl;
    private String sessionUrl;
    private TrackReceiver receiver;
    private TrackChannels track;
    private volatile boolean teardownRequested;
    private boolean serverReported;

    /**
     * @param credentials {@code null} for none; used only to answer a 401
     * @param requestTimeout how long each request may wait for its response
     */
    public RtspClientSession(CameraId camera, RtspUrl url, Credentials credentials, Duration requestTimeout,
            Clock clock, VideoDepacketizer.Limits limits, Listener listener) {
        this(camera, url, credentials, requestTimeout, clock, limits, listener, Transport.TCP, null);
    }

    /**
     * @param transport {@link Transport#TCP} (interleaved) or {@link Transport#UDP}; the supervisor
     *     resolves {@code auto} into one of them for each attempt
     * @param io the channel classes for UDP; may be {@code null} for TCP
     */
    public RtspClientSession(CameraId camera, RtspUrl url, Credentials credentials, Duration requestTimeout,
            Clock clock, VideoDepacketizer.Limits limits, Listener listener, Transport transport, IoTransport io) {
        if (transport == Transport.AUTO || (transport == Transport.UDP && io == null)) {
            throw new IllegalArgumentException("transport must be TCP, or UDP with channel classes, was " + transport);
        }
        this.transport = transport;
        this.io = io;
        this.camera = Objects.requireNonNull(camera, "camera");
        this.url = Objects.requireNonNull(url, "url");
        this.credentials = credentials;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (state != State.CONNECTING) {
            fail(ErrorKind.INTERNAL, "connected in state " + state + ", expected CONNECTING", null);
            return;
        }
        if (teardownRequested) {
            close();
            return;
        }
        requests = new RtspRequester(ctx, credentials, requestTimeout, (method, cause) -> {
            if (cause == null) {
                fail(ErrorKind.DEADLINE_EXCEEDED, method + " not answered within " + requestTimeout.toMillis() + " ms",
                        null);
            } else {
                fail(ErrorKind.UNAVAILABLE, "cannot send " + method + ": " + cause, cause);
            }
        });
        state = State.OPTIONS;
        listener.onPhase(Phase.DESCRIBING);
        requests.send("OPTIONS", url.url());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                if (track != null && state != State.CLOSED) {
                    track.onFrame(frame);
                }
            } else if (msg instanceof RtspResponse response) {
                onResponse(response);
            } else if (msg instanceof RtspRequest request) {
                // Server-to-client requests (ANNOUNCE, SET_PARAMETER, ...): politely refuse.
                String seq = request.headers().get("CSeq");
                RtspResponse reply = new RtspResponse(501, "Not Implemented",
                        RtspHeaders.of("CSeq", seq == null ? "0" : seq), null);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode()));
            } else if (msg instanceof RtspDecodeFailure failure) {
                if (failure.limit() != null) {
                    listener.onLimitExceeded(failure.limit());
                    fail(ErrorKind.RESOURCE_EXHAUSTED, SessionFailure.PROTOCOL_ERROR, "limit " + failure.limit()
                            + " exceeded at stream offset " + failure.streamOffset() + ": " + failure.reason(), null);
                } else {
                    fail(ErrorKind.DATA_LOSS, "unreadable RTSP stream at offset " + failure.streamOffset() + ": "
                            + failure.reason(), null);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.CLOSED) {
            return;
        }
        if (teardownRequested) {
            state = State.CLOSED;
            stopTimers();
            listener.onClosed(null);
        } else {
            fail(ErrorKind.UNAVAILABLE, "connection closed by the camera in state " + state, null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ErrorKind.UNAVAILABLE, "connection error: " + cause, cause);
    }

    /**
     * Ends the session: TEARDOWN when one was set up, then close after the answer, EOF (quirk 30)
     * or {@code wait} (quirk 39), whichever comes first. Safe from any thread, idempotent.
     */
    public void teardown(Duration wait) {
        if (ctx == null) {
            teardownRequested = true; // not connected yet: channelActive will close
            return;
        }
        ctx.executor().execute(() -> {
            if (state == State.CLOSED || teardownRequested) {
                return;
            }
            teardownRequested = true;
            stopTimers();
            if (requests.session() == null || state == State.CONNECTING) {
                close();
                return;
            }
            state = State.TEARDOWN;
            requests.send("TEARDOWN", sessionUrl);
            requests.disarmTimeout(); // the wait below bounds it, not the request timeout
            ctx.executor().schedule(this::close, wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Fails the session from outside (the supervisor's watchdog); safe from any thread. */
    public void abort(ErrorKind kind, String reason) {
        if (ctx != null) {
            ctx.executor().execute(() -> fail(kind, reason, null));
        }
    }

    private void onResponse(RtspResponse response) {
        Optional<RtspRequest> answered = requests.match(response);
        if (answered.isEmpty()) {
            return; // late or unsolicited
        }
        RtspRequest request = answered.get();
        String server = response.headers().get("Server");
        if (!serverReported && server != null) {
            serverReported = true;
            listener.onServer(server.strip());
        }
        if (state == State.TEARDOWN) {
            close(); // quirk 5: 454 or 500 means the session is gone already; that is fine too
            return;
        }
        if (response.status() == 401) {
            switch (requests.challenge(request, response)) {
                case RETRIED -> { }
                case NO_CREDENTIALS -> fail(ErrorKind.UNAUTHENTICATED, request.method()
                        + " needs credentials (401) and none are configured", null);
                case REFUSED -> fail(ErrorKind.UNAUTHENTICATED, request.method() + " refused the credentials of user '"
                        + credentials.user() + "' (401)", null);
            }
            return;
        }
        if (response.status() >= 300 && response.status() < 400 && response.headers().get("Location") != null
                && (state == State.OPTIONS || state == State.DESCRIBE)) {
            String location = response.headers().get("Location").strip();
            String reason = request.method() + " redirected (" + response.status() + ") to "
                    + CredentialRedaction.redactUrl(location);
            closeWith(new RtspSessionException(ErrorKind.UNAVAILABLE, SessionFailure.REDIRECTED, "camera " + camera
                    + ": " + reason, null, location));
            return;
        }
        requests.answered();
        switch (state) {
            case OPTIONS -> {
                // Some cameras refuse OPTIONS; DESCRIBE is what matters.
                publicMethods = Objects.requireNonNullElse(response.headers().get("Public"), "");
                state = State.DESCRIBE;
                requests.send("DESCRIBE", url.url(), "Accept", "application/sdp");
            }
            case DESCRIBE -> onDescribe(response);
            case SETUP -> onSetup(response);
            case PLAY -> onPlay(response);
            case PLAYING -> {
                if (response.status() == 454) {
                    // Quirk 31: the server forgot the session; start again from DESCRIBE (no TEARDOWN).
                    requests.useSession(null);
                    fail(ErrorKind.UNAVAILABLE, "keepalive answered 454 Session Not Found", null);
                }
            }
            default -> fail(ErrorKind.INTERNAL, "response in state " + state, null);
        }
    }

    private void onDescribe(RtspResponse response) {
        if (!response.isSuccess()) {
            fail(response.errorKind(), "DESCRIBE answered " + response.status() + " " + response.reason(), null);
            return;
        }
        // Quirk 21: no Content-Type on DESCRIBE; assume application/sdp.
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(response.bodyText());
        } catch (VigilException e) {
            fail(ErrorKind.INVALID_ARGUMENT, "DESCRIBE returned a bad SDP: " + e.getMessage(), e);
            return;
        }
        // Quirk 28 (Dahua): audio and ONVIF metadata tracks too; only the first H.264/H.265 video is set up.
        Optional<MediaDescription> video = sdp.media().stream()
                .filter(m -> m.type().equals("video") && (m.rtpMap("H264").isPresent() || m.rtpMap("H265").isPresent()))
                .findFirst();
        if (video.isEmpty()) {
            fail(ErrorKind.UNIMPLEMENTED, SessionFailure.UNSUPPORTED_CODEC, "the SDP has no H.264 or H.265 video track ("
                    + sdp.media().size() + " tracks)", null);
            return;
        }
        receiver = receiverFor(video.get());
        track = new TrackChannels(ctx, receiver, listener,
                () -> fail(ErrorKind.UNAVAILABLE, "the camera ended the stream (RTCP BYE)", null));
        String base = response.baseUrl(url.url());
        sessionUrl = SessionDescription.resolveControl(base, sdp.control());
        trackUrl = SessionDescription.resolveControl(base, video.get().control());
        state = State.SETUP;
        listener.onPhase(Phase.SETTING_UP);
        if (transport == Transport.TCP) {
            requests.send("SETUP", trackUrl, "Transport", TransportHeader.tcpRequest(0));
            return;
        }
        track.bindUdp(io).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ErrorKind.RESOURCE_EXHAUSTED, "UDP: " + f.cause().getMessage(), f.cause());
            } else if (state == State.SETUP) {
                requests.send("SETUP", trackUrl, "Transport", TransportHeader.udpRequest(track.udpRtpPort()));
            }
        });
    }

    /** Seeds the receiver with the SDP's parameter sets (quirk 36: some cameras never send them in band). */
    private TrackReceiver receiverFor(MediaDescription video) {
        Optional<H264Format> h264 = H264Format.of(video);
        if (h264.isPresent()) {
            return new TrackReceiver(camera, Codec.H264, h264.get().payloadType(), h264.get().parameterSets(), limits,
                    clock, listener);
        }
        H265Format h265 = H265Format.of(video).orElseThrow();
        return new TrackReceiver(camera, Codec.H265, h265.payloadType(), h265.parameterSets(), limits, clock,
                listener);
    }

    private void onSetup(RtspResponse response) {
        if (!response.isSuccess()) {
            fail(response.errorKind(), response.status() == 461 ? SessionFailure.TRANSPORT_REFUSED
                    : SessionFailure.of(response.errorKind()),
                    "SETUP answered " + response.status() + " " + response.reason(), null);
            return;
        }
        try {
            // Quirk 23: keep the first session id; quirk 40: Session before SETUP is ignored.
            if (requests.session() == null) {
                requests.useSession(SessionHeader.parse(response.headers().get("Session")));
            }
            TransportHeader answer = TransportHeader.parse(response.headers().get("Transport"));
            if (answer.isTcp() != (transport == Transport.TCP)) {
                fail(ErrorKind.UNIMPLEMENTED, SessionFailure.TRANSPORT_REFUSED, "SETUP asked for " + transport
                        + " and was answered with transport " + answer.protocol(), null);
                return;
            }
            track.setUp(answer);
        } catch (VigilException e) {
            fail(ErrorKind.INVALID_ARGUMENT, "bad SETUP response: " + e.getMessage(), e);
            return;
        }
        state = State.PLAY;
        requests.send("PLAY", sessionUrl, "Range", "npt=0.000-");
    }

    private void onPlay(RtspResponse response) {
        if (!response.isSuccess()) {
            fail(response.errorKind(), "PLAY answered " + response.status() + " " + response.reason(), null);
            return;
        }
        state = State.PLAYING;
        // Quirk 6 (Reolink): the SSRC may only be announced here.
        RtpInfo.parse(response.headers().get("RTP-Info")).forTrack(trackUrl, sessionUrl)
                .ifPresent(e -> e.ssrc().ifPresent(receiver::expectSsrcIfUnknown));
        scheduleKeepalive();
        track.play();
        listener.onPhase(Phase.PLAYING);
    }

    private void scheduleKeepalive() {
        long period = Math.max(1000, requests.session().timeoutSeconds() * 1000L / 2);
        // Quirk 25: rtsp-simple-server drops the connection on a method it does not support.
        String method = publicMethods.toUpperCase(Locale.ROOT).contains("GET_PARAMETER") ? "GET_PARAMETER"
                : "OPTIONS";
        keepaliveTimer = ctx.executor().scheduleAtFixedRate(() -> {
            if (state == State.PLAYING && requests.idle()) {
                requests.send(method, method.equals("OPTIONS") ? url.url() : sessionUrl);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void fail(ErrorKind kind, String reason, Throwable cause) {
        fail(kind, SessionFailure.of(kind), reason, cause);
    }

    private void fail(ErrorKind kind, SessionFailure failure, String reason, Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        String peer = ctx == null ? url.host() + ":" + url.port() : String.valueOf(ctx.channel().remoteAddress());
        closeWith(new RtspSessionException(kind, failure, "camera " + camera + " at " + peer + ": " + reason, cause));
    }

    /**
     * Ends the session with {@code cause}. When the camera holds a session for us and the
     * connection is still up, TEARDOWN goes out first (quirk 11: old LIVE555 servers otherwise
     * keep streaming into the dead connection for about a minute).
     */
    private void closeWith(RtspSessionException cause) {
        if (state == State.CLOSED) {
            return;
        }
        boolean holdsSession = requests != null && requests.session() != null && ctx.channel().isActive();
        state = State.CLOSED;
        stopTimers();
        if (holdsSession) {
            requests.sendAndClose("TEARDOWN", sessionUrl);
        } else if (ctx != null) {
            ctx.close();
        }
        listener.onClosed(cause);
    }

    private void close() {
        if (track != null) {
            track.close();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    private void stopTimers() {
        if (track != null) {
            track.close();
        }
        if (requests != null) {
            requests.cancel();
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
    }
}
