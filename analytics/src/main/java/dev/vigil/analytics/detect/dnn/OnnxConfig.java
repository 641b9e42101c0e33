package dev.vigil.analytics.detect.dnn;

import dev.vigil.core.error.VigilException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user-supplied YOLO model in ONNX, run through OpenCV DNN.
 *
 * @param model the .onnx file
 * @param labels the model's class names, in its class order (80 COCO names for the stock models); lower case
 * @param inputWidth the model's input width (640 for the stock models)
 * @param inputHeight its input height
 * @param layout the output layout; empty to guess it from the output shape and the label count
 * @param minConfidence candidates scoring under this are dropped; default 0.25
 * @param nmsIou boxes of one class overlapping by this IoU or more are one object; default 0.45
 */
public record OnnxConfig(Path model, List<String> labels, int inputWidth, int inputHeight,
        Optional<YoloLayout> layout, double minConfidence, double nmsIou) {
    public OnnxConfig {
        Objects.requireNonNull(model, "model");
        labels = List.copyOf(labels);
        Objects.requireNonNull(layout, "layout");
        if (labels.isEmpty()) {
            throw VigilException.invalid("ONNX model " + model + ": labels must name its classes");
        }
        if (inputWidth < 8 || inputHeight < 8) {
            throw VigilException.invalid("ONNX model " + model + ": input must be at least 8x8, was " + inputWidth
                    + "x" + inputHeight);
        }
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw VigilException.invalid("ONNX minConfidence must be in (0, 1), was " + minConfidence);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw VigilException.invalid("ONNX nmsIou must be in (0, 1], was " + nmsIou);
        }
    }

    public static OnnxConfig of(Path model, List<String> labels, int inputSize) {
        return new OnnxConfig(model, labels, inputSize, inputSize, Optional.empty(), 0.25, 0.45);
    }
}
