package dev.vigil.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An object detector a camera's analytics may run on its frames with motion. */
public enum DetectorKind {
    /** The moving regions themselves, class {@code motion}: "motion in zone" rules, cheapest. */
    @JsonProperty("motion") MOTION,
    /** OpenCV's HOG people detector, class {@code person}. */
    @JsonProperty("hog") HOG,
    /** The Haar full-body cascade, class {@code person}. */
    @JsonProperty("haar-fullbody") HAAR_FULLBODY,
    /** The Haar upper-body cascade, class {@code person} (people seen from the waist up). */
    @JsonProperty("haar-upperbody") HAAR_UPPERBODY,
    /** The Haar licence-plate cascade, class {@code plate} (regions of interest on traffic cameras). */
    @JsonProperty("plates") PLATES,
    /** A user's YOLO model through OpenCV DNN; classes from {@code analytics.onnx.labels}. */
    @JsonProperty("onnx") ONNX
}
