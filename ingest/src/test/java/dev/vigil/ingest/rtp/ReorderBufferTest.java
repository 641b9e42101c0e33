package dev.vigil.ingest.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static RtpPacket p(int seq) {
        return new RtpPacket(96, false, seq, 0, 1, new byte[] {1});
    }

    private static List<Integer> seqs(List<RtpPacket> packets) {
        List<Integer> out = new ArrayList<>();
        packets.forEach(x -> out.add(x.sequence()));
        return out;
    }

    @Test
    void inOrderPassesStraightThrough() {
        ReorderBuffer b = new ReorderBuffer(8, 50);
        assertEquals(List.of(10), seqs(b.offer(p(10), 0)));
        assertEquals(List.of(11), seqs(b.offer(p(11), 0)));
        assertEquals(0, b.size());
    }

    @Test
    void swappedPairIsPutBackInOrder() {
        ReorderBuffer b = new ReorderBuffer(8, 50);
        b.offer(p(1), 0);
        assertEquals(List.of(), seqs(b.offer(p(3), 1)));
        assertEquals(List.of(2, 3), seqs(b.offer(p(2), 2)));
        assertEquals(1, b.reordered());
    }

    @Test
    void gapIsGivenUpAfterTheDelay() {
        ReorderBuffer b = new ReorderBuffer(8, 50);
        b.offer(p(1), 0);
        assertEquals(List.of(), seqs(b.offer(p(3), 10)));
        assertEquals(List.of(), seqs(b.poll(59)));
        assertEquals(List.of(3), seqs(b.poll(60)));
        assertEquals(List.of(), seqs(b.offer(p(2), 61)), "too late: its gap was given up");
        assertEquals(1, b.dropped());
    }

    @Test
    void gapIsGivenUpWhenFull() {
        ReorderBuffer b = new ReorderBuffer(2, 1000);
        b.offer(p(1), 0);
        b.offer(p(3), 0);
        b.offer(p(4), 0);
        assertEquals(List.of(3, 4, 5), seqs(b.offer(p(5), 0)));
    }

    @Test
    void duplicatesAreDropped() {
        ReorderBuffer b = new ReorderBuffer(8, 50);
        b.offer(p(1), 0);
        b.offer(p(1), 0);
        assertEquals(1, b.dropped());
    }

    @Test
    void sequenceWrapsAround() {
        ReorderBuffer b = new ReorderBuffer(8, 50);
        b.offer(p(65534), 0);
        assertEquals(List.of(), seqs(b.offer(p(0), 0)));
        assertEquals(List.of(65535, 0), seqs(b.offer(p(65535), 0)));
        assertEquals(List.of(1), seqs(b.offer(p(1), 0)));
    }
}
