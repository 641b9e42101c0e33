package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PictureSizeTest {
    @Test
    void keepsAspectAndEvenHeight() {
        assertEquals(new PictureSize(320, 180), new PictureSize(1920, 1080).scaledTo(320));
        assertEquals(new PictureSize(640, 360), new PictureSize(1920, 1080).scaledTo(640));
        assertEquals(new PictureSize(640, 480), new PictureSize(768, 576).scaledTo(640));
        assertEquals(new PictureSize(320, 262), new PictureSize(352, 288).scaledTo(320));
        assertEquals(new PictureSize(320, 136), new PictureSize(2560, 1080).scaledTo(320)); // 135 -> even
    }

    @Test
    void neverUpscales() {
        assertEquals(new PictureSize(352, 288), new PictureSize(352, 288).scaledTo(640));
        assertEquals(new PictureSize(352, 288), new PictureSize(352, 288).scaledTo(0));
    }

    @Test
    void extremeAspectKeepsAtLeastTwoRows() {
        assertEquals(new PictureSize(16, 2), new PictureSize(4000, 10).scaledTo(16));
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new PictureSize(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PictureSize(10, 10).scaledTo(-1));
    }
}
