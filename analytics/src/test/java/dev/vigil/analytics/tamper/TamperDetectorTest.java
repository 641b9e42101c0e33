package dev.vigil.analytics.tamper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.analytics.detect.SyntheticScene;
import dev.vigil.analytics.rules.TamperCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Each kind of tampering on a synthetic scene gives its cause, only its cause, and clears when the
 * view is restored; 5 fps, default settings (persistence 2 s, frozen after 5 s).
 */
class TamperDetectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Feeds 10 s of normal frames, 10 s of {@code tampered}, then 10 s normal again, and returns: every cause
     * active at any time; those active at the end of the tampered phase; those active at the end.
     */
    private static List<Set<TamperCause>> run(SyntheticScene scene, IntFunction<byte[]> tampered) {
        Set<TamperCause> ever = EnumSet.noneOf(TamperCause.class);
        Set<TamperCause> endOfTampered = Set.of();
        Set<TamperCause> end = Set.of();
        try (TamperDetector d = new TamperDetector(TamperConfig.defaults())) {
            int f = 0;
            for (int phase = 0; phase < 3; phase++) {
                for (int i = 0; i < 50; i++, f++) {
                    byte[] grey = phase == 1 ? tampered.apply(i) : scene.view();
                    try (Mat m = SyntheticScene.mat(grey)) {
                        TamperReading r = d.update(m, T0.plusMillis(200L * f));
                        ever.addAll(r.active());
                        endOfTampered = phase == 1 ? r.active() : endOfTampered;
                        end = r.active();
                    }
                }
            }
        }
        return List.of(ever, endOfTampered, end);
    }

    private static List<Set<TamperCause>> only(TamperCause cause) {
        return List.of(Set.of(cause), Set.of(cause), Set.of());
    }

    @Test
    void normalFramesRaiseNothing() {
        SyntheticScene scene = new SyntheticScene(3);
        assertEquals(List.of(Set.of(), Set.of(), Set.of()), run(scene, i -> scene.view(new int[] {200, 100, 30, 80, 200})));
    }

    @Test
    void blackFramesAreCoveredOnly() {
        SyntheticScene scene = new SyntheticScene(4);
        assertEquals(only(TamperCause.COVERED), run(scene, i -> scene.black()));
    }

    @Test
    void blurredFramesAreDefocusedOnly() {
        SyntheticScene scene = new SyntheticScene(5);
        assertEquals(only(TamperCause.DEFOCUSED),
                run(scene, i -> scene.withNoise(SyntheticScene.blurred(scene.view(0, 0, 0), 5))));
    }

    @Test
    void shiftedFramesAreMovedOnly() {
        SyntheticScene scene = new SyntheticScene(6);
        // 40 px of 640: 6 % of the width, a camera knocked a few degrees.
        assertEquals(only(TamperCause.MOVED), run(scene, i -> scene.view(40, 10, 2)));
    }

    @Test
    void anotherSceneIsSceneChangedOnly() {
        SyntheticScene scene = new SyntheticScene(7);
        SyntheticScene other = new SyntheticScene(8);
        assertEquals(only(TamperCause.SCENE_CHANGED),
                run(scene, i -> scene.withNoise(other.view(0, 0, 0))));
    }

    @Test
    void identicalFramesAreFrozenOnly() {
        SyntheticScene scene = new SyntheticScene(9);
        byte[] still = scene.view();
        // Frozen needs 5 s of identical frames, then 2 s of persistence: active from 7 s into the 10 s phase.
        assertEquals(only(TamperCause.FROZEN), run(scene, i -> still));
    }
}
