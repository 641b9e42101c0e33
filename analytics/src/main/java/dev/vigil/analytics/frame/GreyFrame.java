package dev.vigil.analytics.frame;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded picture of one camera in grey at the analysis size: the decoder's luma (Y) plane,
 * downscaled with area averaging, as the camera coded it (usually limited range, 16-235).
 *
 * @param camera the camera
 * @param pts90k presentation time on the camera's 90 kHz clock (the access unit's)
 * @param wallClock the camera's wall-clock time of this picture (the access unit's)
 * @param keyframe whether the picture was a key frame (IDR, or IRAP for H.265)
 * @param width analysis width in pixels
 * @param height analysis height in pixels
 * @param grey {@code width * height} bytes, one per pixel, rows without padding; an owned copy
 *     that the frame's receiver may keep, and nobody mutates after construction
 * @param sourceWidth the decoded picture's width (scale detections by
 *     {@code sourceWidth / width})
 * @param sourceHeight the decoded picture's height
 * @param colour colour on demand; see {@link ColourSource} for how long it works
 */
public record GreyFrame(
        CameraId camera,
        long pts90k,
        Instant wallClock,
        boolean keyframe,
        int width,
        int height,
        byte[] grey,
        int sourceWidth,
        int sourceHeight,
        ColourSource colour) {

    public GreyFrame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(grey, "grey");
        Objects.requireNonNull(colour, "colour");
        if (width < 1 || height < 1 || sourceWidth < width || sourceHeight < height) {
            throw VigilException.invalid("camera " + camera + ": frame size " + width + "x" + height
                    + " must be positive and at most the source size " + sourceWidth + "x" + sourceHeight);
        }
        if (grey.length != width * height) {
            throw VigilException.invalid("camera " + camera + ": a " + width + "x" + height + " grey frame needs "
                    + width * height + " bytes, had " + grey.length);
        }
    }

    /** The grey value at column {@code x}, row {@code y} (0-255). */
    public int at(int x, int y) {
        return grey[y * width + x] & 0xff;
    }

    /** Shorthand for {@code colour().bgr(width)}. */
    public BgrImage bgr(int width) {
        return colour.bgr(width);
    }

    @Override
    public String toString() {
        return "GreyFrame[" + camera + " pts=" + pts90k + " " + wallClock + (keyframe ? " key " : " ") + width + "x"
                + height + " of " + sourceWidth + "x" + sourceHeight + "]";
    }
}
