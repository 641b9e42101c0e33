package dev.vigil.core.config;

import java.util.List;

/**
 * A user-supplied ONNX object detection model (YOLOv5, v8 or 11 output layouts).
 *
 * @param model the {@code .onnx} file; required
 * @param labels the model's class names in its class order, lower case; required (a model's
 *     classes cannot be guessed from its file)
 * @param inputSize the model's square input size; default 640
 * @param layout {@code v5} or {@code v8} (also YOLO11); default: guessed from the output shape
 * @param minConfidence candidates scoring under this are dropped; default 0.25
 */
public record OnnxModelConfig(String model, List<String> labels, Integer inputSize, String layout,
        Double minConfidence) {
    public OnnxModelConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        inputSize = ConfigDefaults.orDefault(inputSize, 640);
        minConfidence = ConfigDefaults.orDefault(minConfidence, 0.25);
    }
}
