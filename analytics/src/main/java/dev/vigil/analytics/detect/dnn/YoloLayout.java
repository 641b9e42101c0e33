package dev.vigil.analytics.detect.dnn;

/**
 * The output tensor layouts of the YOLO detectors exported to ONNX by their authors' tools.
 * Boxes are centre x, centre y, width, height in input pixels.
 */
public enum YoloLayout {
    /**
     * YOLOv5 (and v7): {@code [1, N, 5 + C]}, one row per candidate: box, objectness, then C class
     * probabilities; the score of class c is objectness times its probability.
     */
    V5,
    /**
     * YOLOv8 and YOLO11 (same head): {@code [1, 4 + C, N]}, one column per candidate: box, then C
     * class scores; no objectness. Some exports transpose it to {@code [1, N, 4 + C]}; both are read.
     */
    V8
}
