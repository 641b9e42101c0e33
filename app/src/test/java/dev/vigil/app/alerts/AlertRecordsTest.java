package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.storage.catalog.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AlertRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");
    private static final int MAX = 8192;

    private static OutboxMessage row(String payload) {
        return new OutboxMessage(42, UUID.fromString("0190c3a0-0000-7000-8000-000000000001"), "cam-1", "OPENED",
                payload, AT);
    }

    private static JsonNode envelope(ProducerRecord<String, byte[]> r) throws Exception {
        assertEquals("cam-1", r.key());
        assertTrue(r.value().length <= MAX - AlertRecords.RECORD_OVERHEAD, r.value().length + " bytes");
        return JSON.readTree(r.value());
    }

    @Test
    void theOriginalRidesAlongWhenTheEnvelopeWithItFits() throws Exception {
        String original = "{\"alertId\": 7, \"boxes\": []}";
        JsonNode o = envelope(AlertRecords.deadLetter("dlq", row(original), "unserializable", "not JSON", "vigil-1",
                MAX, AT));
        assertEquals(original, o.get("payload").asText());
        assertEquals(original.length(), o.get("payloadBytes").asInt());
        assertEquals("unserializable", o.get("reason").asText());
        assertEquals(42, o.get("outboxId").asLong());
        assertEquals(AT, Instant.parse(o.get("failedAt").asText()));
    }

    @Test
    void anOriginalThatEscapingWouldPushOverTheLimitIsLeftOut() throws Exception {
        // 4,000 quotes: 4 KB as stored, 8 KB once escaped inside the envelope.
        String quotes = "\"".repeat(4000);
        ProducerRecord<String, byte[]> r = AlertRecords.deadLetter("dlq", row(quotes), "too_large", "x".repeat(5000),
                "vigil-1", MAX, AT);
        JsonNode o = envelope(r);
        assertTrue(o.get("payload").isNull());
        assertEquals(4000, o.get("payloadBytes").asInt());
        assertEquals(AlertRecords.MAX_DETAIL, o.get("detail").asText().length());
        assertEquals("too_large", new String(r.headers().lastHeader("vigil-dlq-reason").value(),
                StandardCharsets.UTF_8));
    }

    @Test
    void anAlertMessageCarriesItsIdsAndLifecycleInHeaders() {
        ProducerRecord<String, byte[]> r = AlertRecords.alert("vigil.alerts.v1", row("{}"), new byte[] {'{', '}'});
        assertEquals("cam-1", r.key());
        assertEquals("0190c3a0-0000-7000-8000-000000000001/42",
                new String(r.headers().lastHeader("vigil-message-id").value(), StandardCharsets.UTF_8));
        assertEquals("OPENED", new String(r.headers().lastHeader("vigil-lifecycle").value(), StandardCharsets.UTF_8));
    }
}
