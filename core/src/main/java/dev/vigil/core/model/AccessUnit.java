package dev.vigil.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One coded picture of one camera, as the gateway delivers it: never half-built.
 *
 * <p>The NAL unit arrays carry no start codes and are owned by this access unit; nobody mutates
 * them after construction, so an access unit can be shared between the recorder and analytics.
 *
 * @param camera the camera it came from
 * @param codec H.264 or H.265
 * @param nalUnits the NAL units in decoding order, at least one
 * @param pts90k presentation time on the 90 kHz RTP clock, extended to 64 bits (no wrap)
 * @param wallClock the camera's wall-clock time of this picture (RTCP-mapped or receive-time)
 * @param keyframe whether the picture is a random access point (IDR, or IRAP for H.265)
 * @param parameterSets the parameter sets in force, or {@code null} if none are known yet
 * @param discontinuity whether data was lost between the previous unit and this one
 */
public record AccessUnit(
        CameraId camera,
        Codec codec,
        List<byte[]> nalUnits,
        long pts90k,
        Instant wallClock,
        boolean keyframe,
        ParameterSets parameterSets,
        boolean discontinuity) {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    public AccessUnit {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(wallClock, "wallClock");
        nalUnits = List.copyOf(nalUnits);
        if (nalUnits.isEmpty()) {
            throw new IllegalArgumentException("an access unit needs at least one NAL unit");
        }
    }

    /** Total payload bytes of the NAL units, without start codes or length prefixes. */
    public int payloadBytes() {
        int n = 0;
        for (byte[] nal : nalUnits) {
            n += nal.length;
        }
        return n;
    }

    /** Writes the NAL units as an Annex B byte stream (4-byte start codes). */
    public void writeAnnexB(OutputStream out) throws IOException {
        for (byte[] nal : nalUnits) {
            out.write(START_CODE);
            out.write(nal);
        }
    }

    @Override
    public String toString() {
        return "AccessUnit[" + camera + " " + codec + " pts=" + pts90k + " " + wallClock
                + (keyframe ? " key" : "") + (discontinuity ? " discontinuity" : "")
                + " nals=" + nalUnits.size() + " bytes=" + payloadBytes() + "]";
    }
}
