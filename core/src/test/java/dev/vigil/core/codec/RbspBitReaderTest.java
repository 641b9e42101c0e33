package dev.vigil.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import org.junit.jupiter.api.Test;

class RbspBitReaderTest {

    @Test
    void readsFixedWidthFieldsMostSignificantBitFirst() {
        RbspBitReader r = new RbspBitReader(new byte[] {0x09, (byte) 0xA5, (byte) 0xFF, 0x12, 0x34, 0x56, 0x78}, 1, "t");
        assertEquals(0xA, r.bits(4));
        assertFalse(r.flag());
        assertEquals(0b101, r.bits(3));
        assertEquals(0xFF12_3456L, r.bits(32));
        assertEquals(40, r.bitsRead());
    }

    @Test
    void decodesExpGolombCodes() {
        // ue: 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3, 00111 -> 6; se: 010 -> 1, 011 -> -1
        // bits: 1 010 011 00100 00111 010 011 + padding 1 = 1010 0110 0100 0011 1010 0111
        RbspBitReader r = new RbspBitReader(new byte[] {0x00, (byte) 0xA6, 0x43, (byte) 0xA7}, 1, "t");
        assertEquals(0, r.ue());
        assertEquals(1, r.ue());
        assertEquals(2, r.ue());
        assertEquals(3, r.ue());
        assertEquals(6, r.ue());
        assertEquals(1, r.se());
        assertEquals(-1, r.se());
    }

    @Test
    void skipsEmulationPreventionBytes() {
        // NAL 00 00 03 01 carries RBSP 00 00 01; 00 00 03 03 carries 00 00 03.
        RbspBitReader r = new RbspBitReader(new byte[] {0x67, 0, 0, 3, 1, 0, 0, 3, 3}, 1, "t");
        assertEquals(0x0000_0100L, r.bits(24) << 8);
        assertEquals(0x0000_03L, r.bits(24));
    }

    @Test
    void truncationIsAnInvalidArgumentNamingTheStructure() {
        RbspBitReader r = new RbspBitReader(new byte[] {0x67, 0x00}, 1, "H.264 SPS");
        VigilException e = assertThrows(VigilException.class, () -> r.bits(9));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().startsWith("H.264 SPS: truncated"), e.getMessage());
        RbspBitReader zeros = new RbspBitReader(new byte[] {0x67, 0, 0, 0, 0, 0}, 1, "H.264 SPS");
        assertThrows(VigilException.class, zeros::ue);
    }
}
