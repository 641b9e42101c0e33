package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.core.model.Codec;
import dev.vigil.ingest.h264.H264Format;
import dev.vigil.ingest.h265.H265Format;
import dev.vigil.ingest.sdp.MediaDescription;
import dev.vigil.ingest.sdp.SdpParser;
import dev.vigil.ingest.sdp.SessionDescription;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.IoTransport;
import io.netty.buffer.ByteBuf;
import dev.vigil.ingest.rtp.RtcpPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP client session over one TCP connection, with RTP/RTCP interleaved on it or on a UDP
 * port pair: OPTIONS, DESCRIBE (answering a 401 once with Basic or Digest credentials), SETUP of
 * the first H.264 or H.265 video track, PLAY, keepalives, RTCP receiver reports, TEARDOWN. It sits after an {@link InterleavedFrameDecoder} in the pipeline
 * and reports to a {@link Listener}; it never reconnects (the supervisor does).
 *
 * <p>Threading: every method runs on the channel's event loop, except {@link #teardown}, which
 * may be called from any thread. Listener callbacks run on the event loop and must not block.
 *
 * <p>Implementation note: one private {@code State}, checked when each response arrives. One
 * request is outstanding at a time, with a timeout ({@code requestTimeout}); a response whose
 * CSeq is not the outstanding one is ignored. Interleaved frames are accepted in any state once
 * SETUP has assigned channels (quirk 7: Reolink sends RTCP before the PLAY response); frames on
 * other channels are dropped (quirk 11, old LIVE555 writing a stale session onto a new
 * connection). RTP-Info is not used: sequence and SSRC are learned from the first packet
 * (quirks 2, 6), or from the SETUP {@code ssrc} when given.
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

    private static final String USER_AGENT = "vigil/0.1";

    private final CameraId camera;
    private final RtspUrl url;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Listener listener;
    private final VideoDepacketizer.Limits limits;
    private final SecureRandom random = new SecureRandom();

    private State state = State.CONNECTING;
    private volatile ChannelHandlerContext ctx;
    private int cseq;
    private RtspRequest outstanding;
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private Authenticator authenticator;
    private boolean authAnswered;
    private String publicMethods = "";
    private String trackUrl;
    private String sessionUrl;
    private SessionHeader session;
    private int rtpChannel = -1;
    private TrackReceiver receiver;
    private volatile boolean teardownRequested;
    private boolean serverReported;
    private final Transport transport;
    private final IoTransport io;
    private UdpRtpChannels udp;
    private ScheduledFuture<?> reorderTimer;
    private ScheduledFuture<?> reportTimer;
    private InetSocketAddress cameraRtcp;
    private final long ourSsrc = new SecureRandom().nextInt() & 0xffffffffL;
    /** RTCP receiver reports go out this often (RFC 3550 section 6.2 suggests 5 s as the minimum). */
    static final long RECEIVER_REPORT_MS = 5000;

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
        state = State.OPTIONS;
        listener.onPhase(Phase.DESCRIBING);
        send("OPTIONS", url.url());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                onFrame(frame);
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
            cancelTimers();
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
            cancelTimers();
            if (session == null || state == State.CONNECTING) {
                close();
                return;
            }
            state = State.TEARDOWN;
            send("TEARDOWN", sessionUrl);
            requestTimer.cancel(false);
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
        int seq = response.headers().cseq();
        if (outstanding == null || (seq >= 0 && seq != cseq)) {
            return; // late or unsolicited; a camera without CSeq (seq < 0) is matched to what we sent
        }
        RtspRequest request = outstanding;
        outstanding = null;
        requestTimer.cancel(false);
        if (!serverReported && response.headers().get("Server") != null) {
            serverReported = true;
            listener.onServer(response.headers().get("Server").strip());
        }
        if (response.status() == 401 && state != State.TEARDOWN) {
            if (credentials == null) {
                fail(ErrorKind.UNAUTHENTICATED, request.method() + " needs credentials (401) and none are configured",
                        null);
                return;
            }
            Optional<Authenticator> auth = authAnswered ? Optional.empty()
                    : Authenticator.forChallenges(response.headers().getAll("WWW-Authenticate"), credentials,
                            () -> HexFormat.of().formatHex(random.generateSeed(8)));
            if (auth.isEmpty()) {
                fail(ErrorKind.UNAUTHENTICATED, request.method() + " refused the credentials of user '"
                        + credentials.user() + "' (401)", null);
                return;
            }
            authenticator = auth.get();
            authAnswered = true;
            send(request.method(), request.uri(), extraHeaders(request));
            return;
        }
        if (response.status() >= 300 && response.status() < 400 && response.headers().get("Location") != null
                && (state == State.OPTIONS || state == State.DESCRIBE)) {
            String location = response.headers().get("Location").strip();
            String reason = request.method() + " redirected (" + response.status() + ") to "
                    + dev.vigil.core.config.CredentialRedaction.redactUrl(location);
            closeWith(new RtspSessionException(ErrorKind.UNAVAILABLE, SessionFailure.REDIRECTED, "camera " + camera
                    + ": " + reason, null, location));
            return;
        }
        // A 401 is answered once per request: after any other answer, a later 401 (a stale Digest
        // nonce on a keepalive, say) may be answered again with the new challenge.
        authAnswered = false;
        switch (state) {
            case OPTIONS -> {
                // Some cameras refuse OPTIONS; DESCRIBE is what matters.
                publicMethods = Objects.requireNonNullElse(response.headers().get("Public"), "");
                state = State.DESCRIBE;
                send("DESCRIBE", url.url(), "Accept", "application/sdp");
            }
            case DESCRIBE -> onDescribe(response);
            case SETUP -> onSetup(response);
            case PLAY -> {
                if (!response.isSuccess()) {
                    fail(statusKind(response), "PLAY answered " + response.status() + " " + response.reason(), null);
                    return;
                }
                state = State.PLAYING;
                // Quirk 6 (Reolink): the SSRC may only be announced here. Sequence numbers and RTP
                // times in RTP-Info are not used (quirks 2, 3): the first packet is what counts.
                RtpInfo.parse(response.headers().get("RTP-Info")).forTrack(trackUrl, sessionUrl)
                        .flatMap(e -> e.ssrc().isPresent() ? java.util.Optional.of(e.ssrc().getAsLong())
                                : java.util.Optional.empty())
                        .ifPresent(receiver::expectSsrcIfUnknown);
                scheduleKeepalive();
                if (udp != null) {
                    reorderTimer = ctx.executor().scheduleAtFixedRate(receiver::pollReorder,
                            TrackReceiver.REORDER_DELAY_MS, TrackReceiver.REORDER_DELAY_MS, TimeUnit.MILLISECONDS);
                }
                reportTimer = ctx.executor().scheduleAtFixedRate(this::sendReceiverReport, RECEIVER_REPORT_MS,
                        RECEIVER_REPORT_MS, TimeUnit.MILLISECONDS);
                listener.onPhase(Phase.PLAYING);
            }
            case PLAYING -> {
                if (response.status() == 454) {
                    // Quirk 31: the server forgot the session; start again from DESCRIBE.
                    fail(ErrorKind.UNAVAILABLE, "keepalive answered 454 Session Not Found", null);
                }
            }
            case TEARDOWN -> close();
            default -> fail(ErrorKind.INTERNAL, "response in state " + state, null);
        }
    }

    private void onDescribe(RtspResponse response) {
        if (!response.isSuccess()) {
            fail(statusKind(response), "DESCRIBE answered " + response.status() + " " + response.reason(), null);
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
        Optional<H264Format> h264 = H264Format.of(video.get());
        if (h264.isPresent()) {
            receiver = new TrackReceiver(camera, Codec.H264, h264.get().payloadType(), h264.get().parameterSets(),
                    limits, clock, listener);
        } else {
            H265Format h265 = H265Format.of(video.get()).orElseThrow();
            receiver = new TrackReceiver(camera, Codec.H265, h265.payloadType(), h265.parameterSets(), limits, clock,
                    listener);
        }
        String base = baseUrl(response, url.url());
        sessionUrl = SessionDescription.resolveControl(base, sdp.control());
        trackUrl = SessionDescription.resolveControl(base, video.get().control());
        state = State.SETUP;
        listener.onPhase(Phase.SETTING_UP);
        if (transport == Transport.TCP) {
            send("SETUP", trackUrl, "Transport", TransportHeader.tcpRequest(0));
            return;
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        UdpRtpChannels.bind(ctx.channel().eventLoop(), io, local.getAddress(), peer.getAddress(),
                this::onUdpRtp, this::onRtcp).addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(ErrorKind.RESOURCE_EXHAUSTED, "UDP: " + f.cause().getMessage(), f.cause());
                        return;
                    }
                    udp = (UdpRtpChannels) f.getNow();
                    if (state != State.SETUP) {
                        udp.close(); // the session ended while binding
                        return;
                    }
                    send("SETUP", trackUrl, "Transport", TransportHeader.udpRequest(udp.rtpPort()));
                });
    }

    private void onUdpRtp(ByteBuf datagram) {
        if (state == State.PLAY || state == State.PLAYING) {
            receiver.receiveDatagram(datagram);
        }
    }

    private void onSetup(RtspResponse response) {
        if (!response.isSuccess()) {
            fail(statusKind(response), response.status() == 461 ? SessionFailure.TRANSPORT_REFUSED
                    : SessionFailure.of(statusKind(response)),
                    "SETUP answered " + response.status() + " " + response.reason(), null);
            return;
        }
        try {
            // Quirk 23: keep the first session id; quirk 40: Session before SETUP is ignored.
            if (session == null) {
                session = SessionHeader.parse(response.headers().get("Session"));
            }
            TransportHeader answer = TransportHeader.parse(response.headers().get("Transport"));
            if (answer.isTcp() != (transport == Transport.TCP)) {
                fail(ErrorKind.UNIMPLEMENTED, SessionFailure.TRANSPORT_REFUSED, "SETUP asked for " + transport
                        + " and was answered with transport " + answer.protocol(), null);
                return;
            }
            if (transport == Transport.TCP) {
                rtpChannel = answer.interleaved() != null ? answer.interleaved()[0] : 0;
            } else {
                rtpChannel = 0; // marks the track as set up; UDP datagrams carry no channel
                InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
                cameraRtcp = answer.serverPorts() == null ? null
                        : new InetSocketAddress(peer.getAddress(), answer.serverPorts()[1]);
            }
            receiver.expectSsrc(answer.ssrc());
        } catch (VigilException e) {
            fail(ErrorKind.INVALID_ARGUMENT, "bad SETUP response: " + e.getMessage(), e);
            return;
        }
        state = State.PLAY;
        send("PLAY", sessionUrl, "Range", "npt=0.000-");
    }

    private void onFrame(InterleavedFrame frame) {
        if (rtpChannel < 0 || state == State.CLOSED || udp != null) {
            return;
        }
        if (frame.channel() == rtpChannel) {
            receiver.receive(frame.content());
        } else if (frame.channel() == rtpChannel + 1) {
            onRtcp(frame.content());
        }
        // Quirk 11 (old LIVE555): data on channels never set up is a stale session's: ignored.
    }

    /** One RTCP compound packet from the camera. Borrows {@code content}. */
    private void onRtcp(ByteBuf content) {
        if (receiver == null || !(state == State.PLAY || state == State.PLAYING)) {
            return;
        }
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.parseCompound(bytes, 0, bytes.length);
        } catch (VigilException e) {
            listener.onBadPacket("RTCP: " + e.getMessage());
            return;
        }
        for (RtcpPacket p : packets) {
            if (p instanceof RtcpPacket.SenderReport sr) {
                if (!receiver.onSenderReport(sr)) {
                    listener.onBadPacket("RTCP SR from unknown SSRC " + Long.toHexString(sr.ssrc()));
                }
            } else if (p instanceof RtcpPacket.Bye bye && bye.ssrcs().stream().anyMatch(receiver::isSource)) {
                // Quirk 38: after BYE the stream stops; start again from DESCRIBE (the track URL may change).
                fail(ErrorKind.UNAVAILABLE, "the camera ended the stream (RTCP BYE)", null);
                return;
            }
        }
    }

    private void sendReceiverReport() {
        byte[] rr = receiver.receiverReport(ourSsrc);
        if (rr == null || state != State.PLAYING) {
            return;
        }
        if (udp != null) {
            if (cameraRtcp != null) {
                udp.sendRtcp(Unpooled.wrappedBuffer(rr), cameraRtcp);
            }
        } else {
            ByteBuf frame = ctx.alloc().buffer(4 + rr.length);
            frame.writeByte('$').writeByte(rtpChannel + 1).writeShort(rr.length).writeBytes(rr);
            ctx.writeAndFlush(frame);
        }
    }

    private void scheduleKeepalive() {
        long period = Math.max(1000, session.timeoutSeconds() * 1000L / 2);
        // Quirk 25: rtsp-simple-server drops the connection on a method it does not support.
        String method = publicMethods.toUpperCase(Locale.ROOT).contains("GET_PARAMETER") ? "GET_PARAMETER"
                : "OPTIONS";
        keepaliveTimer = ctx.executor().scheduleAtFixedRate(() -> {
            if (state == State.PLAYING && outstanding == null) {
                send(method, method.equals("OPTIONS") ? url.url() : sessionUrl);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void send(String method, String uri, String... headers) {
        RtspHeaders h = RtspHeaders.of("CSeq", Integer.toString(++cseq), "User-Agent", USER_AGENT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h = h.with(headers[i], headers[i + 1]);
        }
        if (session != null) {
            h = h.with("Session", session.id());
        }
        if (authenticator != null) {
            h = h.with("Authorization", authenticator.authorization(method, uri));
        }
        outstanding = new RtspRequest(method, uri, h, null);
        requestTimer = ctx.executor().schedule(() -> fail(ErrorKind.DEADLINE_EXCEEDED, method
                + " not answered within " + requestTimeout.toMillis() + " ms", null),
                requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(outstanding.encode())).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                fail(ErrorKind.UNAVAILABLE, "cannot send " + method + ": " + f.cause(), f.cause());
            }
        });
    }

    private static String[] extraHeaders(RtspRequest request) {
        List<RtspHeaders.Field> fields = request.headers().fields().stream()
                .filter(f -> !List.of("cseq", "user-agent", "session", "authorization")
                        .contains(f.name().toLowerCase(Locale.ROOT)))
                .toList();
        String[] out = new String[fields.size() * 2];
        for (int i = 0; i < fields.size(); i++) {
            out[2 * i] = fields.get(i).name();
            out[2 * i + 1] = fields.get(i).value();
        }
        return out;
    }

    /** Content-Base, else Content-Location, else the request URL (RFC 2326 section C.1.1). */
    static String baseUrl(RtspResponse response, String requestUrl) {
        String base = response.headers().get("Content-Base");
        if (base == null || base.isEmpty()) {
            base = response.headers().get("Content-Location");
        }
        if (base == null || base.isEmpty()) {
            return requestUrl;
        }
        if (!base.regionMatches(true, 0, "rtsp://", 0, 7) && !base.regionMatches(true, 0, "rtsps://", 0, 8)) {
            base = "rtsp://" + base; // quirk 20 (Anjvision): Content-Base without a scheme
        }
        return base;
    }

    private static ErrorKind statusKind(RtspResponse response) {
        return switch (response.status()) {
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.PERMISSION_DENIED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 461 -> ErrorKind.UNIMPLEMENTED;
            default -> ErrorKind.UNAVAILABLE;
        };
    }

    private void fail(ErrorKind kind, String reason, Throwable cause) {
        fail(kind, SessionFailure.of(kind), reason, cause);
    }

    /** Ends the session with {@code cause} as given. */
    private void closeWith(RtspSessionException cause) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelTimers();
        if (ctx != null) {
            ctx.close();
        }
        listener.onClosed(cause);
    }

    private void fail(ErrorKind kind, SessionFailure failure, String reason, Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelTimers();
        String peer = ctx == null ? url.host() + ":" + url.port() : String.valueOf(ctx.channel().remoteAddress());
        if (ctx != null) {
            ctx.close();
        }
        listener.onClosed(new RtspSessionException(kind, failure, "camera " + camera + " at " + peer + ": " + reason,
                cause));
    }

    private void close() {
        if (udp != null) {
            udp.close();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    private void cancelTimers() {
        if (reorderTimer != null) {
            reorderTimer.cancel(false);
        }
        if (reportTimer != null) {
            reportTimer.cancel(false);
        }
        if (udp != null) {
            udp.close();
        }
        if (requestTimer != null) {
            requestTimer.cancel(false);
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
    }
}
