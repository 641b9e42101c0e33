package dev.vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.Main;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.TokenSecret;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.TokenRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./vigil token} on a real embedded catalog: create, list, revoke, audited; bad input exits 2. */
@Timeout(120)
class TokenCommandIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return Main.cli().run(args, console);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createListRevoke(@TempDir Path dataDir) {
        String dir = dataDir.toString();
        assertEquals(Cli.OK, run("token", "create", "--role", "police", "--sites", "yard,gate", "--name", "insp. Tran",
                "--data-dir", dir), err.toString(StandardCharsets.UTF_8));
        List<String> lines = out().lines().toList();
        assertTrue(lines.get(0).matches("token t[0-9a-f]{12} \\(police, sites gate,yard, \"insp\\. Tran\"\\) created;.*"),
                lines.get(0));
        String secret = lines.get(1);
        assertTrue(TokenSecret.wellFormed(secret) && secret.startsWith("vgl_"), secret);
        String id = lines.get(0).substring(6, 19);

        assertEquals(Cli.OK, run("token", "list", "--data-dir", dir));
        assertTrue(out().contains(id) && out().contains("police") && out().contains("gate,yard"), out());
        assertFalse(out().contains(secret), "list never shows a secret");

        assertEquals(Cli.OK, run("token", "revoke", id, "--data-dir", dir));
        assertTrue(out().startsWith("token " + id + " revoked at "), out());

        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of())) {
            var token = new TokenRepository(catalog.dataSource()).findBySecretHash(TokenSecret.sha256(secret))
                    .orElseThrow();
            assertEquals(Role.POLICE, token.role());
            assertFalse(token.active());
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            assertEquals(List.of("token_create", "token_revoke"), audit.page(0, 10).stream()
                    .map(r -> r.event().action().label()).toList());
            assertTrue(audit.verify().intact());
        }
    }

    @Test
    void badInputIsAUsageError(@TempDir Path dataDir) {
        String dir = dataDir.toString();
        assertEquals(Cli.USAGE, run("token", "create", "--data-dir", dir));
        assertEquals(Cli.USAGE, run("token", "create", "--role", "root", "--data-dir", dir));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("admin, integrator, operator, police, viewer"));
        assertEquals(Cli.USAGE, run("token", "create", "--role", "viewer", "--sites", "../x", "--data-dir", dir));
        assertEquals(Cli.USAGE, run("token", "revoke", "../../etc", "--data-dir", dir));
        assertEquals(Cli.USAGE, run("token", "list", "--role", "admin", "--data-dir", dir));
        assertEquals(Cli.USAGE, run("token", "frobnicate"));
        assertEquals(Cli.FAILED, run("token", "revoke", "t000000000000", "--data-dir", dir));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no token t000000000000"));
    }
}
