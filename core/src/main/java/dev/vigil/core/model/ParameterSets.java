package dev.vigil.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The decoder configuration in force for a stream: SPS and PPS for H.264, plus the VPS for H.265.
 * The arrays are NAL units without start codes; they are never mutated after construction.
 *
 * @param codec the codec they belong to
 * @param vps H.265 video parameter set, {@code null} for H.264
 * @param sps sequence parameter set
 * @param pps picture parameter set
 */
public record ParameterSets(Codec codec, byte[] vps, byte[] sps, byte[] pps) {
    public ParameterSets {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        if (codec == Codec.H265) {
            Objects.requireNonNull(vps, "vps is required for H.265");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSets p && codec == p.codec && Arrays.equals(vps, p.vps)
                && Arrays.equals(sps, p.sps) && Arrays.equals(pps, p.pps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, Arrays.hashCode(vps), Arrays.hashCode(sps), Arrays.hashCode(pps));
    }

    @Override
    public String toString() {
        return "ParameterSets[" + codec + ", vps=" + (vps == null ? 0 : vps.length) + "B, sps="
                + sps.length + "B, pps=" + pps.length + "B]";
    }
}
