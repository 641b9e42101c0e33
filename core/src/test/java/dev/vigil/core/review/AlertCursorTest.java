package dev.vigil.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertCursorTest {
    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aCursorReadsBackAsWritten() {
        AlertCursor c = new AlertCursor(Instant.parse("2026-03-01T14:10:00.123Z"),
                UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"));
        String text = c.encode();
        assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
        assertEquals(c, AlertCursor.parse(text));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "AAAA", "not base64!", b64("v2:1:01890a5d-ac96-774b-bcce-b302099a8057"),
                b64("v1:x:01890a5d-ac96-774b-bcce-b302099a8057"), b64("v1:1:../../etc/passwd"), b64("v1:1"),
                b64("v1:1:1-1-1-1-1"), "A".repeat(200)}) {
            VigilException e = assertThrows(VigilException.class, () -> AlertCursor.parse(bad), bad);
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().startsWith("cursor"), e.getMessage());
        }
    }

    @Test
    void feedPositionsReadBackAndRefuseGarbage() {
        assertEquals(new FeedPosition(120, 7), FeedPosition.parse("120-7"));
        assertEquals("120-7", new FeedPosition(120, 7).text());
        for (String bad : new String[] {"", "-1-2", "1", "1-", "a-b", "1-2-3", "99999999999999999999-1"}) {
            assertThrows(VigilException.class, () -> FeedPosition.parse(bad), bad);
        }
    }

    @Test
    void whatAnOperatorMayDoFromEachState() {
        assertTrue(AlertState.OPEN.allows(AlertAction.ACKNOWLEDGE));
        assertTrue(AlertState.OPEN.allows(AlertAction.ESCALATE));
        assertTrue(AlertState.ACKNOWLEDGED.allows(AlertAction.ESCALATE));
        assertTrue(AlertState.ESCALATED.allows(AlertAction.DISMISS));
        assertFalse(AlertState.ACKNOWLEDGED.allows(AlertAction.ACKNOWLEDGE), "nothing new");
        assertFalse(AlertState.ESCALATED.allows(AlertAction.ACKNOWLEDGE), "no way back from escalated");
        for (AlertAction a : AlertAction.values()) {
            assertFalse(AlertState.DISMISSED.allows(a), "dismissed is final: " + a);
            assertEquals(a.stateName(), AlertState.after(a).label());
        }
    }
}
