package dev.vigil.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigException;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.error.VigilException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CameraNetworksTest {
    private final CameraNetworks nets = CameraNetworks.parse(List.of("10.20.0.0/16", "192.168.50.128/25",
            "fd00:cafe::/32"));

    private boolean allows(String ip) {
        return nets.contains(CameraNetworks.literal(ip));
    }

    @Test
    void hostsInsideAndJustOutside() {
        assertTrue(allows("10.20.0.0"));
        assertTrue(allows("10.20.255.255"));
        assertFalse(allows("10.21.0.0"));
        assertFalse(allows("10.19.255.255"));
        assertTrue(allows("192.168.50.128"));
        assertTrue(allows("192.168.50.255"));
        assertFalse(allows("192.168.50.127"));
        assertTrue(allows("[fd00:cafe::10]"));
        assertFalse(allows("fd00:cafd::10"));
        assertFalse(allows("127.0.0.1"));
        assertFalse(allows("::ffff:10.21.0.1"), "a mapped address outside stays outside");
        assertFalse(CameraNetworks.parse(List.of()).contains(CameraNetworks.literal("10.20.0.1")));
    }

    @Test
    void onlyLiteralsAreAddresses() {
        assertNull(CameraNetworks.literal("camera.local"));
        assertNull(CameraNetworks.literal("256.1.1.1"));
        assertNull(CameraNetworks.literal("10.1.1"));
        assertNull(CameraNetworks.literal(""));
    }

    @Test
    void badBlocksAreRefused() {
        for (String bad : List.of("10.0.0.0", "cams.local/24", "10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/x", "::1/129")) {
            assertThrows(VigilException.class, () -> CameraNetworks.parse(List.of(bad)), bad);
        }
        assertEquals(0, CameraNetworks.parse(List.of("0.0.0.0/0")).networks().get(0).prefix());
    }

    @Test
    void theConfigKeyIsValidated() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of())
                .loadYaml("api:\n  cameraNetworks: [10.20.0.0/16, 10.0.0.1/8]\n", "test.yml"));
        assertTrue(e.getMessage().contains("api.cameraNetworks[1]"), e.getMessage());
        assertEquals(List.of("10.20.0.0/16"), new ConfigLoader(Map.of())
                .loadYaml("api:\n  cameraNetworks: [10.20.0.0/16]\n", "test.yml").api().cameraNetworks());
    }
}
