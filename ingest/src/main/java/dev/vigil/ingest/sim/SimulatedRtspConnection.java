package dev.vigil.ingest.sim;

import dev.vigil.ingest.rtp.RtcpPacket;
import dev.vigil.ingest.rtp.RtpPacket;
import dev.vigil.ingest.rtsp.InterleavedFrame;
import dev.vigil.ingest.rtsp.RtspDecodeFailure;
import dev.vigil.ingest.rtsp.RtspHeaders;
import dev.vigil.ingest.rtsp.RtspRequest;
import dev.vigil.ingest.rtsp.RtspResponse;
import dev.vigil.ingest.rtsp.TransportHeader;
import dev.vigil.core.error.VigilException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Server side of one RTSP connection to a {@link SimulatedCameraServer}: OPTIONS, DESCRIBE, SETUP
 * (TCP interleaved or UDP unicast), PLAY, GET_PARAMETER, TEARDOWN, and the paced stream once playing.
 *
 * <p>Implementation note: one private {@code State} (RFC 2326 appendix A.2: Init, Ready, Playing).
 * Frames are written with a void promise straight from the pacer tick; a connection whose outbound
 * buffer is full skips frames and then waits for the next key frame, as a camera would, so one
 * slow client costs memory bounded by Netty's write-buffer high-water mark.
 */
final class SimulatedRtspConnection extends ChannelInboundHandlerAdapter implements Pacer.Paced {
    private enum State { INIT, READY, PLAYING }

    private static final int PAYLOAD_TYPE = 96;
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN";

    private final SimulatedCameraServer server;
    private final RandomGenerator random;
    private DigestGate digest;
    private State state = State.INIT;
    private ChannelHandlerContext ctx;
    private int camera;
    private String sessionId;
    private int rtpChannel;
    private InetSocketAddress udpDestination;
    private long ssrc;
    private int sequence;
    private long timestampBase;
    /** Seconds between RTCP sender reports. */
    static final int SENDER_REPORT_SECONDS = 5;
    private long nextReportFrame;
    private long packetsSent;
    private long octetsSent;
    private long framesSent;
    private long startNanos;
    private long nextDueNanos;
    private boolean awaitKeyframe;

