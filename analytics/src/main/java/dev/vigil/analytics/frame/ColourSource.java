package dev.vigil.analytics.frame;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * Colour of a {@link GreyFrame}, converted only when asked (snapshots, colour detectors): most
 * frames are analysed in grey and never pay for the conversion.
 *
 * <p>The decoder's source converts from the decoded picture at full resolution, which it keeps
 * only while {@link FrameConsumer#onFrame} runs: call it from that call, on that thread; later it
 * throws {@code FAILED_PRECONDITION}. Copy the {@link BgrImage} if you need colour afterwards.
 */
@FunctionalInterface
public interface ColourSource {
    /**
     * The picture in BGR, scaled to {@code width} pixels wide (height keeps the aspect ratio,
     * rounded to even); a width of 0 or above the source width gives the source size.
     *
     * @throws VigilException {@code FAILED_PRECONDITION} when the picture is no longer held,
     *     {@code UNIMPLEMENTED} when this frame has no colour, {@code INVALID_ARGUMENT} for a
     *     negative width
     */
    BgrImage bgr(int width);

    /** A source for frames without colour (synthetic frames): every call throws {@code UNIMPLEMENTED}. */
    static ColourSource none() {
        return width -> {
            throw new VigilException(ErrorKind.UNIMPLEMENTED, "this frame has no colour");
        };
    }

    /** A source that always returns {@code image}, whatever width is asked (for tests and replays). */
    static ColourSource of(BgrImage image) {
        Objects.requireNonNull(image, "image");
        return width -> image;
    }
}
