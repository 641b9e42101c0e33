package dev.vigil.analytics.snapshot;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class SnapshotRendererTest {
    @Test
    void drawsTheBoxOnACopyAndEncodesAJpegOfTheSameSize() {
        try (Mat black = new Mat(360, 640, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            byte[] jpeg = SnapshotRenderer.defaults().render(black, List.of(new NormalizedBox(0.25, 0.25, 0.5, 0.5)),
                    "person 0.90");
            assertEquals((byte) 0xFF, jpeg[0]);
            assertEquals((byte) 0xD8, jpeg[1]);
            assertEquals(0, black.ptr(90, 160).get(1), "the source picture is not drawn on");
            try (Mat buf = new Mat(jpeg); Mat decoded = imdecode(buf, IMREAD_COLOR)) {
                assertEquals(640, decoded.cols());
                assertEquals(360, decoded.rows());
                // The box's top-left corner (160, 90) is green; the middle of the box is still black.
                assertTrue((decoded.ptr(91, 161).get(1) & 0xff) > 200);
                assertTrue((decoded.ptr(180, 320).get(1) & 0xff) < 30);
            }
        }
    }

    @Test
    void bestFramesFreeTheReplacedAndTheTakenFrames() {
        BestFrames best = new BestFrames();
        {
            UUID event = UUID.randomUUID();
            Mat first = new Mat(10, 10, CV_8UC3);
            Mat second = new Mat(10, 10, CV_8UC3);
            best.keep(event, first, List.of(), "");
            best.keep(event, second, List.of(), "");
            assertTrue(first.isNull(), "a replaced best frame is freed at once");
            assertEquals(1, best.size());
            BestFrames.Kept kept = best.take(event).orElseThrow();
            assertEquals(0, best.size());
            kept.close();
            assertTrue(second.isNull());
            Mat third = new Mat(10, 10, CV_8UC3);
            best.keep(UUID.randomUUID(), third, List.of(), "");
            best.close();
            assertTrue(third.isNull(), "closing frees what is still kept");
            assertFalse(best.take(event).isPresent());
        }
    }
}
