package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {
    private static List<Long> taken(FrameSampler s, long... pts) {
        List<Long> out = new ArrayList<>();
        for (long p : pts) {
            if (s.take(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static long[] grid(long start, long step, int n) {
        long[] pts = new long[n];
        for (int i = 0; i < n; i++) {
            pts[i] = start + i * step;
        }
        return pts;
    }

    @Test
    void takesFivePerSecondOf25() {
        assertEquals(50, taken(new FrameSampler(5), grid(0, 3600, 250)).size());
    }

    @Test
    void takesEveryOtherOf10() {
        assertEquals(List.of(0L, 18000L, 36000L, 54000L), taken(new FrameSampler(5), grid(0, 9000, 8)));
    }

    @Test
    void slowerSourceHasEveryPictureTaken() {
        assertEquals(10, taken(new FrameSampler(5), grid(1000, 90_000, 10)).size());
    }

    @Test
    void averageRateIsExactDespiteJitter() {
        long[] pts = grid(0, 3000, 3000); // 30 fps, 100 s
        for (int i = 0; i < pts.length; i++) {
            pts[i] += (i * 7919 % 601) - 300; // +-3.3 ms of jitter
        }
        assertEquals(500, taken(new FrameSampler(5), pts).size(), 1);
    }

    @Test
    void gapRestartsTheGridWithoutABurst() {
        FrameSampler s = new FrameSampler(5);
        assertEquals(List.of(0L, 18000L), taken(s, 0, 9000, 18000));
        // 10 s later: one picture taken, the next one only an interval after it.
        assertEquals(List.of(918000L, 936000L), taken(s, 918000, 927000, 936000));
    }

    @Test
    void timeRunningBackwardsRestartsTheGrid() {
        FrameSampler s = new FrameSampler(5);
        taken(s, grid(900_000, 9000, 10));
        assertEquals(List.of(0L, 18000L), taken(s, 0, 9000, 18000));
    }

    @Test
    void resetTakesTheNextPicture() {
        FrameSampler s = new FrameSampler(1);
        s.take(0);
        s.reset();
        assertEquals(List.of(9000L), taken(s, 9000));
    }

    @Test
    void rejectsNonsenseRates() {
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(0));
    }
}
