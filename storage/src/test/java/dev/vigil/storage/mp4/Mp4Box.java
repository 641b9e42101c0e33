package dev.vigil.storage.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test-side reader of ISO BMFF boxes: parses a byte range into a tree, descending into the
 * container boxes this package writes, and checks that every box fits its parent exactly.
 *
 * @param type the four-character type
 * @param offset where the box starts in {@code file}
 * @param size the box's size field (32-bit sizes only; the writer never uses 64-bit ones)
 * @param file the whole file
 * @param children parsed children for container boxes, else empty
 */
record Mp4Box(String type, int offset, int size, byte[] file, List<Mp4Box> children) {
    private static final Set<String> CONTAINERS =
            Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex", "moof", "traf");

    /** Parses {@code [from, to)} of {@code file} as a sequence of boxes that fills it exactly. */
    static List<Mp4Box> parse(byte[] file, int from, int to) {
        List<Mp4Box> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            assertTrue(to - at >= 8, "box header truncated at " + at);
            int size = (int) u32(file, at);
            String type = new String(file, at + 4, 4, StandardCharsets.US_ASCII);
            assertTrue(size >= 8 && at + size <= to, type + " at " + at + " has size " + size + ", room " + (to - at));
            List<Mp4Box> children = CONTAINERS.contains(type) ? parse(file, at + 8, at + size) : List.of();
            boxes.add(new Mp4Box(type, at, size, file, children));
            at += size;
        }
        assertEquals(to, at, "boxes overrun their parent");
        return boxes;
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** The child of this type; fails if there is none or more than one. */
    Mp4Box child(String childType) {
        List<Mp4Box> found = children.stream().filter(b -> b.type.equals(childType)).toList();
        assertEquals(1, found.size(), "children " + childType + " of " + type + ": " + types());
        return found.get(0);
    }

    /** Follows a path of child types, e.g. {@code "trak/mdia/mdhd"}. */
    Mp4Box path(String path) {
        Mp4Box box = this;
        for (String step : path.split("/")) {
            box = box.child(step);
        }
        return box;
    }

    List<String> types() {
        return children.stream().map(Mp4Box::type).toList();
    }

    /** Unsigned 32-bit field at {@code at} bytes after the box header. */
    long u32At(int at) {
        return u32(file, offset + 8 + at);
    }

    long u64At(int at) {
        return (u32At(at) << 32) | u32At(at + 4);
    }

    int u16At(int at) {
        return ((file[offset + 8 + at] & 0xFF) << 8) | (file[offset + 8 + at + 1] & 0xFF);
    }

    int u8At(int at) {
        return file[offset + 8 + at] & 0xFF;
    }

    String fourccAt(int at) {
        return new String(file, offset + 8 + at, 4, StandardCharsets.US_ASCII);
    }

    /** The bytes after the header. */
    byte[] payload() {
        byte[] p = new byte[size - 8];
        System.arraycopy(file, offset + 8, p, 0, p.length);
        return p;
    }
}
