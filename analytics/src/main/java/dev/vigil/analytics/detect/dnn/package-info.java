/**
 * A user-supplied YOLO model (v5, v8, 11 output layouts) in ONNX through OpenCV DNN: letterbox,
 * decode and non-maximum suppression are pure and tested on synthetic tensors.
 */
package dev.vigil.analytics.detect.dnn;
