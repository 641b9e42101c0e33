package dev.vigil.analytics.detect.dnn;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.CropScaler;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.NonMaximumSuppression;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * Objects by a user-supplied YOLO model (v5, v8 or 11 output layouts) in ONNX through OpenCV DNN
 * on the CPU. No weights ship with Vigil: the user points the config at a model file.
 *
 * <p>Per region: the colour crop is letterboxed into the model's input ({@link Letterbox}), made
 * a blob (RGB, scaled to 0-1, NCHW), run, decoded ({@link YoloDecoder}), mapped back to the
 * whole picture and de-duplicated per class ({@link NonMaximumSuppression}). Classes outside the
 * label list's range are ignored.
 */
public final class OnnxDetector implements ObjectDetector {
    private final OnnxConfig config;
    private final Net net;

    public OnnxDetector(OnnxConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (!Files.isReadable(config.model())) {
            throw new VigilException(ErrorKind.NOT_FOUND, "ONNX model " + config.model() + " is not a readable file");
        }
        Net loaded;
        try {
            loaded = readNetFromONNX(config.model().toString());
        } catch (RuntimeException e) { // OpenCV's cv::Exception surfaces as a RuntimeException
            throw VigilException.invalid("OpenCV cannot read ONNX model " + config.model() + ": " + e.getMessage());
        }
        if (loaded == null || loaded.empty()) {
            throw VigilException.invalid("OpenCV read no network from ONNX model " + config.model());
        }
        this.net = loaded;
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Set<String> labels() {
        return Set.copyOf(config.labels());
    }

    @Override
    public int minRegionWidth() {
        return config.inputWidth() / 4;
    }

    @Override
    public int minRegionHeight() {
        return config.inputHeight() / 4;
    }

    @Override
    public List<Detection> detect(AnalysisImage image, PixelRect region) {
        float[] data;
        int[] dims;
        Letterbox box = Letterbox.fit(region.width(), region.height(), config.inputWidth(), config.inputHeight());
        try (Mat crop = CropScaler.crop(image.bgr(), region, 1.0); Mat input = letterbox(crop, box);
                Size size = new Size(config.inputWidth(), config.inputHeight()); Scalar zero = new Scalar(0.0);
                Mat blob = blobFromImage(input, 1 / 255.0, size, zero, true, false, CV_32F)) {
            net.setInput(blob);
            try (Mat out = net.forward()) {
                dims = new int[out.dims()];
                long count = 1;
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = out.size(i);
                    count *= dims[i];
                }
                data = new float[(int) count];
                try (Mat dense = out.isContinuous() ? out : out.clone()) {
                    new FloatPointer(dense.data()).get(data);
                }
            }
        } catch (VigilException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.INTERNAL, "ONNX model " + config.model().getFileName() + " failed: "
                    + e.getMessage(), e);
        }
        List<Detection> found = new ArrayList<>();
        for (YoloDecoder.Candidate c : YoloDecoder.decode(data, dims, config.layout().orElse(null),
                config.labels().size(), config.minConfidence())) {
            NormalizedBox inCrop = box.toSource(c.cx(), c.cy(), c.w(), c.h());
            if (inCrop.area() == 0) {
                continue;
            }
            NormalizedBox inImage = NormalizedBox.ofPixels(region.x() + inCrop.x() * region.width(),
                    region.y() + inCrop.y() * region.height(), inCrop.width() * region.width(),
                    inCrop.height() * region.height(), image.width(), image.height());
            found.add(new Detection(config.labels().get(c.classIndex()), c.score(), inImage));
        }
        return NonMaximumSuppression.apply(found, config.nmsIou());
    }

    /** The crop scaled and padded into the model's input. */
    static Mat letterbox(Mat crop, Letterbox box) {
        Mat out = new Mat();
        try (Mat scaled = new Mat(); Size size = new Size(box.scaledWidth(), box.scaledHeight());
                Scalar grey = new Scalar(Letterbox.PAD_GREY, Letterbox.PAD_GREY, Letterbox.PAD_GREY, 0)) {
            resize(crop, scaled, size, 0, 0, INTER_LINEAR);
            int right = box.inputWidth() - box.scaledWidth() - box.padX();
            int bottom = box.inputHeight() - box.scaledHeight() - box.padY();
            copyMakeBorder(scaled, out, box.padY(), bottom, box.padX(), right, BORDER_CONSTANT, grey);
        }
        return out;
    }

    @Override
    public void close() {
        net.close();
    }
}
