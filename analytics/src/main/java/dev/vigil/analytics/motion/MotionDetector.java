package dev.vigil.analytics.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

/**
 * Finds what moved on one camera's frames: the changed blobs against a learned background.
 *
 * <p>Contract: one detector per camera, confined to its analytics thread, fed its frames in
 * order; the first frame only seeds the background and reports no motion, as does a frame whose
 * size differs from the previous one (the background is reseeded). {@link #close} frees the
 * native buffers; the detector must not be used afterwards.
 *
 * <p>Implementation note: the grey frame is scaled to {@code width}, Gaussian-blurred, and
 * compared with the background: with {@link MotionMethod#RUNNING_AVERAGE}, the absolute
 * difference with an exponential running average ({@code accumulateWeighted}) thresholded at
 * {@code threshold}; with {@link MotionMethod#MOG2}, OpenCV's MOG2 foreground mask without its
 * shadow label (127). The mask is dilated so that an object's pieces join, and the bounding boxes
 * of its external contours at least {@code minAreaFraction} of the frame are the regions. This is
 * the detector of Frigate and of most NVRs, minus their mask editing.
 */
public final class MotionDetector implements AutoCloseable {
    private final MotionConfig config;
    private final BackgroundSubtractorMOG2 mog2;
    private Mat background; // CV_32F, running average only
    private int seededWidth;
    private int seededHeight;
    private boolean closed;

    public MotionDetector(MotionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.mog2 = config.method() == MotionMethod.MOG2 ? createBackgroundSubtractorMOG2(500, 16, true) : null;
    }

    public MotionConfig config() {
        return config;
    }

    /**
     * Finds motion on the next frame.
     *
     * @param grey the frame's luma, 8-bit single channel, any size (borrowed: not changed, not kept)
     * @return the moving regions
     */
    public MotionResult update(Mat grey) {
        if (closed) {
            throw new VigilException(dev.vigil.core.error.ErrorKind.FAILED_PRECONDITION, "motion detector is closed");
        }
        try (Mat small = prepare(grey); Mat mask = new Mat()) {
            boolean seeded = foreground(small, mask);
            if (!seeded) {
                return MotionResult.NONE;
            }
            double changed = (double) countNonZero(mask) / (mask.rows() * (double) mask.cols());
            if (changed == 0) {
                return MotionResult.NONE;
            }
            if (config.dilateIterations() > 0) {
                try (Mat kernel = new Mat(); Point anchor = new Point(-1, -1);
                        Scalar border = new Scalar(0.0)) {
                    dilate(mask, mask, kernel, anchor, config.dilateIterations(),
                            org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT, border);
                }
            }
            return new MotionResult(regions(mask), changed);
        }
    }

    /** Scales and blurs into a new Mat. */
    private Mat prepare(Mat grey) {
        if (grey.type() != CV_8U) {
            throw VigilException.invalid("motion needs an 8-bit single-channel frame, had Mat type " + grey.type());
        }
        Mat small = new Mat();
        int h = Math.max(1, (int) Math.round((double) grey.rows() * config.width() / grey.cols()));
        if (grey.cols() == config.width()) {
            grey.copyTo(small);
        } else {
            try (Size size = new Size(config.width(), h)) {
                resize(grey, small, size, 0, 0, INTER_AREA);
            }
        }
        if (config.blurKernel() > 1) {
            try (Size k = new Size(config.blurKernel(), config.blurKernel())) {
                GaussianBlur(small, small, k, 0);
            }
        }
        return small;
    }

    /** Fills {@code mask} (8-bit, 255 = changed); false when this frame only seeded the background. */
    private boolean foreground(Mat small, Mat mask) {
        boolean sameSize = small.cols() == seededWidth && small.rows() == seededHeight;
        seededWidth = small.cols();
        seededHeight = small.rows();
        if (mog2 != null) {
            mog2.apply(small, mask, sameSize ? -1 : 1);
            // 255 foreground, 127 shadow: shadows are not motion.
            threshold(mask, mask, 200, 255, THRESH_BINARY);
            return sameSize;
        }
        if (background == null || !sameSize) {
            if (background != null) {
                background.close();
            }
            background = new Mat();
            small.convertTo(background, CV_32F);
            return false;
        }
        try (Mat bg8 = new Mat()) {
            background.convertTo(bg8, CV_8U);
            absdiff(small, bg8, mask);
        }
        threshold(mask, mask, config.threshold(), 255, THRESH_BINARY);
        accumulateWeighted(small, background, config.learningRate());
        return true;
    }

    private List<NormalizedBox> regions(Mat mask) {
        List<NormalizedBox> out = new ArrayList<>();
        double minArea = config.minAreaFraction() * mask.rows() * mask.cols();
        try (MatVector contours = new MatVector()) {
            findContours(mask, contours, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Mat c = contours.get(i)) {
                    if (contourArea(c) < minArea) {
                        continue;
                    }
                    try (Rect r = boundingRect(c)) {
                        out.add(NormalizedBox.ofPixels(r.x(), r.y(), r.width(), r.height(), mask.cols(), mask.rows()));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (background != null) {
            background.close();
        }
        if (mog2 != null) {
            mog2.close();
        }
    }
}
