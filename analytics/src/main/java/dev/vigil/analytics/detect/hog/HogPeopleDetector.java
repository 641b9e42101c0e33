package dev.vigil.analytics.detect.hog;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.CropScaler;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * People by OpenCV's HOG descriptor with its default linear SVM (Dalal and Triggs 2005, trained
 * on INRIA persons; upright people about 96 pixels tall in a 64x128 window).
 *
 * <p>Confidence: the SVM margin {@code w} (0 at the decision boundary, about 1 to 3 for clear
 * people) is mapped to {@code w / (1 + w)}: 0.5 at a margin of 1. It is an order, not a
 * probability.
 */
public final class HogPeopleDetector implements ObjectDetector {
    private static final int WINDOW_W = 64;
    private static final int WINDOW_H = 128;

    private final HogConfig config;
    private final HOGDescriptor hog = new HOGDescriptor();
    private final Mat svm;
    private final Size stride;
    private final Size padding = new Size(8, 8);

    public HogPeopleDetector(HogConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        FloatPointer coefficients = HOGDescriptor.getDefaultPeopleDetector();
        this.svm = new Mat(coefficients);
        hog.setSVMDetector(svm);
        this.stride = new Size(config.stride(), config.stride());
    }

    @Override
    public String name() {
        return "hog";
    }

    @Override
    public Set<String> labels() {
        return Set.of("person");
    }

    @Override
    public int minRegionWidth() {
        return (int) Math.ceil(WINDOW_W / config.upscale());
    }

    @Override
    public int minRegionHeight() {
        return (int) Math.ceil(WINDOW_H / config.upscale());
    }

    @Override
    public List<Detection> detect(AnalysisImage image, PixelRect region) {
        List<Detection> out = new ArrayList<>();
        try (Mat crop = CropScaler.crop(image.grey(), region, config.upscale());
                RectVector found = new RectVector(); DoublePointer weights = new DoublePointer()) {
            if (crop.cols() < WINDOW_W || crop.rows() < WINDOW_H) {
                return out;
            }
            hog.detectMultiScale(crop, found, weights, 0, stride, padding, config.scaleStep(),
                    config.groupThreshold(), false);
            for (long i = 0; i < found.size(); i++) {
                double w = i < weights.limit() ? weights.get(i) : 0;
                double confidence = w <= 0 ? 0 : w / (1 + w);
                if (confidence < config.minConfidence()) {
                    continue;
                }
                try (Rect r = found.get(i)) {
                    out.add(new Detection("person", confidence,
                            CropScaler.toImage(r, region, config.upscale(), image.width(), image.height())));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        hog.close();
        svm.close();
        stride.close();
        padding.close();
    }
}
