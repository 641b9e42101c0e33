package dev.vigil.analytics.tamper;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.TM_CCOEFF_NORMED;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.createHanningWindow;
import static org.bytedeco.opencv.global.opencv_imgproc.matchTemplate;
import static org.bytedeco.opencv.global.opencv_imgproc.phaseCorrelate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.analytics.rules.TamperCause;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Tells, frame by frame, whether one camera's view is tampered with: covered or black, defocused,
 * moved, scene changed, frozen.
 *
 * <p>Contract: one detector per camera, confined to its analytics thread, fed frames in
 * wall-clock order. The first frame becomes the reference; afterwards the reference follows the
 * scene slowly ({@code learningRate}) on frames that show no cause, so that daylight changes are
 * learned and tampering is not. A cause is reported once it has held for {@code persist} and
 * cleared once it has been gone that long. {@link #close} frees the native buffers.
 *
 * <p>Implementation note, per frame at the analysis width:
 * <ul>
 * <li>covered: the standard deviation of grey levels under {@code coveredStdDev} (a hand, tape,
 *     paint or darkness leave a flat picture); when covered, nothing else is judged;
 * <li>moved: phase correlation with the reference (Hanning window; Kuglin and Hines 1975) finds
 *     a shift of at least {@code minShift} of the width with a trusted peak;
 * <li>scene changed: not shifted, yet the zero-mean normalized cross-correlation with the
 *     reference falls under {@code minSimilarity};
 * <li>defocused: similar to the reference, but the variance of the Laplacian (Pech-Pacheco et
 *     al. 2000) under {@code defocusRatio} of the reference's;
 * <li>frozen: the mean absolute difference with the previous frame under {@code frozenMaxDiff}
 *     for {@code frozenFor}; a live camera's sensor noise alone keeps it above that.
 * </ul>
 */
public final class TamperDetector implements AutoCloseable {
    private final TamperConfig config;
    private final Map<TamperCause, Instant> seenSince = new EnumMap<>(TamperCause.class);
    private final Map<TamperCause, Instant> goneSince = new EnumMap<>(TamperCause.class);
    private final Set<TamperCause> active = EnumSet.noneOf(TamperCause.class);
    private Mat reference; // CV_32F
    private Mat previous; // CV_8U
    private Mat window; // Hanning, CV_32F
    private double referenceSharpness;
    private Instant identicalSince;
    private boolean closed;

    public TamperDetector(TamperConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Judges the next frame.
     *
     * @param grey the frame's luma, 8-bit single channel, any size (borrowed)
     * @param now the frame's wall clock
     */
    public TamperReading update(Mat grey, Instant now) {
        if (closed) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "tamper detector is closed");
        }
        try (Mat small = scaled(grey); Mat f = new Mat()) {
            small.convertTo(f, CV_32F);
            if (reference == null || reference.cols() != f.cols() || reference.rows() != f.rows()) {
                reseed(small, f);
                return new TamperReading(Set.of(), Set.of(), stdDev(small), sharpness(small), referenceSharpness, 1,
                        0, 0, Double.NaN);
            }
            Set<TamperCause> candidates = EnumSet.noneOf(TamperCause.class);
            double std = stdDev(small);
            double sharp = sharpness(small);
            double similarity = Double.NaN;
            double shift = 0;
            double[] response = {0};
            if (std < config.coveredStdDev()) {
                candidates.add(TamperCause.COVERED);
            } else {
                // phaseCorrelate applies the window to its inputs in place (OpenCV 4.13): give it copies.
                try (Mat r = reference.clone(); Mat c = f.clone(); Point2d p = phaseCorrelate(r, c, window, response)) {
                    shift = Math.hypot(p.x(), p.y());
                }
                similarity = similarity(f, reference);
                if (shift >= config.minShift() * f.cols() && response[0] >= config.minShiftResponse()) {
                    candidates.add(TamperCause.MOVED);
                } else if (similarity < config.minSimilarity()) {
                    candidates.add(TamperCause.SCENE_CHANGED);
                } else if (sharp < config.defocusRatio() * referenceSharpness) {
                    candidates.add(TamperCause.DEFOCUSED);
                }
            }
            double diff = frameDiff(small);
            if (diff < config.frozenMaxDiff() && !candidates.contains(TamperCause.COVERED)) {
                if (identicalSince == null) {
                    identicalSince = now;
                }
                if (!Duration.between(identicalSince, now).minus(config.frozenFor()).isNegative()) {
                    candidates.add(TamperCause.FROZEN);
                }
            } else {
                identicalSince = null;
            }
            if (candidates.isEmpty()) {
                accumulateWeighted(f, reference, config.learningRate());
                referenceSharpness += config.learningRate() * (sharp - referenceSharpness);
            }
            small.copyTo(previous);
            persist(candidates, now);
            return new TamperReading(active, candidates, std, sharp, referenceSharpness, similarity, shift,
                    response[0], diff);
        }
    }

    /** The causes reported now. */
    public Set<TamperCause> active() {
        return Set.copyOf(active);
    }

    private void persist(Set<TamperCause> candidates, Instant now) {
        for (TamperCause cause : TamperCause.values()) {
            if (candidates.contains(cause)) {
                goneSince.remove(cause);
                Instant since = seenSince.computeIfAbsent(cause, c -> now);
                if (!Duration.between(since, now).minus(config.persist()).isNegative()) {
                    active.add(cause);
                }
            } else {
                seenSince.remove(cause);
                if (active.contains(cause)) {
                    Instant since = goneSince.computeIfAbsent(cause, c -> now);
                    if (!Duration.between(since, now).minus(config.persist()).isNegative()) {
                        active.remove(cause);
                        goneSince.remove(cause);
                    }
                }
            }
        }
    }

    private void reseed(Mat small, Mat f) {
        closeMats();
        reference = f.clone();
        previous = small.clone();
        window = new Mat();
        try (Size size = new Size(f.cols(), f.rows())) {
            createHanningWindow(window, size, CV_32F);
        }
        referenceSharpness = sharpness(small);
        identicalSince = null;
    }

    private Mat scaled(Mat grey) {
        if (grey.type() != CV_8U) {
            throw VigilException.invalid("tamper needs an 8-bit single-channel frame, had Mat type " + grey.type());
        }
        Mat out = new Mat();
        if (grey.cols() == config.width()) {
            grey.copyTo(out);
            return out;
        }
        int h = Math.max(1, (int) Math.round((double) grey.rows() * config.width() / grey.cols()));
        try (Size size = new Size(config.width(), h)) {
            resize(grey, out, size, 0, 0, INTER_AREA);
        }
        return out;
    }

    private static double stdDev(Mat m) {
        try (Mat mean = new Mat(); Mat std = new Mat()) {
            meanStdDev(m, mean, std);
            return std.ptr(0).getDouble();
        }
    }

    /** Variance of the Laplacian. */
    private static double sharpness(Mat m) {
        try (Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            Laplacian(m, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double s = std.ptr(0).getDouble();
            return s * s;
        }
    }

    /** Zero-mean normalized cross-correlation of two same-size float images, -1 to 1. */
    private static double similarity(Mat a, Mat b) {
        try (Mat result = new Mat()) {
            matchTemplate(a, b, result, TM_CCOEFF_NORMED);
            float v = result.ptr(0).getFloat();
            return Float.isNaN(v) ? 0 : v;
        }
    }

    private double frameDiff(Mat small) {
        try (Mat d = new Mat()) {
            absdiff(small, previous, d);
            try (var s = mean(d)) {
                return s.get(0);
            }
        }
    }

    private void closeMats() {
        for (Mat m : new Mat[] {reference, previous, window}) {
            if (m != null) {
                m.close();
            }
        }
        reference = null;
        previous = null;
        window = null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeMats();
        }
    }
}
