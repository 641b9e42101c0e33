package dev.vigil.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import dev.vigil.core.alert.AlertAckParser.Rejection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertAckParserTest {
    private static final String ID = "0195a3c2-7f10-7c3e-9a41-5d2e8b7f0c11";

    private static AlertAckParser.Result parse(String s) {
        return AlertAckParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theExampleParsesAndMatchesTheSchema() throws Exception {
        String example = Files.readString(AlertSchemas.DIR.resolve("examples/ack-acknowledge.json"));
        Schema schema = AlertSchemas.load("vigil.alert-acks.v1.schema.json");
        assertEquals(List.of(), AlertSchemas.problems(schema, example));
        AlertAckParser.Result r = parse(example);
        assertTrue(r.ok(), String.valueOf(r.detail()));
        assertEquals(UUID.fromString(ID), r.ack().alertId());
        assertEquals(AlertAction.ACKNOWLEDGE, r.ack().action());
        assertEquals("ioc.operator.17", r.ack().by());
        assertEquals("patrol 3 dispatched", r.ack().note());
        assertEquals(Instant.parse("2026-03-01T10:00:41Z"), r.ack().time());
    }

    @Test
    void escalateAndDismissWithoutNote() {
        AlertAckParser.Result r = parse("{\"alertId\":\"" + ID + "\",\"action\":\"dismiss\",\"by\":\"op\","
                + "\"time\":\"2026-03-01T10:00:41.5Z\",\"extra\":{\"ignored\":true}}");
        assertTrue(r.ok());
        assertEquals(AlertAction.DISMISS, r.ack().action());
        assertNull(r.ack().note());
        assertEquals(AlertAction.ESCALATE, parse("{\"alertId\":\"" + ID + "\",\"action\":\"escalate\",\"by\":\"op\","
                + "\"note\":null,\"time\":\"2026-03-01T10:00:41Z\"}").ack().action());
    }

    @Test
    void badMessagesAreRejectedWithAReasonNeverAnException() {
        assertEquals(Rejection.EMPTY, AlertAckParser.parse(new byte[0]).rejection());
        assertEquals(Rejection.EMPTY, AlertAckParser.parse(null).rejection());
        assertEquals(Rejection.TOO_LARGE, AlertAckParser.parse(new byte[AlertAckParser.MAX_BYTES + 1]).rejection());
        assertEquals(Rejection.NOT_JSON, parse("ack " + ID).rejection());
        assertEquals(Rejection.NOT_JSON, parse("[\"" + ID + "\"]").rejection());
        assertEquals(Rejection.NOT_JSON, AlertAckParser.parse(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})
                .rejection());
        String ok = "{\"alertId\":\"" + ID + "\",\"action\":\"acknowledge\",\"by\":\"op\",\"time\":\"2026-03-01T10:00:41Z\"}";
        assertTrue(parse(ok).ok());
        for (String bad : List.of(ok.replace(ID, "not-a-uuid"), ok.replace("acknowledge", "approve"),
                ok.replace("\"op\"", "\"  \""), ok.replace("\"op\"", "\"" + "x".repeat(201) + "\""),
                ok.replace("2026-03-01T10:00:41Z", "yesterday"), ok.replace("2026-03-01T10:00:41Z", "2026-03-01T10:00:41"),
                ok.replace(",\"by\":\"op\"", ""), ok.replace("\"op\"", "17"),
                ok.replace("}", ",\"note\":\"" + "n".repeat(2001) + "\"}"), ok.replace("}", ",\"note\":5}"))) {
            AlertAckParser.Result r = parse(bad);
            assertFalse(r.ok(), bad);
            assertEquals(Rejection.BAD_FIELD, r.rejection(), bad);
            assertTrue(r.detail().length() < 300, r.detail());
        }
    }
}
