package dev.vigil.storage.playback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test reader of plain (non-fragmented) one-track MP4s, written from ISO/IEC 14496-12 apart from
 * the code under test: the top-level boxes, the media timescale and duration, the sample entry
 * type, and every sample's bytes, duration and sync flag from {@code stts}, {@code stss},
 * {@code stsc}, {@code stsz} and {@code stco}/{@code co64}.
 */
record ProgressiveMp4(List<String> topLevel, String sampleEntry, long timescale, long mediaDuration,
        List<Sample> samples) {
    record Sample(byte[] bytes, long decodeTime, long duration, boolean sync) {
        @Override
        public String toString() {
            return "Sample[" + bytes.length + "B at " + decodeTime + " for " + duration + (sync ? " sync]" : "]");
        }
    }

    static ProgressiveMp4 parse(byte[] file) {
        List<String> top = new ArrayList<>();
        int moovAt = -1;
        int moovSize = 0;
        for (int at = 0; at < file.length; ) {
            ByteBuffer b = ByteBuffer.wrap(file, at, Math.min(16, file.length - at));
            long size = b.getInt() & 0xFFFF_FFFFL;
            String type = new String(file, at + 4, 4, StandardCharsets.US_ASCII);
            if (size == 1) {
                size = ByteBuffer.wrap(file, at + 8, 8).getLong();
            }
            top.add(type);
            if (type.equals("moov")) {
                moovAt = at;
                moovSize = (int) size;
            }
            if (size < 8 || at + size > file.length) {
                throw new AssertionError(type + " at " + at + " of " + size + " bytes in a file of " + file.length);
            }
            at += (int) size;
        }
        if (moovAt < 0) {
            throw new AssertionError("no moov in " + top);
        }
        byte[] mdhd = find(file, moovAt, moovSize, "trak", "mdia", "mdhd");
        ByteBuffer h = ByteBuffer.wrap(mdhd);
        int version = h.get(8) & 0xFF;
        long timescale = version == 1 ? h.getInt(28) & 0xFFFF_FFFFL : h.getInt(20) & 0xFFFF_FFFFL;
        long duration = version == 1 ? h.getLong(32) : h.getInt(24) & 0xFFFF_FFFFL;
        byte[] stsd = find(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stsd");
        String entry = new String(stsd, 20, 4, StandardCharsets.US_ASCII);

        ByteBuffer stts = ByteBuffer.wrap(find(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stts"));
        List<Long> durations = new ArrayList<>();
        for (int i = 0, n = stts.getInt(12); i < n; i++) {
            long count = stts.getInt(16 + 8 * i) & 0xFFFF_FFFFL;
            long delta = stts.getInt(20 + 8 * i) & 0xFFFF_FFFFL;
            for (long k = 0; k < count; k++) {
                durations.add(delta);
            }
        }
        ByteBuffer stsz = ByteBuffer.wrap(find(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stsz"));
        int count = stsz.getInt(16);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = stsz.getInt(20 + 4 * i);
        }
        boolean[] sync = new boolean[count];
        byte[] stssBox = findOrNull(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stss");
        if (stssBox == null) {
            Arrays.fill(sync, true);
        } else {
            ByteBuffer stss = ByteBuffer.wrap(stssBox);
            for (int i = 0, n = stss.getInt(12); i < n; i++) {
                sync[stss.getInt(16 + 4 * i) - 1] = true;
            }
        }
        byte[] stcoBox = findOrNull(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stco");
        List<Long> chunkOffsets = new ArrayList<>();
        if (stcoBox != null) {
            ByteBuffer stco = ByteBuffer.wrap(stcoBox);
            for (int i = 0, n = stco.getInt(12); i < n; i++) {
                chunkOffsets.add(stco.getInt(16 + 4 * i) & 0xFFFF_FFFFL);
            }
        } else {
            ByteBuffer co64 = ByteBuffer.wrap(find(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "co64"));
            for (int i = 0, n = co64.getInt(12); i < n; i++) {
                chunkOffsets.add(co64.getLong(16 + 8 * i));
            }
        }
        ByteBuffer stsc = ByteBuffer.wrap(find(file, moovAt, moovSize, "trak", "mdia", "minf", "stbl", "stsc"));
        int entries = stsc.getInt(12);
        int[] perChunk = new int[chunkOffsets.size()];
        for (int e = 0; e < entries; e++) {
            int first = stsc.getInt(16 + 12 * e) - 1;
            int samples = stsc.getInt(20 + 12 * e);
            int last = e + 1 < entries ? stsc.getInt(16 + 12 * (e + 1)) - 1 : perChunk.length;
            for (int c = first; c < last; c++) {
                perChunk[c] = samples;
            }
        }
        if (durations.size() != count || Arrays.stream(perChunk).sum() != count) {
            throw new AssertionError("stts lists " + durations.size() + " samples, stsc " + Arrays.stream(perChunk).sum()
                    + ", stsz " + count);
        }
        List<Sample> samples = new ArrayList<>();
        int s = 0;
        long decode = 0;
        for (int c = 0; c < perChunk.length; c++) {
            long offset = chunkOffsets.get(c);
            for (int k = 0; k < perChunk[c]; k++, s++) {
                samples.add(new Sample(Arrays.copyOfRange(file, (int) offset, (int) offset + sizes[s]), decode,
                        durations.get(s), sync[s]));
                offset += sizes[s];
                decode += durations.get(s);
            }
        }
        return new ProgressiveMp4(top, entry, timescale, duration, samples);
    }

    private static byte[] find(byte[] file, int at, int size, String... path) {
        byte[] box = findOrNull(file, at, size, path);
        if (box == null) {
            throw new AssertionError("no " + String.join("/", path) + " in the moov");
        }
        return box;
    }

    /** The box at {@code path} below the box at {@code at}, header included. */
    private static byte[] findOrNull(byte[] file, int at, int size, String... path) {
        int start = at;
        int end = at + size;
        for (String type : path) {
            int child = start + 8;
            boolean found = false;
            while (child + 8 <= end) {
                int childSize = ByteBuffer.wrap(file, child, 4).getInt();
                String childType = new String(file, child + 4, 4, StandardCharsets.US_ASCII);
                if (childType.equals(type)) {
                    start = child;
                    end = child + childSize;
                    found = true;
                    break;
                }
                child += childSize;
            }
            if (!found) {
                return null;
            }
        }
        return Arrays.copyOfRange(file, start, end);
    }
}
