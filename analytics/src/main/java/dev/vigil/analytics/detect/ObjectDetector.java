package dev.vigil.analytics.detect;

import java.util.List;
import java.util.Set;

/**
 * An object detector backend (HOG, Haar cascades, an ONNX model...): finds objects in a region
 * of an analysis image. One interface for all, so that a camera's config picks its detectors.
 *
 * <p>Contract: an instance belongs to one camera's analytics thread (OpenCV's detectors are not
 * safe to share between threads). {@link #detect} never throws for what it finds in the picture;
 * it may throw {@link dev.vigil.core.error.VigilException} for a broken model. {@link #close}
 * frees native resources.
 */
public interface ObjectDetector extends AutoCloseable {
    /** A short name for metrics and logs, e.g. {@code hog}, {@code haar-fullbody}, {@code onnx}. */
    String name();

    /** The labels it can produce. */
    Set<String> labels();

    /**
     * The smallest region, in analysis pixels, worth giving it: its detection window (HOG people
     * 64x128). The pipeline grows smaller motion regions to this size.
     */
    int minRegionWidth();

    /** See {@link #minRegionWidth()}. */
    int minRegionHeight();

    /**
     * Finds objects in {@code region} of {@code image}.
     *
     * @param image the frame at the analysis size (borrowed)
     * @param region where to look; the whole image when it covers it
     * @return the detections, with boxes normalized to the whole image
     */
    List<Detection> detect(AnalysisImage image, PixelRect region);

    @Override
    void close();
}
