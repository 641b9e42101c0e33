package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.access.TokenSecret;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** API tokens (V5) on H2 and PostgreSQL: stored hashed, found by hash, revoked, bootstrapped. */
@Timeout(180)
class TokenRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void tokensAreStoredHashedFoundByHashAndRevoked(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            TokenRepository tokens = new TokenRepository(catalog.dataSource());
            TokenIssuer issuer = new TokenIssuer(tokens, new SecureRandom(), Clock.fixed(T0, ZoneOffset.UTC));
            assertFalse(tokens.hasActiveAdmin());
            IssuedToken police = issuer.issue(Role.POLICE, SiteScope.parse("yard,gate"), "insp. Tran", "cli");
            IssuedToken admin = issuer.issue(Role.ADMIN, SiteScope.ALL, "ops", "cli");
            assertTrue(tokens.hasActiveAdmin());

            ApiToken found = tokens.findBySecretHash(TokenSecret.sha256(police.secret())).orElseThrow();
            assertEquals(police.token(), found);
            assertEquals("gate,yard", found.scope().format());
            assertTrue(tokens.findBySecretHash(TokenSecret.sha256(police.secret() + "x")).isEmpty());
            assertEquals(2, tokens.list().size());

            try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM api_tokens")) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        String v = rs.getString(i);
                        assertFalse(v != null && (v.contains(police.secret()) || v.contains(admin.secret())),
                                "the secret itself is never stored");
                    }
                }
            }

            ApiToken revoked = tokens.revoke(admin.token().id(), T0.plusSeconds(60)).orElseThrow();
            assertEquals(T0.plusSeconds(60), revoked.revokedAt());
            assertEquals(T0.plusSeconds(60), tokens.revoke(admin.token().id(), T0.plusSeconds(120)).orElseThrow()
                    .revokedAt(), "a second revocation keeps the first time");
            assertFalse(tokens.hasActiveAdmin());
            assertTrue(tokens.revoke("t000000000000", T0).isEmpty());

            VigilException dup = assertThrows(VigilException.class,
                    () -> tokens.add(police.token(), TokenSecret.sha256("another")));
            assertEquals(ErrorKind.ALREADY_EXISTS, dup.kind());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void bootstrapStoresTheGivenSecretOnceOrMakesOneWhenNoAdminExists(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            TokenRepository tokens = new TokenRepository(catalog.dataSource());
            TokenIssuer issuer = new TokenIssuer(tokens, new SecureRandom(), Clock.fixed(T0, ZoneOffset.UTC));
            String given = "0123456789abcdef0123456789abcdef-given";
            assertTrue(issuer.bootstrap(given, true).isEmpty(), "a given secret is never echoed");
            assertTrue(issuer.bootstrap(given, true).isEmpty());
            assertEquals(1, tokens.list().size(), "the same secret is stored once");
            assertEquals(Role.ADMIN, tokens.findBySecretHash(TokenSecret.sha256(given)).orElseThrow().role());
            assertTrue(issuer.bootstrap(null, true).isEmpty(), "an admin exists: nothing generated");

            tokens.revoke(tokens.list().get(0).id(), T0);
            assertTrue(issuer.bootstrap(given, true).isEmpty());
            assertFalse(tokens.hasActiveAdmin(), "a revoked bootstrap token stays revoked");
            IssuedToken generated = issuer.bootstrap(null, true).orElseThrow();
            assertEquals(Role.ADMIN, generated.token().role());
            assertTrue(generated.secret().startsWith(TokenSecret.PREFIX));
            assertTrue(issuer.bootstrap(null, true).isEmpty(), "printed once: the next start finds an admin");

            VigilException weak = assertThrows(VigilException.class, () -> issuer.bootstrap("short", false));
            assertEquals(ErrorKind.FAILED_PRECONDITION, weak.kind());
        }
    }
}
