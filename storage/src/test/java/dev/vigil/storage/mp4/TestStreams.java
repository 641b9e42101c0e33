package dev.vigil.storage.mp4;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Test fixtures: vtest's real parameter sets (from ../shared/media/vtest-h264.mp4 and -h265.mp4,
 * libx264 and libx265, 768x576) and synthetic access units that carry them.
 */
public final class TestStreams {
    public static final ParameterSets VTEST_H264 = new ParameterSets(Codec.H264, null,
            hex("674d401fd900c0126840000003004000000503c60c92"), hex("68ebccb2"));
    public static final ParameterSets VTEST_H265 = new ParameterSets(Codec.H265,
            hex("40010c01ffff01600000030090000003000003005a928090"),
            hex("42010101600000030090000003000003005aa0060200905964a924cae68080000003008000000504"),
            hex("4401c172b46240"));
    private static final byte[] AUD = {0x09, (byte) 0xF0};

    private TestStreams() {
    }

    /**
     * Picture {@code n} of a synthetic H.264 stream: a key frame carries SPS and PPS in band. Its
     * wall clock is {@code wallClock}.
     */
    public static AccessUnit h264(CameraId camera, int n, long pts, boolean keyframe, Instant wallClock,
            boolean discontinuity) {
        return h264(camera, n, pts, keyframe, wallClock, discontinuity, 100 + n % 7);
    }

    /** As above, with a slice of {@code sliceBytes}. */
    public static AccessUnit h264(CameraId camera, int n, long pts, boolean keyframe, Instant wallClock,
            boolean discontinuity, int sliceBytes) {
        byte[] slice = new byte[sliceBytes];
        Arrays.fill(slice, (byte) n);
        slice[0] = (byte) (keyframe ? 0x65 : 0x41);
        List<byte[]> nals = keyframe ? List.of(AUD, VTEST_H264.sps(), VTEST_H264.pps(), slice) : List.of(AUD, slice);
        return new AccessUnit(camera, Codec.H264, nals, pts, wallClock, keyframe, VTEST_H264, discontinuity);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