    SimulatedRtspConnection(SimulatedCameraServer server, RandomGenerator random) {
        this.server = server;
        this.random = random;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        server.connections().add(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopPlaying();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof RtspRequest request) {
                reply(request, handle(request));
            } else if (msg instanceof RtspDecodeFailure) {
                ctx.close();
            }
            // InterleavedFrame: RTCP receiver reports from the client; not used.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private RtspResponse handle(RtspRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (server.credentials() != null && !method.equals("OPTIONS")) {
            if (digest == null) {
                digest = new DigestGate(server.credentials(), random);
            }
            if (!digest.accepts(request.headers().get("Authorization"), method)) {
                return new RtspResponse(401, "Unauthorized", RtspHeaders.of("WWW-Authenticate", digest.challenge()),
                        null);
            }
        }
        switch (method) {
            case "OPTIONS":
                return ok(RtspHeaders.of("Public", PUBLIC));
            case "GET_PARAMETER":
                return ok(RtspHeaders.empty());
            case "DESCRIBE": {
                int cam = server.cameraOf(request.uri());
                if (cam < 0) {
                    return status(404, "Not Found");
                }
                byte[] sdp = server.sdp(cam).getBytes(StandardCharsets.UTF_8);
                return new RtspResponse(200, "OK", RtspHeaders.of("Content-Base", server.url(cam) + "/",
                        "Content-Type", "application/sdp"), sdp);
            }
            case "SETUP":
                return setup(request);
            case "PLAY":
                if (state == State.INIT || !sessionMatches(request)) {
                    return status(454, "Session Not Found");
                }
                if (state == State.READY) {
                    startPlaying();
                }
                return ok(RtspHeaders.of("Range", "npt=0.000-", "RTP-Info", "url=" + server.url(camera)
                        + "/trackID=0;seq=" + sequence + ";rtptime=" + rtpTimestamp(framesSent)));
            case "TEARDOWN":
                if (!sessionMatches(request)) {
                    return status(454, "Session Not Found");
                }
                stopPlaying();
                state = State.INIT;
                return ok(RtspHeaders.empty());
            default:
                return new RtspResponse(405, "Method Not Allowed", RtspHeaders.of("Allow", PUBLIC), null);
        }
    }

    private RtspResponse setup(RtspRequest request) {
        int cam = server.cameraOf(request.uri());
        if (cam < 0) {
            return status(404, "Not Found");
        }
        if (state == State.PLAYING || (sessionId != null && !sessionMatches(request))) {
            return status(455, "Method Not Valid in This State");
        }
        TransportHeader transport;
        try {
            transport = TransportHeader.parse(request.headers().get("Transport"));
        } catch (VigilException e) {
            return status(400, "Bad Request");
        }
        if (!transport.isTcp() && transport.clientPorts() == null) {
            return status(461, "Unsupported Transport"); // UDP without client_port: nowhere to send
        }
        camera = cam;
        rtpChannel = transport.interleaved() != null ? transport.interleaved()[0] : 0;
        udpDestination = transport.isTcp() ? null : new InetSocketAddress(
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), transport.clientPorts()[0]);
        ssrc = random.nextLong(1L << 32);
        sequence = random.nextInt(1 << 16);
        timestampBase = random.nextLong(1L << 32);
        if (sessionId == null) {
            sessionId = HexFormat.of().toHexDigits(random.nextLong()).toUpperCase(Locale.ROOT);
        }
        state = State.READY;
        String ssrcParam = ";ssrc=" + String.format(Locale.ROOT, "%08X", ssrc) + ";mode=play";
        if (udpDestination != null) {
            return ok(RtspHeaders.of("Transport", "RTP/AVP;unicast;client_port=" + transport.clientPorts()[0] + "-"
                    + transport.clientPorts()[1] + ";server_port=" + server.udpServerPorts() + ssrcParam));
        }
        return ok(RtspHeaders.of("Transport", "RTP/AVP/TCP;unicast;interleaved=" + rtpChannel + "-"
                + (rtpChannel + 1) + ssrcParam));
    }

    private boolean sessionMatches(RtspRequest request) {
        String s = request.headers().get("Session");
        return sessionId != null && s != null && s.split(";")[0].strip().equals(sessionId);
    }

    private RtspResponse ok(RtspHeaders headers) {
        return new RtspResponse(200, "OK", headers, null);
    }

    private static RtspResponse status(int code, String reason) {
        return new RtspResponse(code, reason, RtspHeaders.empty(), null);
    }

    private void reply(RtspRequest request, RtspResponse response) {
        RtspHeaders h = RtspHeaders.of("CSeq", String.valueOf(Math.max(0, request.headers().cseq())),
                "Server", "vigil-simulated-camera");
        if (sessionId != null && response.status() < 400) {
            h = h.with("Session", sessionId + ";timeout=60");
        }
        for (RtspHeaders.Field f : response.headers().fields()) {
            h = h.with(f.name(), f.value());
        }
        RtspResponse full = new RtspResponse(response.status(), response.reason(), h, response.body());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(full.encode()))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private void startPlaying() {
        state = State.PLAYING;
        startNanos = System.nanoTime();
        nextDueNanos = startNanos;
        server.pacer().register(this);
    }

    private void stopPlaying() {
        if (state == State.PLAYING) {
            server.pacer().unregister(this);
            state = State.READY;
        }
    }

    private long rtpTimestamp(long frameIndex) {
        return (timestampBase + server.loop().timestampOffset(frameIndex)) & 0xffffffffL;
    }

    @Override
    public long nextDueNanos() {
        return nextDueNanos;
    }

    @Override
    public long sendNext(long nowNanos) {
        PacketizedLoop loop = server.loop();
        if (nowNanos - nextDueNanos > Pacer.maxLagNanos()) {
            // Stalled for over a second: skip ahead (timestamps follow the skipped frames).
            long skip = (nowNanos - nextDueNanos) * loop.fps() / 1_000_000_000L;
            framesSent += skip;
            awaitKeyframe = true;
        }
        PacketizedLoop.Frame frame = loop.frame(framesSent);
        long timestamp = rtpTimestamp(framesSent);
        framesSent++;
        nextDueNanos = startNanos + framesSent * 1_000_000_000L / loop.fps();
        if (awaitKeyframe && !frame.keyframe()) {
            return nextDueNanos;
        }
        Channel out = udpDestination != null ? server.rtpSocket() : ctx.channel();
        if (!out.isWritable()) {
            awaitKeyframe = true;
            server.countSkippedFrame();
            return nextDueNanos;
        }
        awaitKeyframe = false;
        if (framesSent - 1 >= nextReportFrame) {
            // An RTCP sender report every few seconds: this frame's RTP time is "now" on our clock.
            sendSenderReport(timestamp);
            nextReportFrame = framesSent - 1 + (long) loop.fps() * SENDER_REPORT_SECONDS;
        }
        if (udpDestination != null) {
            sendDatagrams(frame, timestamp, out);
        } else {
            sendInterleaved(frame, timestamp);
        }
        packetsSent += frame.payloads().size();
        octetsSent += frame.wireBytes();
        server.countSentFrame();
        return nextDueNanos;
    }

    private void sendSenderReport(long timestamp) {
        byte[] sr = RtcpPacket.senderReport(ssrc, RtcpPacket.ntpFromEpochMillis(System.currentTimeMillis()), timestamp,
                packetsSent, octetsSent);
        if (udpDestination != null) {
            InetSocketAddress rtcpDestination = new InetSocketAddress(udpDestination.getAddress(),
                    udpDestination.getPort() + 1);
            server.rtcpSocket().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(sr), rtcpDestination),
                    server.rtcpSocket().voidPromise());
        } else {
            ByteBuf out = ctx.alloc().buffer(4 + sr.length);
            InterleavedFrame.writeHeader(out, rtpChannel + 1, sr.length);
            out.writeBytes(sr);
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
    }

    private void sendDatagrams(PacketizedLoop.Frame frame, long timestamp, Channel udp) {
        int n = frame.payloads().size();
        for (int i = 0; i < n; i++) {
            byte[] payload = frame.payloads().get(i);
            ByteBuf packet = udp.alloc().buffer(RtpPacket.HEADER_LENGTH + payload.length);
            RtpPacket.writeHeader(packet, PAYLOAD_TYPE, i == n - 1, sequence, timestamp, ssrc);
            packet.writeBytes(payload);
            sequence = (sequence + 1) & 0xffff;
            udp.write(new DatagramPacket(packet, udpDestination), udp.voidPromise()); // udp owns packet now
        }
        udp.flush();
    }

    private void sendInterleaved(PacketizedLoop.Frame frame, long timestamp) {
        ByteBuf out = ctx.alloc().buffer(frame.wireBytes());
        int n = frame.payloads().size();
        for (int i = 0; i < n; i++) {
            byte[] payload = frame.payloads().get(i);
            InterleavedFrame.writeHeader(out, rtpChannel, RtpPacket.HEADER_LENGTH + payload.length);
            RtpPacket.writeHeader(out, PAYLOAD_TYPE, i == n - 1, sequence, timestamp, ssrc);
            out.writeBytes(payload);
            sequence = (sequence + 1) & 0xffff;
        }
        ctx.writeAndFlush(out, ctx.voidPromise()); // the channel takes ownership of out
    }
}
