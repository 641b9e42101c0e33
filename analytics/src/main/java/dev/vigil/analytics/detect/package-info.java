/**
 * Object detection: the frame handed to analytics ({@link dev.vigil.analytics.detect.Frame}), the
 * detector plug-in interface ({@link dev.vigil.analytics.detect.ObjectDetector}) with one package
 * per backend ({@code hog}, {@code cascade}, {@code dnn}), and the pure helpers around it: regions
 * to look at, crops, non-maximum suppression.
 */
package dev.vigil.analytics.detect;
