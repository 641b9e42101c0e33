package dev.vigil.app.cli;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.TokenRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigil token create|list|revoke}: API tokens in the catalog of a configuration, beside a
 * running node or without one (the embedded catalog is reached through the node's auto server, or
 * opened, and created if new). A created token's secret is printed once, on the last line, and
 * kept nowhere; creating and revoking are written to the audit log with actor {@code cli}.
 */
public final class TokenCommand implements Command {
    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "create, list or revoke API tokens";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil token create --role ROLE [--sites a,b] [--name NAME] [--config FILE] [--data-dir DIR]
                       ./vigil token list [--config FILE] [--data-dir DIR]
                       ./vigil token revoke ID [--config FILE] [--data-dir DIR]

                create   makes a token and prints its id and, once, its secret (the last line). Only
                         the secret's SHA-256 is stored: a lost secret cannot be shown again.
                list     prints every token: id, role, sites, name, created, revoked (never secrets)
                revoke   makes a token unusable at once; its row stays for the record

                  --role ROLE      admin, integrator, operator, police or viewer
                  --sites a,b      limit the token to these sites (default: all sites)
                  --name NAME      what the token is for (default: ROLE)
                  --config FILE    configuration file (default: built-in defaults + VIGIL_*)
                  --data-dir DIR   overrides node.dataDir

                Use it as: curl -H "Authorization: Bearer SECRET" http://127.0.0.1:8080/api/v1/me""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList, Set.of("role", "sites", "name", "config", "data-dir"),
                Set.of());
        if (args.positional().isEmpty()) {
            throw new UsageException("token: expected create, list or revoke (try --help)");
        }
        String action = args.positional().get(0);
        switch (action) {
            case "create" -> args.expectPositional(1, "create and no other arguments");
            case "list" -> args.expectPositional(1, "list and no other arguments");
            case "revoke" -> args.expectPositional(2, "revoke ID");
            default -> throw new UsageException("token: unknown action '" + action + "' (create, list or revoke)");
        }
        if (!action.equals("create") && (args.option("role").isPresent() || args.option("sites").isPresent()
                || args.option("name").isPresent())) {
            throw new UsageException("token " + action + ": --role, --sites and --name belong to create");
        }
        Role role = null;
        SiteScope sites = SiteScope.ALL;
        if (action.equals("create")) {
            try {
                role = Role.parse(args.option("role").orElseThrow(() -> new UsageException(
                        "token create: --role is required (admin, integrator, operator, police, viewer)")));
                sites = SiteScope.parse(args.option("sites").orElse(null));
            } catch (UsageException e) {
                throw e;
            } catch (VigilException e) {
                throw new UsageException("token create: " + e.getMessage());
            }
        }
        ConfigLoader loader = new ConfigLoader(console.env());
        VigilConfig config = args.option("config").map(f -> loader.load(Path.of(f))).orElseGet(loader::load);
        config = DemoCommand.withDataDir(config, args);
        Path dataDir = Path.of(config.node().dataDir()).toAbsolutePath().normalize();
        try (Catalog catalog = Catalog.open(config.catalog(), dataDir, console.env())) {
            TokenRepository tokens = new TokenRepository(catalog.dataSource());
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            switch (action) {
                case "create" -> create(console, tokens, audit, role, sites, args.option("name").orElse(role.label()));
                case "list" -> list(console, tokens.list());
                default -> revoke(console, tokens, audit, args.positional().get(1));
            }
        }
        return Cli.OK;
    }

    private static void create(Console console, TokenRepository tokens, AuditRepository audit, Role role,
            SiteScope sites, String name) {
        IssuedToken issued;
        try {
            issued = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC()).issue(role, sites, name, "cli");
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.INVALID_ARGUMENT) {
                throw new UsageException("token create: " + e.getMessage());
            }
            throw e;
        }
        audit.append(new AuditEvent(Clock.systemUTC().instant(), "cli", "cli", null, AuditAction.TOKEN_CREATE, null,
                null, null, issued.token().id(), null, null));
        ApiToken t = issued.token();
        console.out().println("token " + t.id() + " (" + t.role() + ", " + t.scope() + ", \"" + t.name()
                + "\") created; its secret, shown only this once:");
        console.out().println(issued.secret());
    }

    private static void list(Console console, List<ApiToken> tokens) {
        console.out().printf("%-14s %-10s %-20s %-24s %-28s %s%n", "ID", "ROLE", "SITES", "NAME", "CREATED", "REVOKED");
        for (ApiToken t : tokens) {
            console.out().printf("%-14s %-10s %-20s %-24s %-28s %s%n", t.id(), t.role(),
                    t.scope().unlimited() ? "*" : t.scope().format(), t.name(), t.createdAt() + " by " + t.createdBy(),
                    t.revokedAt() == null ? "-" : t.revokedAt().toString());
        }
    }

    private static void revoke(Console console, TokenRepository tokens, AuditRepository audit, String id) {
        try {
            ApiToken.requireId(id);
        } catch (VigilException e) {
            throw new UsageException("token revoke: " + e.getMessage());
        }
        ApiToken t = tokens.revoke(id, Clock.systemUTC().instant())
                .orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no token " + id));
        audit.append(new AuditEvent(Clock.systemUTC().instant(), "cli", "cli", null, AuditAction.TOKEN_REVOKE, null,
                null, null, id, null, null));
        console.out().println("token " + id + " revoked at " + t.revokedAt());
    }
}
