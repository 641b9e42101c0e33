package dev.vigil.analytics.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.vigil.core.model.CameraId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test footage {@code media/vtest-h264.mp4} (OpenCV's sample: people walking across a
 * yard past a cordon, 768x576, 10 fps, 795 frames), decoded with javacv's grabber. Test-only: the
 * production decoder lives in the decode package. Tests skip, with a message, when the shared
 * folder is absent.
 */
public final class VtestFootage implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    public static final int WIDTH = 768;
    public static final int HEIGHT = 576;

    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private int index = -1;

    private VtestFootage(Path file) throws Exception {
        grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.start();
    }

    /** Opens the footage, or skips the calling test when it is absent. */
    public static VtestFootage open() throws Exception {
        String shared = System.getProperty("vigil.shared.dir");
        Assumptions.assumeTrue(shared != null, "vigil.shared.dir is not set: run through Maven (surefire sets it)");
        Path file = Path.of(shared, "media", "vtest-h264.mp4");
        Assumptions.assumeTrue(Files.isReadable(file), "test footage " + file + " is absent; see ../shared/media/README.md");
        return new VtestFootage(file);
    }

    /** One decoded picture: its index from 0, its wall clock (10 fps from {@link #T0}), and a BGR copy owned by the footage until the next call. */
    public record Picture(int index, Instant wallClock, Mat bgr) {
        /** A {@link Frame} of this picture: grey plane, and a fresh BGR copy per call of its supplier. */
        public Frame frame(CameraId camera) {
            byte[] grey = new byte[bgr.cols() * bgr.rows()];
            try (Mat g = new Mat()) {
                cvtColor(bgr, g, COLOR_BGR2GRAY);
                g.data().get(grey);
            }
            Mat keep = bgr;
            return new Frame(camera, index * 9000L, wallClock, bgr.cols(), bgr.rows(), grey, keep::clone);
        }
    }

    private Mat current;

    /** The next picture, or null at the end. */
    public Picture next() throws Exception {
        org.bytedeco.javacv.Frame f = grabber.grabImage();
        if (f == null) {
            return null;
        }
        index++;
        if (current != null) {
            current.close();
        }
        // The converter owns and reuses the Mat it returns: copy it, never close it.
        current = converter.convert(f).clone();
        return new Picture(index, T0.plusMillis(100L * index), current);
    }

    @Override
    public void close() throws FrameGrabber.Exception {
        if (current != null) {
            current.close();
        }
        grabber.stop();
        grabber.release();
        converter.close();
    }
}
