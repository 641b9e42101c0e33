package dev.vigil.ingest.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    @Test
    void ratesOfTheLastFullSecondAndZeroWhenStalled() {
        RateMeter m = new RateMeter();
        for (int i = 0; i <= 10; i++) {
            m.record(i * 100L, 1000);
        }
        assertEquals(10.0, m.fps(1000), 0.01);
        assertEquals(80_000.0, m.bitsPerSecond(1000), 0.01);
        assertEquals(0.0, m.fps(5000), 0.01);
    }
}
