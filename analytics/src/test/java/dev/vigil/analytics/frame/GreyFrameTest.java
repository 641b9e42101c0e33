package dev.vigil.analytics.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Synthetic frames, as detector tests build them: no FFmpeg involved. */
class GreyFrameTest {
    private static final CameraId CAM = CameraId.of("lab");

    @Test
    void readsPixelsAndHandsOutItsColour() {
        byte[] grey = new byte[4 * 2];
        grey[1 * 4 + 3] = (byte) 200;
        BgrImage colour = new BgrImage(4, 2, new byte[4 * 2 * 3]);
        GreyFrame f = new GreyFrame(CAM, 9000, Instant.EPOCH, true, 4, 2, grey, 8, 4, ColourSource.of(colour));
        assertEquals(200, f.at(3, 1));
        assertEquals(0, f.at(0, 0));
        assertSame(colour, f.bgr(0));
        assertTrue(f.toString().contains("4x2 of 8x4"), f.toString());
    }

    @Test
    void rejectsInconsistentSizesNamingTheCamera() {
        VigilException e = assertThrows(VigilException.class,
                () -> new GreyFrame(CAM, 0, Instant.EPOCH, false, 4, 2, new byte[7], 4, 2, ColourSource.none()));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("camera lab") && e.getMessage().contains("had 7"), e.getMessage());
        assertThrows(VigilException.class,
                () -> new GreyFrame(CAM, 0, Instant.EPOCH, false, 4, 2, new byte[8], 2, 2, ColourSource.none()));
        assertThrows(VigilException.class, () -> new BgrImage(2, 2, new byte[11]));
    }

    @Test
    void framesWithoutColourSaySo() {
        GreyFrame f = new GreyFrame(CAM, 0, Instant.EPOCH, false, 1, 1, new byte[1], 1, 1, ColourSource.none());
        assertEquals(ErrorKind.UNIMPLEMENTED, assertThrows(VigilException.class, () -> f.bgr(0)).kind());
    }
}
