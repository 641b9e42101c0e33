package dev.vigil.analytics.detect.cascade;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.CropScaler;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * People or number plates by one of the Haar cascades that ship in the bytedeco OpenCV jar
 * (Viola and Jones 2001, with Lienhart's extended features).
 *
 * <p>Confidence: a cascade says yes or no; how many neighbouring windows said yes ({@code n},
 * from {@code detectMultiScale2}) is the only strength it gives, mapped to
 * {@code n / (n + minNeighbors)}: 0.5 at the minimum. An order, not a probability.
 *
 * <p>Plates are regions of interest for traffic cameras: the event carries their box; reading
 * them is out of scope.
 */
public final class CascadeDetector implements ObjectDetector {
    private final CascadeConfig config;
    private final CascadeClassifier classifier;
    private final Size minSize;
    private final Size maxSize = new Size();

    public CascadeDetector(CascadeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        File file = extract(config.model());
        this.classifier = new CascadeClassifier();
        if (!classifier.load(file.getAbsolutePath())) {
            classifier.close();
            throw new VigilException(ErrorKind.INTERNAL, "OpenCV could not load cascade " + file);
        }
        this.minSize = new Size(config.model().windowWidth(), config.model().windowHeight());
    }

    /** Unpacks a cascade from the bytedeco jar into JavaCPP's cache (once per machine). */
    static File extract(HaarModel model) {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/"
                + model.file();
        try {
            File file = Loader.cacheResource(resource);
            if (file == null) {
                throw new VigilException(ErrorKind.NOT_FOUND, "cascade " + resource + " is not on the class path");
            }
            return file;
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "could not unpack cascade " + resource, e);
        }
    }

    @Override
    public String name() {
        return "haar-" + config.model().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public Set<String> labels() {
        return Set.of(config.model().label());
    }

    @Override
    public int minRegionWidth() {
        return (int) Math.ceil(config.model().windowWidth() * 2 / config.upscale());
    }

    @Override
    public int minRegionHeight() {
        return (int) Math.ceil(config.model().windowHeight() * 2 / config.upscale());
    }

    @Override
    public List<Detection> detect(AnalysisImage image, PixelRect region) {
        List<Detection> out = new ArrayList<>();
        try (Mat crop = CropScaler.crop(image.grey(), region, config.upscale());
                RectVector found = new RectVector(); IntPointer neighbours = new IntPointer()) {
            if (crop.cols() < minSize.width() || crop.rows() < minSize.height()) {
                return out;
            }
            classifier.detectMultiScale2(crop, found, neighbours, config.scaleFactor(), config.minNeighbors(), 0,
                    minSize, maxSize);
            for (long i = 0; i < found.size(); i++) {
                int n = i < neighbours.limit() ? neighbours.get(i) : config.minNeighbors();
                double confidence = (double) n / (n + config.minNeighbors());
                if (confidence < config.minConfidence()) {
                    continue;
                }
                try (Rect r = found.get(i)) {
                    out.add(new Detection(config.model().label(), confidence,
                            CropScaler.toImage(r, region, config.upscale(), image.width(), image.height())));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        classifier.close();
        minSize.close();
        maxSize.close();
    }
}
