package dev.vigil.ingest.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.SharedCaptures;
import dev.vigil.ingest.rtp.RtpPacket;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class H264DepacketizerTest {
    private static final CameraId CAM = CameraId.of("test");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final VideoDepacketizer depacketizer = new VideoDepacketizer(CAM, dev.vigil.core.model.Codec.H264, VideoDepacketizer.Limits.defaults());

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

    private static RtpPacket rtp(int seq, long ts, boolean marker, int... payload) {
        byte[] b = new byte[payload.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) payload[i];
        }
        return new RtpPacket(96, marker, seq, ts, 0x1234, b);
    }

    /**
     * Wowza BigBuckBunny (bunny.rtsp, video on channel 2): 245 marked packets with 245 timestamps;
     * 6 IDR pictures, every 2 s: the first two small enough to travel in one STAP-A with SPS, PPS
     * (and SEI), the other four as FU-A after SPS and PPS in single NAL packets; no loss.
     */
    @Test
    void bunnyCaptureGivesEveryPicture() {
        byte[] capture = SharedCaptures.bytes("bunny.rtsp");
        List<AccessUnit> units = new ArrayList<>();
        for (int pos = 0; pos < capture.length; ) {
            int channel = capture[pos + 1];
            int len = ((capture[pos + 2] & 0xff) << 8) | (capture[pos + 3] & 0xff);
            if (channel == 2) {
                depacketizer.push(RtpPacket.parse(Unpooled.wrappedBuffer(capture, pos + 4, len)), T0);
                for (AccessUnit u = depacketizer.pull(); u != null; u = depacketizer.pull()) {
                    units.add(u);
                }
            }
            pos += 4 + len;
        }
        assertEquals(245, units.size());
        assertEquals(6, units.stream().filter(AccessUnit::keyframe).count());
        assertEquals(4, units.get(0).nalUnits().size(), "SPS, PPS, SEI and IDR from one STAP-A");
        assertTrue(units.get(0).keyframe(), "Wowza starts with an IDR picture");
        assertTrue(units.stream().noneMatch(AccessUnit::discontinuity));
        assertEquals(0, depacketizer.lostPackets());
        assertEquals(0, depacketizer.malformedPackets());
        assertNotNull(units.get(0).parameterSets());
        for (int i = 1; i < units.size(); i++) {
            assertTrue(units.get(i).pts90k() > units.get(i - 1).pts90k(), "pts increases at " + i);
        }
        for (AccessUnit u : units) {
            assertTrue(u.nalUnits().stream().anyMatch(n -> NalType.isVcl(NalType.of(n[0]))), "VCL in every unit");
        }
    }

    @Test
    void singleNalStapAAndFuA() {
        List<AccessUnit> units = push(
                // STAP-A: SPS (4 bytes) + PPS (2 bytes)
                rtp(1, 1000, false, 0x78, 0, 4, 0x67, 0x42, 0, 0x1e, 0, 2, 0x68, 0xce),
                // FU-A IDR in three fragments: start, middle, end (NRI 3 from the indicator)
                rtp(2, 1000, false, 0x7c, 0x85, 1, 2),
                rtp(3, 1000, false, 0x7c, 0x05, 3),
                rtp(4, 1000, true, 0x7c, 0x45, 4),
                // single NAL non-IDR slice
                rtp(5, 4000, true, 0x41, 9, 9));
        assertEquals(2, units.size());
        AccessUnit idr = units.get(0);
        assertTrue(idr.keyframe());
        assertFalse(idr.discontinuity());
        assertEquals(3, idr.nalUnits().size());
        assertArrayEquals(new byte[] {0x65, 1, 2, 3, 4}, idr.nalUnits().get(2));
        assertNotNull(idr.parameterSets());
        assertEquals(3000, units.get(1).pts90k() - idr.pts90k());
        assertFalse(units.get(1).keyframe());
    }

    /** Quirk 9 (Reolink RLC-822A): SPS/PPS with the marker bit and their own timestamp. */
    @Test
    void quirk9_parameterSetsWithMarkerAndOwnTimestamp() {
        List<AccessUnit> units = push(
                rtp(1, 500, true, 0x67, 0x42, 0, 0x1e),
                rtp(2, 500, true, 0x68, 0xce),
                rtp(3, 1000, true, 0x65, 1));
        assertEquals(1, units.size());
        assertEquals(3, units.get(0).nalUnits().size(), "parameter sets travel with the IDR picture");
        assertEquals(1000, units.get(0).pts90k());
    }

    /** Quirk 35: several slices per picture, SPS/PPS repeated before each; one access unit by timestamp. */
    @Test
    void quirk35_slicesWithRepeatedParameterSetsAreOnePicture() {
        List<AccessUnit> units = push(
                rtp(1, 1000, false, 0x67, 0x42, 0, 0x1e), rtp(2, 1000, false, 0x68, 0xce), rtp(3, 1000, false, 0x65, 1),
                rtp(4, 1000, false, 0x67, 0x42, 0, 0x1e), rtp(5, 1000, false, 0x68, 0xce), rtp(6, 1000, true, 0x65, 2),
                rtp(7, 4000, true, 0x41, 3));
        assertEquals(2, units.size());
        assertEquals(6, units.get(0).nalUnits().size());
        assertTrue(units.get(0).keyframe());
    }

    /** Quirk 10 (Ivel LV-IP22IR40DVBL): the marker on SEI must not end the picture. */
    @Test
    void quirk10_markerOnSei() {
        List<AccessUnit> units = push(rtp(1, 1000, true, 0x06, 5, 1, 0), rtp(2, 1000, true, 0x65, 1));
        assertEquals(1, units.size());
        assertEquals(2, units.get(0).nalUnits().size());
    }

    /** Quirk 16 (V380): Annex B start codes inside a single NAL unit payload. */
    @Test
    void quirk16_annexBInsideSingleNalPayload() {
        List<AccessUnit> units = push(rtp(1, 1000, true, 0, 0, 0, 1, 0x67, 0x42, 0, 0x1e, 0, 0, 1, 0x68, 0xce,
                0, 0, 0, 1, 0x65, 7));
        assertEquals(1, units.size());
        assertEquals(3, units.get(0).nalUnits().size());
        assertTrue(units.get(0).keyframe());
    }

    /** Quirks 19 (Longse: FU-A R bit set) and 22 (Tiandy: type changes between fragments; empty fragments). */
    @Test
    void quirk19and22_fuAReservedBitTypeChangeAndEmptyFragment() {
        List<AccessUnit> units = push(
                rtp(1, 1000, false, 0x7c, 0x85 | 0x20, 1),
                rtp(2, 1000, false, 0x7c, 0x01),
                rtp(3, 1000, true, 0x7c, 0x41, 2));
        assertEquals(1, units.size());
        assertArrayEquals(new byte[] {0x65, 1, 2}, units.get(0).nalUnits().get(0));
        assertTrue(units.get(0).keyframe(), "the start fragment's type counts");
    }

    /** Quirks 32 and 33: joined mid-GOP, inside a fragmented NAL unit. */
    @Test
    void quirk32and33_joinMidFragmentAndMidGop() {
        List<AccessUnit> units = push(
                rtp(10, 1000, false, 0x7c, 0x01, 5), // middle of an FU-A: discarded, picture dropped
                rtp(11, 1000, true, 0x7c, 0x41, 6),
                rtp(12, 4000, true, 0x41, 1), // P-frame before any IDR
                rtp(13, 7000, true, 0x65, 1));
        assertEquals(2, units.size());
        assertTrue(units.get(0).discontinuity(), "P-frame before the first IDR is flagged");
        assertFalse(units.get(1).discontinuity());
        assertEquals(1, depacketizer.droppedAccessUnits());
    }

    @Test
    void lossDropsThePictureAndFlagsUntilTheNextIdr() {
        List<AccessUnit> units = push(
                rtp(1, 1000, true, 0x65, 1),
                rtp(2, 4000, false, 0x7c, 0x81, 1), // P-frame start ...
                // seq 3 lost
                rtp(4, 4000, true, 0x7c, 0x41, 3),
                rtp(5, 7000, true, 0x41, 2),
                rtp(6, 10000, true, 0x65, 3));
        assertEquals(3, units.size(), "the damaged picture is not emitted");
        assertEquals(1, depacketizer.lostPackets());
        assertTrue(units.get(1).discontinuity());
        assertEquals(7000, units.get(1).pts90k());
        assertFalse(units.get(2).discontinuity(), "the next IDR clears it");
    }

    @Test
    void newTimestampEndsAPictureWhoseMarkerWasLostOrNeverSent() {
        List<AccessUnit> units = push(rtp(1, 1000, false, 0x65, 1), rtp(2, 4000, false, 0x41, 2));
        assertEquals(1, units.size());
        assertNull(depacketizer.pull());
    }

    @Test
    void malformedPacketsAreCountedNotThrown() {
        push(rtp(1, 1000, false), // empty
                rtp(2, 1000, false, 0x78, 0, 9, 1), // STAP-A overrun
                rtp(3, 1000, true, 0x7a, 1)); // STAP-B: unsupported
        assertEquals(3, depacketizer.malformedPackets());
        assertNotNull(depacketizer.lastProblem());
    }

    @Test
    void limitsDropOversizedPictures() {
        VideoDepacketizer small = new VideoDepacketizer(CAM, dev.vigil.core.model.Codec.H264, new VideoDepacketizer.Limits(1024, 2));
        small.push(rtp(1, 1000, false, 0x06, 1), T0);
        small.push(rtp(2, 1000, false, 0x06, 1), T0);
        small.push(rtp(3, 1000, true, 0x65, 1), T0);
        assertNull(small.pull());
        assertEquals(1, small.droppedAccessUnits());
        assertEquals(1, small.limitViolations(), "counted as a limit violation");
    }

    @Test
    void packetizerRoundTrip() {
        byte[] sps = {0x67, 0x42, 0, 0x1e, 1};
        byte[] pps = {0x68, (byte) 0xce};
        byte[] idr = new byte[5000];
        idr[0] = 0x65;
        for (int i = 1; i < idr.length; i++) {
            idr[i] = (byte) (i * 7);
        }
        List<byte[]> payloads = new H264Packetizer(1400).packetize(new byte[][] {sps, pps, idr});
        assertEquals(NalType.STAP_A, NalType.of(payloads.get(0)[0]));
        assertEquals(NalType.FU_A, NalType.of(payloads.get(1)[0]));
        assertTrue(payloads.stream().allMatch(p -> p.length <= 1400));
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            units.addAll(push(new RtpPacket(96, i == payloads.size() - 1, 100 + i, 9000, 1, payloads.get(i))));
        }
        assertEquals(1, units.size());
        assertArrayEquals(sps, units.get(0).nalUnits().get(0));
        assertArrayEquals(pps, units.get(0).nalUnits().get(1));
        assertArrayEquals(idr, units.get(0).nalUnits().get(2));
    }

    @Test
    void timestampsExtendAcrossTheWrap() {
        List<AccessUnit> units = push(rtp(1, 0xffffff00L, true, 0x65, 1), rtp(2, 0x100, true, 0x41, 1));
        assertEquals(0x200, units.get(1).pts90k() - units.get(0).pts90k());
    }
}
