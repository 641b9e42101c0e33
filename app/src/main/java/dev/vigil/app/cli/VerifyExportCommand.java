package dev.vigil.app.cli;

import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.export.ExportSigningKey;
import dev.vigil.storage.export.ExportVerifier;
import dev.vigil.storage.export.ManifestSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigil verify-export FILE MANIFEST}: checks an exported MP4 against its manifest and the
 * manifest's Ed25519 signature against a trusted key, offline (no node, catalog or object store),
 * through {@link ExportVerifier}. The trusted key is {@code --key}, else the node's own public key
 * in the data directory when there is one.
 */
public final class VerifyExportCommand implements Command {
    /** The file does not match the manifest: it was altered (or is not a part of this export). */
    static final int PART_ALTERED = 5;
    /** The manifest or its signature was altered, or it was signed by another key than the trusted one. */
    static final int BAD_SIGNATURE = 7;
    /** All checks hold, but no trusted key was given or found: the signer is unproven. */
    static final int UNTRUSTED_KEY = 8;

    @Override
    public String name() {
        return "verify-export";
    }

    @Override
    public String summary() {
        return "check an exported MP4 and its manifest against the manifest's signature, offline";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil verify-export FILE.mp4 MANIFEST [--signature SIG] [--key PUBLIC-KEY]
                                             [--config FILE] [--data-dir DIR]

                Checks, without a node, that MANIFEST carries a valid Ed25519 signature (SIG, by default
                MANIFEST.sig) by the trusted key, and that FILE.mp4's SHA-256 and size are those the
                manifest lists for it (a renamed copy is found by its hash).

                  --signature SIG   the signature file (default: MANIFEST.sig)
                  --key FILE        the trusted public key (PEM, or Base64 DER as served by
                                    GET /api/v1/exports/signing-key); default: the node's own key,
                                    <dataDir>/keys/export-signing.pub, when that file exists
                  --config FILE     configuration file, for node.dataDir
                  --data-dir DIR    overrides node.dataDir

                Exit status: 0 verified, 2 bad arguments or unreadable files, 5 the file was altered
                (its hash matches no part of the manifest), 7 the manifest or its signature was altered,
                or it was signed by another key than the trusted one, 8 everything matches but no
                trusted key was given or found (the signer is unproven), 1 other failures.""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList, Set.of("signature", "key", "config", "data-dir"), Set.of());
        args.expectPositional(2, "FILE.mp4 and MANIFEST");
        Path part = existing(Path.of(args.positional().get(0)), "FILE.mp4");
        Path manifest = existing(Path.of(args.positional().get(1)), "MANIFEST");
        Path signature = existing(args.option("signature").map(Path::of)
                .orElse(manifest.resolveSibling(manifest.getFileName() + ManifestSignature.SUFFIX)), "--signature");
        PublicKey trusted;
        String trustedFrom;
        if (args.option("key").isPresent()) {
            Path keyFile = existing(Path.of(args.option("key").get()), "--key");
            trusted = readKey(keyFile);
            trustedFrom = keyFile.toString();
        } else {
            ConfigLoader loader = new ConfigLoader(console.env());
            VigilConfig config = args.option("config").map(f -> loader.load(Path.of(f))).orElseGet(loader::load);
            config = DemoCommand.withDataDir(config, args);
            Path nodeKey = Path.of(config.node().dataDir()).resolve(ExportSigningKey.DIRECTORY)
                    .resolve(ExportSigningKey.PUBLIC_FILE);
            trusted = Files.isReadable(nodeKey) ? readKey(nodeKey) : null;
            trustedFrom = trusted == null ? null : nodeKey + " (this node's key)";
        }
        ExportVerifier.Report report;
        try {
            report = ExportVerifier.verify(part, manifest, signature, trusted);
        } catch (VigilException e) {
            throw new UsageException(name() + ": " + e.getMessage());
        }
        if (trustedFrom != null) {
            console.out().println("trusted key: " + ExportSigningKey.keyId(trusted) + " from " + trustedFrom);
        }
        for (String line : report.lines()) {
            console.out().println(line);
        }
        int status = switch (report.outcome()) {
            case VERIFIED -> Cli.OK;
            case PART_ALTERED -> PART_ALTERED;
            case BAD_SIGNATURE, WRONG_KEY -> BAD_SIGNATURE;
            case UNTRUSTED_KEY -> UNTRUSTED_KEY;
        };
        String verdict = switch (report.outcome()) {
            case VERIFIED -> "VERIFIED: " + part.getFileName() + " is a part of this export, exactly as signed";
            case PART_ALTERED -> "FAILED: " + part.getFileName() + " does not match the manifest";
            case BAD_SIGNATURE -> "FAILED: the manifest or its signature was altered";
            case WRONG_KEY -> "FAILED: the manifest was not signed by the trusted key";
            case UNTRUSTED_KEY -> "UNPROVEN: the files match their signature, but no trusted key was given (--key)";
        };
        (status == Cli.OK ? console.out() : console.err()).println(verdict);
        return status;
    }

    private Path existing(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(name() + ": " + what + " " + file + " is not a readable file");
        }
        return file;
    }

    private PublicKey readKey(Path file) throws IOException {
        try {
            return ExportSigningKey.readPublicKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (VigilException e) {
            throw new UsageException(name() + ": --key: " + e.getMessage());
        }
    }
}
