package dev.vigil.storage.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {
    @Test
    void snapshotKeysFollowTheRecordingsLayout() {
        Instant at = Instant.parse("2026-03-01T10:04:05.250Z");
        assertEquals("snapshots/yard/gate-1/2026/03/01/10/20260301T100405.250Z_0195a3c2-7f10-7c3e-9a41-5d2e8b7f0c11.jpg",
                ObjectKeys.snapshot("yard", "gate-1", at, "0195a3c2-7f10-7c3e-9a41-5d2e8b7f0c11"));
        assertEquals("segments/yard/gate-1/2026/03/01/10/20260301T100405.250Z_20260301T100505.250Z.mp4",
                ObjectKeys.segment("yard", "gate-1", at, at.plusSeconds(60)));
    }
}
