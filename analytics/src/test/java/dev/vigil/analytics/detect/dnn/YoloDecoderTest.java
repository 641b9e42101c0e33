package dev.vigil.analytics.detect.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic output tensors of each layout with known candidates; letterbox arithmetic. */
class YoloDecoderTest {
    // Three candidates, two classes: (cx, cy, w, h, class scores).
    private static final float[][] CANDIDATES = {
        {320, 320, 100, 200, 0.9f, 0.05f}, // class 0 at 0.9
        {100, 50, 40, 40, 0.1f, 0.6f},     // class 1 at 0.6
        {500, 500, 10, 10, 0.2f, 0.1f},    // below 0.25
    };

    /** v8: [1, 4 + C, N], attributes along columns. */
    private static float[] v8() {
        int n = CANDIDATES.length;
        float[] out = new float[6 * n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 6; a++) {
                out[a * n + i] = CANDIDATES[i][a];
            }
        }
        return out;
    }

    /** v5: [1, N, 5 + C], objectness 1 for the first, 0.5 for the others (scores = objectness x probability). */
    private static float[] v5() {
        int n = CANDIDATES.length;
        float[] out = new float[7 * n];
        for (int i = 0; i < n; i++) {
            float obj = i == 0 ? 1f : 0.5f;
            System.arraycopy(CANDIDATES[i], 0, out, i * 7, 4);
            out[i * 7 + 4] = obj;
            out[i * 7 + 5] = CANDIDATES[i][4];
            out[i * 7 + 6] = CANDIDATES[i][5];
        }
        return out;
    }

    @Test
    void v8ColumnsGuessedFromTheShape() {
        List<YoloDecoder.Candidate> c = YoloDecoder.decode(v8(), new int[] {1, 6, 3}, null, 2, 0.25);
        assertEquals(List.of(new YoloDecoder.Candidate(0, 0.9f, 320, 320, 100, 200),
                new YoloDecoder.Candidate(1, 0.6f, 100, 50, 40, 40)), c);
    }

    @Test
    void v8TransposedRows() {
        float[] rows = new float[18];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(CANDIDATES[i], 0, rows, i * 6, 6);
        }
        assertEquals(2, YoloDecoder.decode(rows, new int[] {1, 3, 6}, YoloLayout.V8, 2, 0.25).size());
    }

    @Test
    void v5ScoresAreObjectnessTimesClassProbability() {
        List<YoloDecoder.Candidate> c = YoloDecoder.decode(v5(), new int[] {1, 3, 7}, null, 2, 0.25);
        assertEquals(2, c.size());
        assertEquals(0.9, c.get(0).score(), 1e-6);
        assertEquals(1, c.get(1).classIndex());
        assertEquals(0.3, c.get(1).score(), 1e-6); // 0.5 x 0.6
    }

    @Test
    void aShapeThatFitsNoLayoutIsRefusedWithItsDimensions() {
        VigilException e = assertThrows(VigilException.class,
                () -> YoloDecoder.decode(new float[30], new int[] {1, 3, 10}, null, 2, 0.25));
        assertEquals("YOLO output [1, 3, 10] fits no layout for 2 classes", e.getMessage());
    }

    @Test
    void letterboxOfA16by9PictureIntoASquare() {
        Letterbox box = Letterbox.fit(1280, 720, 640, 640);
        assertEquals(0.5, box.scale());
        assertEquals(0, box.padX());
        assertEquals(140, box.padY()); // 640 - 360 = 280, half on top
        assertEquals(360, box.scaledHeight());
        // The model's box centred at (320, 320), 64x36, is the picture's centre, 128x72 pixels of 1280x720.
        NormalizedBox b = box.toSource(320, 320, 64, 36);
        assertEquals(0.45, b.x(), 1e-9);
        assertEquals(0.45, b.y(), 1e-9);
        assertEquals(0.1, b.width(), 1e-9);
        assertEquals(0.1, b.height(), 1e-9);
        // A box in the padding is clipped to nothing.
        assertEquals(0, box.toSource(320, 20, 40, 20).area(), 1e-12);
    }
}
