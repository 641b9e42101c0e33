package dev.vigil.analytics.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One decoded picture handed to analytics: its luma plane, and its colour picture on demand.
 *
 * <p>Ownership: {@code grey} is borrowed, not copied; the producer must not change it once the
 * frame is handed over (the decoder hands over a fresh array per frame). {@code bgr} returns a
 * <em>new</em> 8-bit BGR {@link Mat} on each call, which the caller owns and must close; analytics
 * asks for it only on frames that start or improve an event (the snapshot), so a decoder can
 * convert lazily. It may produce a picture of another size than {@code width x height} (e.g. the
 * full-resolution picture while {@code grey} is scaled down); snapshots use what it gives.
 *
 * @param camera the camera
 * @param pts90k presentation time in 90 kHz units, from the stream
 * @param wallClock the camera's wall clock of this picture; rules, schedules and events use it
 * @param width luma width in pixels; the rows of {@code grey} are {@code width} bytes, no padding
 * @param height luma height in pixels
 * @param grey the luma (Y) plane, {@code width * height} bytes, row-major
 * @param bgr a new BGR picture of this frame per call, owned by the caller
 */
public record Frame(CameraId camera, long pts90k, Instant wallClock, int width, int height, byte[] grey,
        Supplier<Mat> bgr) {
    public Frame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(grey, "grey");
        Objects.requireNonNull(bgr, "bgr");
        if (width <= 0 || height <= 0 || (long) width * height != grey.length) {
            throw VigilException.invalid("camera " + camera + ": frame of " + width + "x" + height + " needs "
                    + (long) width * height + " luma bytes, had " + grey.length);
        }
    }

    /** A frame without a colour picture: its BGR is the luma in three channels. */
    public static Frame greyOnly(CameraId camera, long pts90k, Instant wallClock, int width, int height,
            byte[] grey) {
        byte[] y = grey;
        return new Frame(camera, pts90k, wallClock, width, height, grey, () -> {
            try (Mat g = wrap(y, width, height)) {
                Mat out = new Mat();
                cvtColor(g, out, COLOR_GRAY2BGR);
                return out;
            }
        });
    }

    /**
     * The luma as a new 8-bit single-channel Mat (owned by the caller), scaled down with area
     * averaging to at most {@code maxWidth} pixels wide, keeping the aspect ratio; never scaled up.
     */
    public Mat greyMat(int maxWidth) {
        Mat full = wrap(grey, width, height);
        if (width <= maxWidth) {
            return full;
        }
        try (full) {
            int h = Math.max(1, (int) Math.round((double) height * maxWidth / width));
            Mat out = new Mat();
            try (Size size = new Size(maxWidth, h)) {
                resize(full, out, size, 0, 0, INTER_AREA);
            }
            return out;
        }
    }

    private static Mat wrap(byte[] grey, int width, int height) {
        Mat m = new Mat(height, width, CV_8UC1);
        m.data().put(grey, 0, width * height);
        return m;
    }

    @Override
    public String toString() {
        return "Frame[" + camera + " pts=" + pts90k + " " + wallClock + " " + width + "x" + height + "]";
    }
}
