package dev.vigil.ingest.sim;

import dev.vigil.core.model.Codec;
import dev.vigil.ingest.h264.AnnexB;
import dev.vigil.ingest.h264.NalType;
import dev.vigil.ingest.h265.H265NalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An encoded H.264 or H.265 loop that a {@link SimulatedCameraServer} serves: plain bytes, so the
 * ingest module needs no encoder.
 *
 * @param codec H.264 (RFC 6184 payloads) or H.265 (RFC 7798 payloads)
 * @param vps the H.265 video parameter set, without start code (for the SDP); {@code null} for H.264
 * @param sps the sequence parameter set, without start code (for the SDP)
 * @param pps the picture parameter set, without start code (for the SDP)
 * @param fps frames per second, 1 to 120
 * @param frames one array of NAL units (without start codes) per picture, in decoding order; the
 *     first picture must be a keyframe (H.264 IDR, H.265 IRAP) so the loop can restart cleanly.
 *     The arrays are shared, never mutated.
 */
public record SimulatedStream(Codec codec, byte[] vps, byte[] sps, byte[] pps, int fps, List<byte[][]> frames) {
    public SimulatedStream {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        if (codec == Codec.H264) {
            if (vps != null) {
                throw new IllegalArgumentException("an H.264 stream has no vps");
            }
            if (sps.length < 4 || NalType.of(sps[0]) != NalType.SPS) {
                throw new IllegalArgumentException("sps is not an SPS NAL unit (" + sps.length + " bytes)");
            }
            if (pps.length < 1 || NalType.of(pps[0]) != NalType.PPS) {
                throw new IllegalArgumentException("pps is not a PPS NAL unit (" + pps.length + " bytes)");
            }
        } else {
            requireH265(vps, H265NalType.VPS, "vps");
            requireH265(sps, H265NalType.SPS, "sps");
            requireH265(pps, H265NalType.PPS, "pps");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps must be in [1, 120], was " + fps);
        }
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a simulated stream needs at least one frame");
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[][] nals = frames.get(i);
            if (nals.length == 0) {
                throw new IllegalArgumentException("frame " + i + " has no NAL units");
            }
            for (byte[] nal : nals) {
                if (nal.length < (codec == Codec.H264 ? 1 : 3) || AnnexB.startsWithStartCode(nal, 0, nal.length)) {
                    throw new IllegalArgumentException("frame " + i + ": NAL units must be non-empty and"
                            + " carry no start code");
                }
            }
        }
        if (!isKeyframe(codec, frames.get(0))) {
            throw new IllegalArgumentException("the first frame must contain an "
                    + (codec == Codec.H264 ? "IDR slice" : "IRAP slice segment"));
        }
    }

    /** An H.264 stream (no VPS). */
    public SimulatedStream(byte[] sps, byte[] pps, int fps, List<byte[][]> frames) {
        this(Codec.H264, null, sps, pps, fps, frames);
    }

    /** An H.265 stream. */
    public static SimulatedStream h265(byte[] vps, byte[] sps, byte[] pps, int fps, List<byte[][]> frames) {
        return new SimulatedStream(Codec.H265, vps, sps, pps, fps, frames);
    }

    private static void requireH265(byte[] nal, int type, String name) {
        Objects.requireNonNull(nal, name);
        if (nal.length < 3 || H265NalType.of(nal[0]) != type) {
            throw new IllegalArgumentException(name + " is not an H.265 " + name.toUpperCase(java.util.Locale.ROOT)
                    + " NAL unit (" + nal.length + " bytes)");
        }
    }

    /** Whether an H.264 picture's NAL units contain an IDR slice. */
    public static boolean isKeyframe(byte[][] nals) {
        return isKeyframe(Codec.H264, nals);
    }

    /** Whether a picture's NAL units contain an IDR slice (H.264) or an IRAP slice segment (H.265). */
    public static boolean isKeyframe(Codec codec, byte[][] nals) {
        for (byte[] nal : nals) {
            if (codec == Codec.H264 ? NalType.of(nal[0]) == NalType.IDR_SLICE
                    : H265NalType.isIrap(H265NalType.of(nal[0]))) {
                return true;
            }
        }
        return false;
    }

    /** The frames as lists, for comparisons in tests. */
    public List<List<byte[]>> frameList() {
        List<List<byte[]>> out = new ArrayList<>(frames.size());
        for (byte[][] f : frames) {
            out.add(List.of(f));
        }
        return out;
    }

    /** The loop length on the 90 kHz clock. */
    public long loopDuration90k() {
        return (long) frames.size() * 90_000 / fps;
    }
}
