package dev.vigil.ingest.rtp;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.ingest.h264.NalType;
import dev.vigil.ingest.h265.H265NalType;
import dev.vigil.ingest.h264.AnnexB;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns the RTP packets of one H.264 stream (RFC 6184, packetization modes 0 and 1) or H.265
 * stream (RFC 7798, without DONL) into whole {@link AccessUnit}s. Push/pull: {@link #push} one packet, then {@link #pull} until it returns
 * {@code null}. Pure: no I/O, no logging, no clock (the caller passes the arrival time).
 *
 * <p>Contract:
 * <ul>
 *   <li>Never emits a half-built access unit. After packet loss (a sequence gap) the unit in
 *       progress and every packet of the timestamp that revealed the gap are dropped.
 *   <li>The first unit after a loss has {@code discontinuity = true}; so has every non-IDR unit
 *       after a loss (and at the start of the stream, when joined mid-GOP) until the next IDR.
 *   <li>Bad packets are counted ({@link #malformedPackets()}), never thrown; {@link #lastProblem()}
 *       describes the most recent one for a rate-limited log line.
 *   <li>Bounds: {@link Limits#maxAccessUnitBytes()} and {@link Limits#maxNalUnits()}; a unit over
 *       either is dropped and counted in {@link #droppedAccessUnits()}.
 * </ul>
 * Not thread-safe: one instance per stream, driven from one thread (its event loop).
 *
 * <p>Implementation note: NAL units are grouped by RTP timestamp (all packets of one access unit
 * share it, RFC 6184 section 5.1). A unit ends when the timestamp changes or on the marker bit,
 * but only once it holds a VCL NAL unit: cameras set the marker on SPS/PPS (Reolink RLC-822A,
 * quirk 9) or on SEI (Ivel LV-IP22IR40DVBL, quirk 10), and a unit of parameter sets with its own
 * timestamp is carried into the next picture rather than emitted alone.
 */
public final class VideoDepacketizer {

    /**
     * Bounds on what one access unit may hold.
     *
     * @param maxAccessUnitBytes default 8 MiB
     * @param maxNalUnits default 512
     */
    public record Limits(int maxAccessUnitBytes, int maxNalUnits) {
        public Limits {
            if (maxAccessUnitBytes < 1024) {
                throw new IllegalArgumentException("maxAccessUnitBytes must be >= 1024, was " + maxAccessUnitBytes);
            }
            if (maxNalUnits < 1) {
                throw new IllegalArgumentException("maxNalUnits must be >= 1, was " + maxNalUnits);
            }
        }

        public static Limits defaults() {
            return new Limits(8 << 20, 512);
        }
    }

    private final CameraId camera;
    private final Codec codec;
    private final NalSyntax syntax;
    private final Limits limits;
    private final SequenceTracker sequence = new SequenceTracker();
    private final ArrayDeque<AccessUnit> ready = new ArrayDeque<>();

    // The access unit being built.
    private final List<byte[]> nals = new ArrayList<>();
    private long auTimestamp = -1;
    private Instant auArrival;
    private int auBytes;
    private boolean auHasVcl;
    private boolean auKey;
    private boolean auDamaged;

    // The FU-A NAL unit being reassembled.
    private byte[] fragment = new byte[0];
    private int fragmentLength;
    private boolean inFragment;

    // Continuity.
    private boolean lossPending;
    private boolean awaitingIdr = true;
    private long lastRtpTimestamp = -1;
    private long extendedTimestamp;

    private final Timeline timeline;
    private byte[] vps;
    private byte[] sps;
    private byte[] pps;
    private ParameterSets parameterSets;

    private long malformedPackets;
    private long latePackets;
    private long droppedAccessUnits;
    private long limitViolations;
    private String lastProblem;

    /** Maps an access unit's presentation time to the camera's wall clock. */
    @FunctionalInterface
    public interface Timeline {
        /**
         * @param pts90k the extended 90 kHz presentation time
         * @param arrival when the unit's first packet arrived
         */
        Instant wallClock(long pts90k, Instant arrival);

        /** The arrival time itself. */
        Timeline ARRIVAL = (pts90k, arrival) -> arrival;
    }

    /** A depacketizer whose access units carry their first packet's arrival time as wall clock. */
    public VideoDepacketizer(CameraId camera, Codec codec, Limits limits) {
        this(camera, codec, limits, Timeline.ARRIVAL);
    }

    /** @param timeline gives each access unit its wall-clock time (e.g. from RTCP sender reports) */
    public VideoDepacketizer(CameraId camera, Codec codec, Limits limits, Timeline timeline) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.syntax = NalSyntax.of(codec);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Parameter sets known out of band (SDP {@code sprop-parameter-sets}); in-band ones replace them. */
    public void setParameterSets(ParameterSets sets) {
        if (sets != null) {
            this.vps = sets.vps();
            this.sps = sets.sps();
            this.pps = sets.pps();
            this.parameterSets = sets;
        }
    }

    /** The parameter sets in force, or {@code null} if none are known yet. */
    public ParameterSets parameterSets() {
        return parameterSets;
    }

    /**
     * Consumes one packet of this stream (payload type and SSRC already checked by the caller).
     *
     * @param arrival when the packet arrived; the access unit's wall clock is its first packet's
     */
    public void push(RtpPacket packet, Instant arrival) {
        switch (sequence.accept(packet.sequence())) {
            case LATE -> {
                latePackets++;
                problem("late or duplicate packet seq=" + packet.sequence());
                return;
            }
            case GAP -> {
                problem(sequence.lastGap() + " packets lost before seq=" + packet.sequence());
                discardCurrent();
                lossPending = true;
                awaitingIdr = true;
                auTimestamp = packet.timestamp();
                auArrival = arrival;
                auDamaged = true; // the lost packets may belong to this timestamp
            }
            case IN_ORDER -> { }
        }
        if (auTimestamp >= 0 && packet.timestamp() != auTimestamp) {
            timestampChanged(packet.timestamp(), arrival);
        } else if (auTimestamp < 0) {
            auTimestamp = packet.timestamp();
            auArrival = arrival;
        }
        payload(packet);
        if (packet.marker() && !inFragment && (auHasVcl || auDamaged)) {
            finish();
        }
    }

    /** The next complete access unit, or {@code null}. */
    public AccessUnit pull() {
        return ready.poll();
    }

    /** Packets lost (sequence gaps) since creation. */
    public long lostPackets() {
        return sequence.lost();
    }

    /** Packets that could not be used: malformed payloads, unsupported types, late packets. */
    public long malformedPackets() {
        return malformedPackets + latePackets;
    }

    /** Access units dropped whole: damaged by loss or bad packets, or over the limits. */
    public long droppedAccessUnits() {
        return droppedAccessUnits;
    }

    /** Access units dropped because they were over {@link Limits} (bytes or NAL units). */
    public long limitViolations() {
        return limitViolations;
    }

    /** The most recent problem, for a rate-limited warning; {@code null} if none. */
    public String lastProblem() {
        return lastProblem;
    }

    private void timestampChanged(long timestamp, Instant arrival) {
        if (inFragment) {
            malformed("FU-A NAL unit unfinished when the timestamp changed to " + timestamp);
            inFragment = false;
            auDamaged = true;
        }
        if (auHasVcl || auDamaged) {
            finish(); // the marker was lost or never sent: a new timestamp ends the picture
        }
        // Parameter sets or SEI with a timestamp of their own (quirk 9) travel with the next picture.
        auTimestamp = timestamp;
        auArrival = arrival;
    }

    private void payload(RtpPacket packet) {
        byte[] p = packet.payload();
        if (p.length == 0) {
            malformed("empty payload, seq=" + packet.sequence());
            return;
        }
        if (p.length < syntax.headerBytes()) {
            malformed("payload of " + p.length + " bytes, shorter than a NAL header, seq=" + packet.sequence());
            return;
        }
        int type = syntax.type(p[0]);
        if (syntax == NalSyntax.H265 && type == H265NalType.PACI) {
            malformed("PACI packet (RFC 7798 section 4.4.4) is not supported, seq=" + packet.sequence());
            auDamaged = true;
        } else if (syntax.isSingleNal(type) && !(syntax == NalSyntax.H264 && type == 0)) {
            if (AnnexB.startsWithStartCode(p, 0, p.length)) {
                // Quirk 16 (V380): Annex B start codes inside a single NAL unit payload.
                for (byte[] nal : AnnexB.split(p)) {
                    addNal(nal);
                }
            } else {
                addNal(p);
            }
        } else if (syntax == NalSyntax.H264 && type == 0 && AnnexB.startsWithStartCode(p, 0, p.length)) {
            for (byte[] nal : AnnexB.split(p)) { // quirk 16: the payload starts with 00 00 (00) 01
                addNal(nal);
            }
        } else if (syntax.isAggregation(type)) {
            aggregation(p, packet.sequence());
        } else if (syntax.isFragmentation(type)) {
            fragmentation(p, packet.sequence());
        } else {
            malformed("unsupported NAL unit type " + type + " (" + (syntax == NalSyntax.H264 ? "RFC 6184 section 5.2"
                    : "RFC 7798 section 4.4") + "), seq=" + packet.sequence());
            auDamaged = true;
        }
    }

    /** STAP-A (H.264) or AP (H.265): 16-bit sizes, each followed by one NAL unit. */
    private void aggregation(byte[] p, int seq) {
        int pos = syntax.headerBytes();
        List<byte[]> units = new ArrayList<>();
        while (pos < p.length) {
            if (pos + 2 > p.length) {
                malformed("STAP-A truncated at byte " + pos + " of " + p.length + ", seq=" + seq);
                auDamaged = true;
                return;
            }
            int size = ((p[pos] & 0xff) << 8) | (p[pos + 1] & 0xff);
            pos += 2;
            if (size == 0 || pos + size > p.length) {
                malformed("STAP-A unit of " + size + " bytes at byte " + pos + " overruns " + p.length
                        + " bytes, seq=" + seq);
                auDamaged = true;
                return;
            }
            units.add(Arrays.copyOfRange(p, pos, pos + size));
            pos += size;
        }
        for (byte[] nal : units) {
            addNal(nal);
        }
    }

    /** FU-A (H.264) or FU (H.265): a NAL unit in fragments with start and end bits. */
    private void fragmentation(byte[] p, int seq) {
        int fuIndex = syntax.headerBytes();
        if (p.length < fuIndex + 1) {
            malformed("FU-A of " + p.length + " bytes has no FU header, seq=" + seq);
            auDamaged = true;
            return;
        }
        int header = p[fuIndex] & 0xff;
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        // Quirk 19 (Longse): the R bit (0x20) may be set; RFC 6184 5.8 says receivers ignore it.
        if (start) {
            if (inFragment) {
                malformed("FU-A start while another NAL unit was unfinished, seq=" + seq);
                auDamaged = true;
            }
            inFragment = true;
            fragmentLength = 0;
            // Quirk 22 (Tiandy): the type may change between fragments; the start fragment's counts.
            byte[] nalHeader = syntax.fragmentedNalHeader(p, header);
            appendFragment(nalHeader, 0, nalHeader.length);
        } else if (!inFragment) {
            // Quirk 33: a stream joined (or resumed after loss) in the middle of a fragmented NAL.
            problem("FU-A continuation without a start fragment, seq=" + seq);
            auDamaged = true;
            return;
        }
        if (fragmentLength + p.length - fuIndex - 1 > limits.maxAccessUnitBytes()) {
            limitViolations++;
            malformed("FU-A NAL unit over " + limits.maxAccessUnitBytes() + " bytes, seq=" + seq);
            inFragment = false;
            auDamaged = true;
            return;
        }
        // Quirk 22: some cameras send empty fragments; they add nothing.
        appendFragment(p, fuIndex + 1, p.length - fuIndex - 1);
        if (end) {
            inFragment = false;
            if (fragmentLength > syntax.headerBytes()) {
                addNal(Arrays.copyOf(fragment, fragmentLength));
            } else {
                malformed("FU-A NAL unit with no payload, seq=" + seq);
            }
        }
    }

    private void appendFragment(byte[] src, int offset, int length) {
        if (length <= 0) {
            return;
        }
        ensureFragmentCapacity(length);
        System.arraycopy(src, offset, fragment, fragmentLength, length);
        fragmentLength += length;
    }

    private void ensureFragmentCapacity(int more) {
        if (fragmentLength + more > fragment.length) {
            fragment = Arrays.copyOf(fragment, Math.max(Math.max(4096, fragment.length * 2), fragmentLength + more));
        }
    }

    private void addNal(byte[] nal) {
        if (auDamaged) {
            return;
        }
        if (nals.size() >= limits.maxNalUnits() || auBytes + nal.length > limits.maxAccessUnitBytes()) {
            limitViolations++;
            problem("access unit over " + limits.maxNalUnits() + " NAL units or " + limits.maxAccessUnitBytes()
                    + " bytes");
            auDamaged = true;
            return;
        }
        if (nal.length < syntax.headerBytes()) {
            malformed("NAL unit of " + nal.length + " bytes, shorter than its header");
            auDamaged = true;
            return;
        }
        int type = syntax.type(nal[0]);
        if (type == (syntax == NalSyntax.H264 ? NalType.SPS : H265NalType.SPS)) {
            sps = nal;
            updateParameterSets();
        } else if (type == (syntax == NalSyntax.H264 ? NalType.PPS : H265NalType.PPS)) {
            pps = nal;
            updateParameterSets();
        } else if (syntax == NalSyntax.H265 && type == H265NalType.VPS) {
            vps = nal;
            updateParameterSets();
        } else if (syntax.isVcl(type)) {
            auHasVcl = true;
            auKey |= syntax.isKeyframe(type);
        }
        nals.add(nal);
        auBytes += nal.length;
    }

    private void updateParameterSets() {
        boolean complete = sps != null && pps != null && (codec == Codec.H264 || vps != null);
        if (complete && (parameterSets == null || parameterSets.sps() != sps || parameterSets.pps() != pps
                || parameterSets.vps() != vps)) {
            parameterSets = new ParameterSets(codec, codec == Codec.H264 ? null : vps, sps, pps);
        }
    }

    private void finish() {
        if (auDamaged || !auHasVcl) {
            droppedAccessUnits += auDamaged ? 1 : 0;
            discardCurrent();
            return;
        }
        boolean discontinuity = lossPending || (awaitingIdr && !auKey);
        long pts = extend(auTimestamp);
        ready.add(new AccessUnit(camera, codec, nals, pts, timeline.wallClock(pts, auArrival), auKey,
                parameterSets, discontinuity));
        lossPending = false;
        if (auKey) {
            awaitingIdr = false;
        }
        discardCurrent();
    }

    /** Forgets the unit in progress (and any unfinished fragment). */
    private void discardCurrent() {
        nals.clear();
        auBytes = 0;
        auHasVcl = false;
        auKey = false;
        auDamaged = false;
        inFragment = false;
        auTimestamp = -1;
    }

    private long extend(long rtpTimestamp) {
        if (lastRtpTimestamp < 0) {
            extendedTimestamp = rtpTimestamp;
        } else {
            extendedTimestamp += (int) (rtpTimestamp - lastRtpTimestamp); // signed 32-bit delta
        }
        lastRtpTimestamp = rtpTimestamp;
        return extendedTimestamp;
    }

    private void malformed(String what) {
        malformedPackets++;
        problem(what);
    }

    private void problem(String what) {
        lastProblem = what;
    }
}
