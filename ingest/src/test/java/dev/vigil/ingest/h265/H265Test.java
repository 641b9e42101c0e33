package dev.vigil.ingest.h265;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.ingest.SharedCaptures;
import dev.vigil.core.codec.H265Sps;
import dev.vigil.ingest.rtp.RtpPacket;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.sdp.MediaDescription;
import dev.vigil.ingest.sdp.SdpParser;
import dev.vigil.ingest.sdp.SessionDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H.265 over RTP (RFC 7798): SDP, SPS and the depacketizer's single, AP and FU packets. */
class H265Test {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final VideoDepacketizer depacketizer = new VideoDepacketizer(CameraId.of("h265"), Codec.H265,
            VideoDepacketizer.Limits.defaults());

    /** Dahua (quirk 28): H.265 video beside PCMA audio; parameter sets in sprop-vps/sps/pps. */
    @Test
    void dahuaSdpGivesTheParameterSetsAndTheSpsTheSize() {
        SessionDescription sdp = SdpParser.parse(SharedCaptures.response("dahua_describe_h265_pcma.txt").bodyText());
        MediaDescription video = sdp.media().stream().filter(m -> m.type().equals("video")).findFirst().orElseThrow();
        H265Format format = H265Format.of(video).orElseThrow();
        assertEquals(98, format.payloadType());
        assertNotNull(format.parameterSets());
        assertEquals(Codec.H265, format.parameterSets().codec());
        H265Sps sps = H265Sps.parse(format.parameterSets().sps());
        assertEquals(1, sps.generalProfileIdc(), "Main");
        assertTrue(sps.width() > 0 && sps.height() > 0, sps.toString());
    }

    private static byte[] nal(int type, int... body) {
        byte[] b = new byte[2 + body.length];
        b[0] = (byte) (type << 1);
        b[1] = 1; // TID 1
        for (int i = 0; i < body.length; i++) {
            b[2 + i] = (byte) body[i];
        }
        return b;
    }

    private static RtpPacket rtp(int seq, long ts, boolean marker, byte[] payload) {
        return new RtpPacket(96, marker, seq, ts, 7, payload);
    }

    private List<AccessUnit> push(RtpPacket... packets) {
        List<AccessUnit> out = new ArrayList<>();
        for (RtpPacket p : packets) {
            depacketizer.push(p, T0);
            for (AccessUnit u = depacketizer.pull(); u != null; u = depacketizer.pull()) {
                out.add(u);
            }
        }
        return out;
    }

    @Test
    void aggregationThenFragmentedIdrThenCra() {
        byte[] vps = nal(32, 1, 2, 3);
        byte[] sps = nal(33, 4, 5, 6);
        byte[] pps = nal(34, 7);
        // AP (type 48): 16-bit size before each NAL unit.
        List<Byte> ap = new ArrayList<>(List.of((byte) (48 << 1), (byte) 1));
        for (byte[] n : List.of(vps, sps, pps)) {
            ap.add((byte) 0);
            ap.add((byte) n.length);
            for (byte b : n) {
                ap.add(b);
            }
        }
        byte[] apBytes = new byte[ap.size()];
        for (int i = 0; i < apBytes.length; i++) {
            apBytes[i] = ap.get(i);
        }
        // FU (type 49) of an IDR_W_RADL (type 19): payload header, FU header (S/E + type), data.
        byte[] fuStart = {(byte) (49 << 1), 1, (byte) (0x80 | 19), 10, 11};
        byte[] fuEnd = {(byte) (49 << 1), 1, (byte) (0x40 | 19), 12};
        List<AccessUnit> units = push(rtp(1, 1000, false, apBytes), rtp(2, 1000, false, fuStart),
                rtp(3, 1000, true, fuEnd));
        assertEquals(1, units.size());
        AccessUnit idr = units.get(0);
        assertTrue(idr.keyframe());
        assertEquals(Codec.H265, idr.codec());
        assertEquals(4, idr.nalUnits().size());
        assertArrayEquals(new byte[] {(byte) (19 << 1), 1, 10, 11, 12}, idr.nalUnits().get(3), "NAL header rebuilt");
        assertArrayEquals(vps, idr.parameterSets().vps());
        assertFalse(idr.discontinuity());

        // Quirk 34: a CRA (type 21) is a key frame too; a TRAIL_R (type 1) is not.
        List<AccessUnit> more = push(rtp(4, 4600, true, nal(1, 9)), rtp(5, 8200, true, nal(21, 9)));
        assertFalse(more.get(0).keyframe());
        assertTrue(more.get(1).keyframe());
    }

    @Test
    void lossFlagsDiscontinuityUntilTheNextIrap() {
        push(rtp(1, 1000, true, nal(19, 1)));
        List<AccessUnit> after = push(rtp(3, 4600, true, nal(1, 2)), rtp(4, 8200, true, nal(1, 3)),
                rtp(5, 11800, true, nal(20, 4)));
        assertTrue(after.stream().filter(u -> !u.keyframe()).allMatch(AccessUnit::discontinuity), after.toString());
        assertFalse(after.get(after.size() - 1).discontinuity());
        assertEquals(1, depacketizer.lostPackets());
    }

    @Test
    void paciAndTruncatedPacketsAreCountedNotThrown() {
        push(rtp(1, 1000, true, new byte[] {(byte) (50 << 1), 1, 0, 0}), rtp(2, 2000, true, new byte[] {2}));
        assertEquals(2, depacketizer.malformedPackets());
    }
}
