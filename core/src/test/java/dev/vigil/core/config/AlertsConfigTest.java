package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerts section and the Kafka keys of alert delivery. */
class AlertsConfigTest {
    private static VigilConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).loadYaml(yaml, "test.yml");
    }

    @Test
    void defaults() {
        VigilConfig c = load("", Map.of());
        assertTrue(c.alerts().enabled());
        assertEquals(30, c.alerts().offlineAfterSeconds());
        assertNull(c.alerts().publicUrl());
        assertEquals("vigil.alerts.v1", c.kafka().alertsTopic());
        assertEquals("vigil.alerts.dlq.v1", c.kafka().dlqTopic());
        assertEquals("vigil.alert-acks.v1", c.kafka().acksTopic());
        assertEquals("vigil-alert-acks", c.kafka().acksGroupId());
        assertEquals(1_048_576, c.kafka().maxMessageBytes());
    }

    @Test
    void fromFileAndEnvironment() {
        VigilConfig c = load("alerts: {offlineAfterSeconds: 5, publicUrl: 'https://vigil.city.example'}\n"
                + "kafka: {dlqTopic: city.alerts.dlq}\n", Map.of("VIGIL_ALERTS_CLIP_SECONDS", "0",
                        "VIGIL_KAFKA_MAX_MESSAGE_BYTES", "65536"));
        assertEquals(5, c.alerts().offlineAfterSeconds());
        assertEquals("https://vigil.city.example", c.alerts().publicUrl());
        assertEquals(0, c.alerts().clipSeconds());
        assertEquals("city.alerts.dlq", c.kafka().dlqTopic());
        assertEquals(65_536, c.kafka().maxMessageBytes());
    }

    @Test
    void badValuesNameTheirKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("alerts: {offlineAfterSeconds: 0, "
                + "publicUrl: 'ftp://x', colour: red}\n", Map.of()));
        assertTrue(e.getMessage().contains("alerts.colour: unknown key"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("alerts: {offlineAfterSeconds: 0, publicUrl: 'ftp://x'}\n"
                + "kafka: {dlqTopic: vigil.alerts.v1, acksTopic: 'bad topic'}\n", Map.of()));
        assertTrue(e.getMessage().contains("alerts.offlineAfterSeconds: must be within 1..86400"), e.getMessage());
        assertTrue(e.getMessage().contains("alerts.publicUrl: must be an http:// or https:// URL"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.dlqTopic: 'vigil.alerts.v1' is already"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.acksTopic: must be 1-249 characters"), e.getMessage());
    }
}
