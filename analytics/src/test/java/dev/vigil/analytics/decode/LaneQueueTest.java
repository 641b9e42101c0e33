package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneQueueTest {
    private static AccessUnit unit(int i, boolean key) {
        return new AccessUnit(CameraId.of("c"), Codec.H264, List.of(new byte[] {0x41, (byte) i}), i * 3600L,
                Instant.EPOCH, key, null, false);
    }

    @Test
    void fullQueueDropsEverythingUpToTheNextKeyFrame() {
        LaneQueue q = new LaneQueue(3, false);
        assertEquals(LaneQueue.QUEUED, q.offer(unit(0, true)));
        q.offer(unit(1, false));
        q.offer(unit(2, false));
        assertEquals(new LaneQueue.Admission(false, 4), q.offer(unit(3, false)), "3 queued + the offered one");
        assertEquals(0, q.size());
        assertEquals(LaneQueue.DROPPED, q.offer(unit(4, false)));
        assertEquals(LaneQueue.QUEUED, q.offer(unit(5, true)));
        AccessUnit resumed = q.poll();
        assertEquals(5 * 3600L, resumed.pts90k());
        assertTrue(resumed.discontinuity(), "the decoder must restart at the key frame");
        assertNull(q.poll());
    }

    @Test
    void keyFrameOfferedToAFullQueueReplacesIt() {
        LaneQueue q = new LaneQueue(2, false);
        q.offer(unit(0, true));
        q.offer(unit(1, false));
        assertEquals(new LaneQueue.Admission(true, 2), q.offer(unit(2, true)));
        assertEquals(1, q.size());
        assertTrue(q.poll().discontinuity());
    }

    @Test
    void keyframesOnlySkipsOtherUnitsWithoutCountingThem() {
        LaneQueue q = new LaneQueue(2, true);
        assertEquals(LaneQueue.SKIPPED, q.offer(unit(1, false)));
        assertEquals(LaneQueue.QUEUED, q.offer(unit(2, true)));
        assertFalse(q.poll().discontinuity());
    }

    @Test
    void clearReportsWhatItDropped() {
        LaneQueue q = new LaneQueue(5, false);
        q.offer(unit(0, true));
        q.offer(unit(1, false));
        assertEquals(2, q.clear());
        assertEquals(0, q.size());
    }
}
