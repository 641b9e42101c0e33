package dev.vigil.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenSecretTest {
    @Test
    void generatedSecretsAreLongRandomAndWellFormed() {
        SecureRandom random = new SecureRandom();
        String a = TokenSecret.generate(random);
        String b = TokenSecret.generate(random);
        assertNotEquals(a, b);
        assertEquals(47, a.length());
        assertTrue(a.startsWith("vgl_"));
        assertTrue(TokenSecret.wellFormed(a));
        assertTrue(TokenSecret.generateId(random).matches("t[0-9a-f]{12}"));
    }

    @Test
    void onlyPlausibleSecretsAreLookedUp() {
        assertFalse(TokenSecret.wellFormed(null));
        assertFalse(TokenSecret.wellFormed("short"));
        assertFalse(TokenSecret.wellFormed("x".repeat(257)));
        assertFalse(TokenSecret.wellFormed("has space " + "x".repeat(40)));
        assertFalse(TokenSecret.wellFormed("caf\u00e9" + "x".repeat(40)));
    }

    @Test
    void sha256IsTheKnownDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecret.sha256("abc"));
    }

    @Test
    void rolesAndScopesParse() {
        assertEquals(Role.POLICE, Role.parse(" Police "));
        VigilException e = assertThrows(VigilException.class, () -> Role.parse("root"));
        assertTrue(e.getMessage().contains("admin, integrator, operator, police, viewer"), e.getMessage());
        SiteScope s = SiteScope.parse("yard, gate");
        assertEquals("gate,yard", s.format());
        assertTrue(s.permits(SiteId.of("yard")));
        assertFalse(s.permits(SiteId.of("dock")));
        assertFalse(s.permits(null));
        assertTrue(SiteScope.parse("").unlimited());
        assertTrue(SiteScope.ALL.permits(null));
        assertThrows(VigilException.class, () -> SiteScope.parse("yard,,gate"));
        assertThrows(VigilException.class, () -> SiteScope.parse("../etc"));
    }
}
