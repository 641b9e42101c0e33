package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.ingest.rtp.ReceptionStats;
import dev.vigil.ingest.rtp.ReorderBuffer;
import dev.vigil.ingest.rtp.RtcpPacket;
import dev.vigil.ingest.rtp.WallClockMapper;
import dev.vigil.ingest.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.util.Objects;

/**
 * The RTP of one set-up H.264 or H.265 track, whatever carried it (an interleaved frame today, a UDP
 * datagram later): parse, keep only the track's payload type and SSRC, depacketize, and report
 * to the session's {@link RtspClientSession.Listener}. Bad packets are reported, never thrown.
 *
 * <p>Not thread-safe: used on the session's event loop.
 */
final class TrackReceiver {
    /** How many packets of one other SSRC in a row make us follow it (the SETUP value was wrong). */
    private static final int SSRC_RELOCK_PACKETS = 64;

    private final int payloadType;
    private final VideoDepacketizer depacketizer;
    private final Clock clock;
    private final RtspClientSession.Listener listener;
    /** UDP reorder window: packets held at most, and how long one waits for a missing predecessor. */
    static final int REORDER_PACKETS = 64;
    static final long REORDER_DELAY_MS = 50;

    private ReorderBuffer reorder;
    private final WallClockMapper wallClock = new WallClockMapper();
    private final ReceptionStats stats = new ReceptionStats();
    private long ssrc = -1;
    private long otherSsrc = -1;
    private int otherSsrcRun;

    /**
     * @param codec H.264 or H.265
     * @param payloadType the track's payload type from the SDP
     * @param parameterSets from the SDP, or {@code null} to wait for in-band ones
     */
    TrackReceiver(CameraId camera, Codec codec, int payloadType, ParameterSets parameterSets,
            VideoDepacketizer.Limits limits, Clock clock,
            RtspClientSession.Listener listener) {
        this.payloadType = payloadType;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.depacketizer = new VideoDepacketizer(camera, codec, limits, wallClock::wallClock);
        depacketizer.setParameterSets(parameterSets);
    }

    /** The SSRC announced in SETUP's Transport; -1 to learn it from the first packet (quirk 6, Reolink). */
    void expectSsrc(long expected) {
        this.ssrc = expected;
    }

    /** An SSRC learned after SETUP (RTP-Info, quirk 6); ignored when one is known already. */
    void expectSsrcIfUnknown(long announced) {
        if (ssrc < 0) {
            ssrc = announced;
        }
    }

    /** Handles one RTP packet. Borrows {@code packet}: the caller still owns and releases it. */
    void receive(ByteBuf packet) {
        RtpPacket rtp = parse(packet);
        if (rtp != null) {
            process(rtp);
        }
    }

    /**
     * Handles one RTP packet that came over UDP, where packets may arrive out of order: it goes
     * through a {@link ReorderBuffer} first. Borrows {@code packet}.
     */
    void receiveDatagram(ByteBuf packet) {
        RtpPacket rtp = parse(packet);
        if (rtp == null) {
            return;
        }
        if (reorder == null) {
            reorder = new ReorderBuffer(REORDER_PACKETS, REORDER_DELAY_MS);
        }
        long dropped = reorder.dropped();
        for (RtpPacket ready : reorder.offer(rtp, clock.millis())) {
            process(ready);
        }
        if (reorder.dropped() > dropped) {
            listener.onBadPacket("late or duplicate UDP packet, seq=" + rtp.sequence());
        }
    }

    /** Releases UDP packets that waited too long for a missing one; call now and then while playing. */
    void pollReorder() {
        if (reorder != null) {
            for (RtpPacket ready : reorder.poll(clock.millis())) {
                process(ready);
            }
        }
    }

    private RtpPacket parse(ByteBuf packet) {
        try {
            RtpPacket rtp = RtpPacket.parse(packet);
            listener.onRtpPacket(packet.readableBytes());
            return rtp;
        } catch (VigilException e) {
            listener.onBadPacket(e.getMessage());
            return null;
        }
    }

    private void process(RtpPacket rtp) {
        if (rtp.payloadType() != payloadType) {
            // Quirk 12 (Geovision): PT 50 junk among the video packets.
            listener.onBadPacket("payload type " + rtp.payloadType() + " is not the SDP's " + payloadType);
            return;
        }
        if (!acceptSsrc(rtp.ssrc())) {
            return;
        }
        stats.onPacket(rtp.sequence(), rtp.timestamp(), clock.millis());
        long lost = depacketizer.lostPackets();
        long bad = depacketizer.malformedPackets();
        long overLimit = depacketizer.limitViolations();
        depacketizer.push(rtp, clock.instant());
        if (depacketizer.lostPackets() > lost) {
            listener.onPacketsLost(depacketizer.lostPackets() - lost);
        }
        if (depacketizer.malformedPackets() > bad) {
            listener.onBadPacket(depacketizer.lastProblem());
        }
        if (depacketizer.limitViolations() > overLimit) {
            listener.onLimitExceeded("access_unit_size");
        }
        for (AccessUnit unit = depacketizer.pull(); unit != null; unit = depacketizer.pull()) {
            listener.onAccessUnit(unit);
        }
    }

    /**
     * Takes a sender report; returns false (and ignores it) when it is not from the track's source
     * (quirk 24, Tapo C320WS: RTCP with an unknown SSRC is dropped, not fatal).
     */
    boolean onSenderReport(RtcpPacket.SenderReport sr) {
        if (ssrc >= 0 && sr.ssrc() != ssrc) {
            return false;
        }
        wallClock.onSenderReport(sr);
        stats.onSenderReport(sr, clock.millis());
        return true;
    }

    /** Whether {@code packetSsrc} is the track's source (true while it is not known yet). */
    boolean isSource(long packetSsrc) {
        return ssrc < 0 || packetSsrc == ssrc;
    }

    /** A receiver report about the track's source, or {@code null} before any packet. */
    byte[] receiverReport(long ourSsrc) {
        return stats.started() && ssrc >= 0 ? stats.receiverReport(ourSsrc, ssrc, clock.millis()) : null;
    }

    /**
     * Quirk 8 (Reolink RLC-410): packets of an old session on a new one carry another SSRC; drop
     * them. Without an SSRC from SETUP, lock on the first packet. If one other SSRC is all that
     * arrives for {@value #SSRC_RELOCK_PACKETS} packets, the SETUP value was wrong: follow the stream.
     */
    private boolean acceptSsrc(long packetSsrc) {
        if (ssrc < 0 || packetSsrc == ssrc) {
            ssrc = packetSsrc;
            otherSsrcRun = 0;
            return true;
        }
        if (packetSsrc == otherSsrc && ++otherSsrcRun >= SSRC_RELOCK_PACKETS) {
            ssrc = packetSsrc;
            otherSsrcRun = 0;
            return true;
        }
        if (packetSsrc != otherSsrc) {
            otherSsrc = packetSsrc;
            otherSsrcRun = 1;
        }
        listener.onBadPacket("SSRC " + Long.toHexString(packetSsrc) + " is not the session's " + Long.toHexString(ssrc));
        return false;
    }
}
