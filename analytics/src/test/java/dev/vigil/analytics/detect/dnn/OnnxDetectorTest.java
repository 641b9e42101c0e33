package dev.vigil.analytics.detect.dnn;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCV DNN path end to end with a tiny ONNX graph built for the test by Debian's
 * {@code python3-onnx}: input {@code [1,3,32,32]}, output {@code [1,6,4]} in the YOLOv8 layout
 * (2 classes, 4 candidates) whose first candidate is a fixed box with a class-0 score equal to
 * the mean of the input blob. The score thus proves the picture went through the letterbox and the
 * blob (0-1 scaling, grey-114 padding) into the network.
 */
class OnnxDetectorTest {
    private static final String GRAPH = String.join("\n",
            "import sys, onnx",
            "from onnx import helper, TensorProto as T",
            "box = [16, 4, 0, 0,  16, 4, 0, 0,  8, 4, 0, 0,  16, 4, 0, 0,  0, 0.1, 0, 0,  0, 0.1, 0, 0]",
            "mask = [0] * 16 + [1, 0, 0, 0] + [0] * 4",
            "nodes = [",
            "  helper.make_node('ReduceMean', ['images'], ['m'], axes=[1, 2, 3], keepdims=1),",
            "  helper.make_node('Reshape', ['m', 'shape'], ['m3']),",
            "  helper.make_node('Mul', ['m3', 'mask'], ['scores']),",
            "  helper.make_node('Add', ['scores', 'box'], ['output0'])]",
            "inits = [helper.make_tensor('shape', T.INT64, [3], [1, 1, 1]),",
            "  helper.make_tensor('mask', T.FLOAT, [1, 6, 4], mask),",
            "  helper.make_tensor('box', T.FLOAT, [1, 6, 4], box)]",
            "g = helper.make_graph(nodes, 'tiny-yolo',",
            "  [helper.make_tensor_value_info('images', T.FLOAT, [1, 3, 32, 32])],",
            "  [helper.make_tensor_value_info('output0', T.FLOAT, [1, 6, 4])], inits)",
            "model = helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)])",
            "onnx.checker.check_model(model)",
            "onnx.save(model, sys.argv[1])");

    /**
     * Builds the graph into {@code dir}, or skips the test when no python3 with onnx is found. Debian's
     * {@code python3-onnx} installs for {@code /usr/bin/python3}, which a pyenv or venv {@code python3} on the
     * PATH does not see: that one is tried first.
     */
    private static Path tinyModel(Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("tiny.py");
        Path model = dir.resolve("tiny.onnx");
        Files.writeString(script, GRAPH, StandardCharsets.UTF_8);
        StringBuilder tried = new StringBuilder();
        for (String python : List.of("/usr/bin/python3", "python3")) {
            Process p;
            try {
                p = new ProcessBuilder(python, script.toString(), model.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                tried.append(python).append(": not installed; ");
                continue;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (output.contains("No module named 'onnx'")) {
                tried.append(python).append(": no onnx module; ");
                continue;
            }
            assertEquals(0, p.exitValue(), output);
            return model;
        }
        Assumptions.abort("python3-onnx is not installed (apt-get install python3-onnx), so the tiny ONNX model"
                + " cannot be built: " + tried);
        return null;
    }

    private static AnalysisImage image(int w, int h, double bgrLevel) {
        Mat bgr = new Mat(h, w, CV_8UC3, new Scalar(bgrLevel, bgrLevel, bgrLevel, 0));
        return new AnalysisImage(new Mat(h, w, CV_8UC1, new Scalar(bgrLevel)), () -> bgr);
    }

    @Test
    void aWhitePictureGivesTheGraphsBoxWithTheLetterboxedMeanAsScore(@TempDir Path dir) throws Exception {
        Path model = tinyModel(dir);
        OnnxConfig config = OnnxConfig.of(model, List.of("person", "car"), 32);
        try (OnnxDetector detector = new OnnxDetector(config); AnalysisImage image = image(64, 32, 255)) {
            List<Detection> found = detector.detect(image, new PixelRect(0, 0, 64, 32));
            // 64x32 into 32x32: scale 0.5, picture 32x16 with 8 rows of grey 114 above and below.
            double mean = 0.5 * 1.0 + 0.5 * 114 / 255.0;
            assertEquals(1, found.size(), found.toString());
            Detection d = found.get(0);
            assertEquals("person", d.label());
            assertEquals(mean, d.confidence(), 1e-3);
            // Model box centre (16,16), 8x16 input pixels = picture centre, 16x32 of 64x32.
            assertEquals(0.375, d.box().x(), 1e-6);
            assertEquals(0.0, d.box().y(), 1e-6);
            assertEquals(0.25, d.box().width(), 1e-6);
            assertEquals(1.0, d.box().height(), 1e-6);
        }
    }

    @Test
    void aDarkPictureScoresUnderTheThresholdAndARegionMapsBackIntoTheImage(@TempDir Path dir) throws Exception {
        Path model = tinyModel(dir);
        OnnxConfig config = OnnxConfig.of(model, List.of("person", "car"), 32);
        try (OnnxDetector detector = new OnnxDetector(config)) {
            try (AnalysisImage dark = image(64, 64, 0)) {
                // Mean = the padding only, none here (square): 0 < 0.25.
                assertTrue(detector.detect(dark, new PixelRect(0, 0, 64, 64)).isEmpty());
            }
            try (AnalysisImage white = image(200, 100, 255)) {
                List<Detection> found = detector.detect(white, new PixelRect(100, 50, 32, 32));
                assertEquals(1, found.size());
                // A square region needs no padding: the model's box (12..20, 8..24) is in region pixels.
                assertEquals((100 + 12) / 200.0, found.get(0).box().x(), 1e-6);
                assertEquals((50 + 8) / 100.0, found.get(0).box().y(), 1e-6);
                assertEquals(16 / 100.0, found.get(0).box().height(), 1e-6);
                assertEquals(1.0, found.get(0).confidence(), 1e-3);
            }
        }
    }

    @Test
    void aMissingModelIsNotFound(@TempDir Path dir) {
        VigilException e = assertThrows(VigilException.class,
                () -> new OnnxDetector(OnnxConfig.of(dir.resolve("none.onnx"), List.of("person"), 640)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }
}
