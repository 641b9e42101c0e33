package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtp.RtcpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the video track's RTP and RTCP travel: interleaved channels on the RTSP connection, or a
 * UDP port pair. Routes RTP to the {@link TrackReceiver}, reads the camera's RTCP (sender reports
 * for the wall clock, BYE), and sends receiver reports.
 *
 * <p>Lifecycle: created when DESCRIBE names the track; for UDP {@link #bindUdp} before SETUP;
 * {@link #setUp} with SETUP's answer (from then on packets are accepted, quirk 7: RTCP may come
 * before PLAY's answer); {@link #play} starts the timers; {@link #close} stops everything.
 *
 * <p>Threading: everything runs on the connection's event loop. Buffers passed in are borrowed.
 */
final class TrackChannels {
    /** RTCP receiver reports go out this often (RFC 3550 section 6.2 suggests 5 s as the minimum). */
    static final long RECEIVER_REPORT_MS = 5000;

    private final ChannelHandlerContext ctx;
    private final TrackReceiver receiver;
    private final RtspClientSession.Listener listener;
    /** Called when the camera ends the stream with RTCP BYE. */
    private final Runnable onBye;
    private final long ourSsrc = new SecureRandom().nextInt() & 0xffffffffL;

    private UdpRtpChannels udp;
    private InetSocketAddress cameraRtcp;
    private int rtpChannel = -1;
    private boolean accepting;
    private boolean closed;
    private ScheduledFuture<?> reorderTimer;
    private ScheduledFuture<?> reportTimer;

    TrackChannels(ChannelHandlerContext ctx, TrackReceiver receiver, RtspClientSession.Listener listener,
            Runnable onBye) {
        this.ctx = ctx;
        this.receiver = receiver;
        this.listener = listener;
        this.onBye = onBye;
    }

    /**
     * Binds the UDP port pair on the control connection's local address; the future completes on
     * the event loop. If the channels were closed meanwhile, the ports are released at once.
     */
    Future<UdpRtpChannels> bindUdp(IoTransport io) {
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        Future<UdpRtpChannels> bound = UdpRtpChannels.bind(ctx.channel().eventLoop(), io, local.getAddress(),
                peer.getAddress(), this::onUdpRtp, this::onRtcp);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                udp = bound.getNow();
                if (closed) {
                    udp.close();
                }
            }
        });
        return bound;
    }

    int udpRtpPort() {
        return udp.rtpPort();
    }

    /** SETUP was answered with {@code answer}: packets are accepted from now on. */
    void setUp(TransportHeader answer) {
        if (udp == null) {
            rtpChannel = answer.interleaved() != null ? answer.interleaved()[0] : 0;
        } else {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            cameraRtcp = answer.serverPorts() == null ? null
                    : new InetSocketAddress(peer.getAddress(), answer.serverPorts()[1]);
        }
        receiver.expectSsrc(answer.ssrc());
        accepting = true;
    }

    /** PLAY was answered: reorder polling (UDP) and receiver reports start. */
    void play() {
        if (udp != null) {
            reorderTimer = ctx.executor().scheduleAtFixedRate(receiver::pollReorder, TrackReceiver.REORDER_DELAY_MS,
                    TrackReceiver.REORDER_DELAY_MS, TimeUnit.MILLISECONDS);
        }
        reportTimer = ctx.executor().scheduleAtFixedRate(this::sendReceiverReport, RECEIVER_REPORT_MS,
                RECEIVER_REPORT_MS, TimeUnit.MILLISECONDS);
    }

    /** An interleaved frame from the RTSP connection. Borrows {@code frame}. */
    void onFrame(InterleavedFrame frame) {
        if (!accepting || udp != null) {
            return;
        }
        if (frame.channel() == rtpChannel) {
            receiver.receive(frame.content());
        } else if (frame.channel() == rtpChannel + 1) {
            onRtcp(frame.content());
        }
        // Quirk 11 (old LIVE555): data on channels never set up is a stale session's: ignored.
    }

    void close() {
        closed = true;
        accepting = false;
        if (reorderTimer != null) {
            reorderTimer.cancel(false);
        }
        if (reportTimer != null) {
            reportTimer.cancel(false);
        }
        if (udp != null) {
            udp.close();
        }
    }

    private void onUdpRtp(ByteBuf datagram) {
        if (accepting) {
            receiver.receiveDatagram(datagram);
        }
    }

    /** One RTCP compound packet from the camera. Borrows {@code content}. */
    private void onRtcp(ByteBuf content) {
        if (!accepting) {
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
                onBye.run();
                return;
            }
        }
    }

    private void sendReceiverReport() {
        byte[] rr = receiver.receiverReport(ourSsrc);
        if (rr == null || !accepting) {
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
}
