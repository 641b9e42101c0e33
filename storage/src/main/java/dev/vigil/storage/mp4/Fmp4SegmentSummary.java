package dev.vigil.storage.mp4;

import dev.vigil.core.error.VigilException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@link Fmp4SegmentWriter} wrote into one finished segment file.
 *
 * @param sha256 lower-case hex SHA-256 of every byte of the segment, init segment included
 * @param bytesWritten total bytes of the segment
 * @param payloadBytes bytes of coded picture data (NAL units as received, less the parameter
 *     sets moved into the sample entry); the rest of {@link #bytesWritten} is container
 * @param sampleCount access units written, at least 1
 * @param fragmentCount {@code moof}/{@code mdat} pairs written, at least 1
 * @param firstPts90k presentation time of the first sample (the segment's decode time 0)
 * @param endPts90k presentation time just after the last sample: first pts plus all durations
 */
public record Fmp4SegmentSummary(
        String sha256,
        long bytesWritten,
        long payloadBytes,
        int sampleCount,
        int fragmentCount,
        long firstPts90k,
        long endPts90k) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Fmp4SegmentSummary {
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw VigilException.invalid("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        if (payloadBytes < 0 || bytesWritten < payloadBytes) {
            throw VigilException.invalid("segment of " + bytesWritten + " bytes cannot hold " + payloadBytes
                    + " payload bytes");
        }
        if (sampleCount < 1 || fragmentCount < 1 || fragmentCount > sampleCount) {
            throw VigilException.invalid("segment needs 1 <= fragments <= samples, was " + fragmentCount
                    + " fragments of " + sampleCount + " samples");
        }
        if (endPts90k <= firstPts90k) {
            throw VigilException.invalid("segment end pts " + endPts90k + " must be after its first pts " + firstPts90k);
        }
    }

    /** Bytes that are not picture data: boxes, NAL unit length fields, the init segment. */
    public long containerBytes() {
        return bytesWritten - payloadBytes;
    }

    /** {@link #containerBytes()} as a fraction of {@link #payloadBytes()}, e.g. 0.002 for 0.2 %. */
    public double overheadRatio() {
        return payloadBytes == 0 ? Double.POSITIVE_INFINITY : (double) containerBytes() / payloadBytes;
    }

    /** Presentation duration in 90 kHz ticks. */
    public long duration90k() {
        return endPts90k - firstPts90k;
    }
}
