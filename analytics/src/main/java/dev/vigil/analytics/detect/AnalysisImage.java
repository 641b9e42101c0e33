package dev.vigil.analytics.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One frame at the detectors' analysis size: its grey picture, and its colour picture made on
 * first demand (only detectors that need colour, such as a DNN, pay for it).
 *
 * <p>Ownership: the image owns both Mats; detectors borrow them for the duration of a
 * {@link ObjectDetector#detect} call and must neither change nor keep them. {@link #close} frees
 * them. Confined to one thread.
 */
public final class AnalysisImage implements AutoCloseable {
    private final Mat grey;
    private final Supplier<Mat> bgrSource;
    private Mat bgr;
    private boolean closed;

    /**
     * @param grey the grey picture at the analysis size, 8-bit single channel; the image takes ownership
     * @param bgrSource makes a new BGR picture of the frame (any size; it is scaled to the grey's size),
     *     whose ownership passes to the image
     */
    public AnalysisImage(Mat grey, Supplier<Mat> bgrSource) {
        this.grey = Objects.requireNonNull(grey, "grey");
        this.bgrSource = Objects.requireNonNull(bgrSource, "bgrSource");
        if (grey.type() != CV_8UC1) {
            throw VigilException.invalid("analysis image needs an 8-bit grey Mat, had type " + grey.type());
        }
    }

    public int width() {
        return grey.cols();
    }

    public int height() {
        return grey.rows();
    }

    /** The grey picture (borrowed). */
    public Mat grey() {
        check();
        return grey;
    }

    /** The colour picture at the analysis size (borrowed), made on the first call. */
    public Mat bgr() {
        check();
        if (bgr == null) {
            Mat source = bgrSource.get();
            if (source == null || source.type() != CV_8UC3) {
                if (source != null) {
                    source.close();
                }
                throw new VigilException(ErrorKind.INTERNAL, "the frame's BGR source gave no 8-bit BGR picture");
            }
            if (source.cols() == grey.cols() && source.rows() == grey.rows()) {
                bgr = source;
            } else {
                bgr = new Mat();
                try (source; Size size = new Size(grey.cols(), grey.rows())) {
                    resize(source, bgr, size, 0, 0, INTER_AREA);
                }
            }
        }
        return bgr;
    }

    /** Whether the colour picture has been made (for tests that count conversions). */
    public boolean hasBgr() {
        return bgr != null;
    }

    private void check() {
        if (closed) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "analysis image is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            grey.close();
            if (bgr != null) {
                bgr.close();
            }
        }
    }
}
