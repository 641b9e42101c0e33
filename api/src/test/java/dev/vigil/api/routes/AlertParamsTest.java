package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.http.FieldError;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.review.AlertCursor;
import dev.vigil.core.review.AlertState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertParamsTest {
    private static Map<String, List<String>> q(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return m;
    }

    private static String field(Map<String, List<String>> query) {
        return assertThrows(FieldError.class, () -> AlertParams.listing(query)).field();
    }

    @Test
    void defaultsAndEveryFilter() {
        AlertParams.Listing none = AlertParams.listing(q());
        assertEquals(50, none.limit());
        assertNull(none.cursor());
        AlertCursor cursor = new AlertCursor(Instant.parse("2026-03-01T14:00:00Z"), UUID.randomUUID());
        AlertParams.Listing all = AlertParams.listing(q("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z",
                "site", "yard,gate", "site", "dock", "camera", "cam-1", "kind", "zone_intrusion", "rule", "gate-zone",
                "severity", "warning,critical", "state", "open", "state", "escalated", "limit", "500",
                "cursor", cursor.encode()));
        assertEquals(Set.of(SiteId.of("yard"), SiteId.of("gate"), SiteId.of("dock")), all.filter().sites());
        assertEquals(Set.of(AlertSeverity.WARNING, AlertSeverity.CRITICAL), all.filter().severities());
        assertEquals(Set.of(AlertState.OPEN, AlertState.ESCALATED), all.filter().states());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), all.filter().from());
        assertEquals(500, all.limit());
        assertEquals(cursor, all.cursor());
    }

    @Test
    void eachBadParameterIsNamed() {
        assertEquals("from", field(q("from", "yesterday")));
        assertEquals("to", field(q("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z")));
        assertEquals("colour", field(q("colour", "red")));
        assertEquals("severity", field(q("severity", "urgent")));
        assertEquals("state", field(q("state", "closed")));
        assertEquals("state", field(q("state", "open,")));
        assertEquals("site", field(q("site", "../etc")));
        assertEquals("kind", field(q("kind", "a b")));
        assertEquals("limit", field(q("limit", "0")));
        assertEquals("limit", field(q("limit", "501")));
        assertEquals("limit", field(q("limit", "ten")));
        assertEquals("limit", field(q("limit", "1", "limit", "2")));
        assertEquals("cursor", field(q("cursor", "AAAA")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("cam-").append(i);
        }
        FieldError e = assertThrows(FieldError.class, () -> AlertParams.listing(q("camera", many.toString())));
        assertEquals("camera", e.field());
        assertTrue(e.getMessage().contains("at most 20"), e.getMessage());
    }

    @Test
    void theStreamTakesNoPagingParameters() {
        assertEquals("limit", assertThrows(FieldError.class, () -> AlertParams.filter(q("limit", "5"),
                AlertParams.FILTERS)).field());
        assertEquals(Set.of("zone_intrusion"), AlertParams.filter(q("kind", "zone_intrusion"), AlertParams.FILTERS)
                .kinds());
    }
}
