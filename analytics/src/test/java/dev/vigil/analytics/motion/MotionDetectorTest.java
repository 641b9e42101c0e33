package dev.vigil.analytics.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.detect.SyntheticScene;
import dev.vigil.core.model.NormalizedBox;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MotionDetectorTest {
    private static MotionResult feed(MotionDetector d, byte[] grey) {
        try (Mat m = SyntheticScene.mat(grey)) {
            return d.update(m);
        }
    }

    @ParameterizedTest
    @EnumSource(MotionMethod.class)
    void aStillSceneWithAStillObjectAndSensorNoiseHasNoMotion(MotionMethod method) {
        SyntheticScene scene = new SyntheticScene(1);
        int[] parkedVan = {300, 150, 120, 80, 40};
        try (MotionDetector d = new MotionDetector(MotionConfig.defaults().withMethod(method))) {
            for (int f = 0; f < 50; f++) {
                MotionResult r = feed(d, scene.view(parkedVan));
                assertFalse(r.hasMotion(), "frame " + f + ": " + r);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MotionMethod.class)
    void aWalkingObjectIsOneRegionAroundIt(MotionMethod method) {
        SyntheticScene scene = new SyntheticScene(2);
        try (MotionDetector d = new MotionDetector(MotionConfig.defaults().withMethod(method))) {
            for (int f = 0; f < 30; f++) {
                feed(d, scene.view());
            }
            int moving = 0;
            for (int f = 0; f < 20; f++) {
                int x = 100 + 12 * f;
                MotionResult r = feed(d, scene.view(new int[] {x, 150, 24, 64, 230}));
                if (f == 0) {
                    continue; // the object appears: nothing to compare with
                }
                assertTrue(r.hasMotion(), "frame " + f);
                moving++;
                // The object's box in normalized coordinates; motion covers it (and where it was: the trail).
                NormalizedBox object = NormalizedBox.ofPixels(x, 150, 24, 64, 640, 360);
                NormalizedBox largest = r.regions().stream().max((a, b) -> Double.compare(a.area(), b.area())).get();
                assertTrue(largest.intersectionArea(object) > 0.8 * object.area(), "frame " + f + ": " + r);
                assertTrue(largest.width() < 0.15, "one walker's region, not the frame: " + largest);
            }
            assertEquals(19, moving);
        }
    }
}
