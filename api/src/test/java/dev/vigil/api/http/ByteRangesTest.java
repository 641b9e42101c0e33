package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.api.http.ByteRanges.Plan;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ByteRangesTest {
    private static final Instant MODIFIED = Instant.parse("2026-03-01T14:10:00Z");

    private static Plan plan(String range) {
        return ByteRanges.plan(range, null, 1000, "\"v1\"", MODIFIED);
    }

    @Test
    void oneRangeIsAPart() {
        assertEquals(new Plan.Part(0, 99), plan("bytes=0-99"));
        assertEquals(new Plan.Part(500, 999), plan("bytes=500-"));
        assertEquals(new Plan.Part(900, 999), plan("bytes=-100"));
        assertEquals(new Plan.Part(0, 999), plan("bytes=-5000"));
        assertEquals(new Plan.Part(990, 999), plan("bytes=990-5000"), "an end past the last byte is cut");
        assertEquals(new Plan.Part(5, 5), plan(" bytes = 5-5 "));
    }

    @Test
    void noRangeOtherUnitsAndSeveralRangesAreTheWholeBody() {
        assertInstanceOf(Plan.Whole.class, plan(null));
        assertInstanceOf(Plan.Whole.class, plan("items=0-5"));
        assertInstanceOf(Plan.Whole.class, plan("bytes=0-5,10-20"));
    }

    @Test
    void malformedOrBeyondTheEndIs416() {
        for (String bad : new String[] {"bytes=abc", "bytes=5", "bytes=-", "bytes=9-3", "bytes=1000-", "bytes=-0",
                "bytes=1x-2", "0-5", "bytes=99999999999999999999-", "bytes=" + "1".repeat(300)}) {
            assertInstanceOf(Plan.Unsatisfiable.class, plan(bad), bad);
        }
        assertInstanceOf(Plan.Unsatisfiable.class, ByteRanges.plan("bytes=0-", null, 0, null, null));
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheSameBytes() {
        assertEquals(new Plan.Part(0, 9), ByteRanges.plan("bytes=0-9", "\"v1\"", 1000, "\"v1\"", MODIFIED));
        assertInstanceOf(Plan.Whole.class, ByteRanges.plan("bytes=0-9", "\"v0\"", 1000, "\"v1\"", MODIFIED));
        assertInstanceOf(Plan.Whole.class, ByteRanges.plan("bytes=0-9", "W/\"v1\"", 1000, "\"v1\"", MODIFIED));
        assertEquals(new Plan.Part(0, 9), ByteRanges.plan("bytes=0-9", ByteRanges.httpDate(MODIFIED), 1000, null,
                MODIFIED));
        assertInstanceOf(Plan.Whole.class, ByteRanges.plan("bytes=0-9", "Sun, 01 Mar 2026 14:09:59 GMT", 1000, null,
                MODIFIED));
        assertInstanceOf(Plan.Whole.class, ByteRanges.plan("bytes=0-9", "garbage", 1000, null, MODIFIED));
        assertEquals("Sun, 01 Mar 2026 14:10:00 GMT", ByteRanges.httpDate(MODIFIED));
    }
}
