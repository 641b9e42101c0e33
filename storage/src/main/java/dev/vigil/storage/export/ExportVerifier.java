package dev.vigil.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Checks an exported MP4 part against its manifest and the manifest against its signature, offline:
 * what {@code ./vigil verify-export} runs.
 *
 * <p>Order of the checks, and what each failure means:
 * <ol>
 *   <li>The signature file parses and its Ed25519 signature verifies over the manifest's exact
 *       bytes, else {@link Outcome#BAD_SIGNATURE} (the manifest or the signature was altered);
 *   <li>the signer's key is the trusted key, when one is given, else {@link Outcome#WRONG_KEY};
 *   <li>the part's SHA-256 and size equal those the manifest lists for a part of its file name
 *       (or, for a renamed file, of any part), else {@link Outcome#PART_ALTERED};
 *   <li>without a trusted key, everything above holding is {@link Outcome#UNTRUSTED_KEY}: the files
 *       are as their signer made them, but who the signer is stays unproven.
 * </ol>
 * A failing check stops the rest. Pure apart from reading the three files.
 */
public final class ExportVerifier {
    /** The verdict. */
    public enum Outcome { VERIFIED, UNTRUSTED_KEY, PART_ALTERED, WRONG_KEY, BAD_SIGNATURE }

    /**
     * @param outcome the verdict
     * @param lines what was checked, one finding a line, for people
     */
    public record Report(Outcome outcome, List<String> lines) {
        public Report {
            Objects.requireNonNull(outcome, "outcome");
            lines = List.copyOf(lines);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportVerifier() {
    }

    /**
     * Verifies {@code part} with {@code manifest} and its {@code signature}.
     *
     * @param trusted the key the signature must be by; {@code null} to accept the key in the
     *     signature file (the outcome is then at best {@link Outcome#UNTRUSTED_KEY})
     * @throws VigilException {@code INVALID_ARGUMENT} when a file cannot be read
     */
    public static Report verify(Path part, Path manifest, Path signature, PublicKey trusted) {
        List<String> lines = new ArrayList<>();
        byte[] manifestBytes = read(manifest, "manifest");
        byte[] signatureBytes = read(signature, "signature");
        ManifestSignature parsed;
        try {
            parsed = ManifestSignature.parse(signatureBytes);
        } catch (VigilException e) {
            lines.add("signature " + signature + ": unusable: " + e.getMessage());
            return new Report(Outcome.BAD_SIGNATURE, lines);
        }
        String manifestSha256 = ManifestSignature.sha256(manifestBytes);
        if (!manifestSha256.equals(parsed.manifestSha256())) {
            lines.add("manifest " + manifest + ": SHA-256 " + manifestSha256 + ", but the signature is over "
                    + parsed.manifestSha256() + ": the manifest was altered after signing");
            return new Report(Outcome.BAD_SIGNATURE, lines);
        }
        if (!parsed.verifies(manifestBytes)) {
            lines.add("signature " + signature + ": does not verify over the manifest with key " + parsed.keyId()
                    + ": the manifest or the signature was altered");
            return new Report(Outcome.BAD_SIGNATURE, lines);
        }
        lines.add("signature: valid Ed25519 signature of the manifest (SHA-256 " + manifestSha256 + ") by key "
                + parsed.keyId());
        if (trusted != null) {
            String trustedId = ExportSigningKey.keyId(trusted);
            if (!trustedId.equals(parsed.keyId())) {
                lines.add("key: the signer " + parsed.keyId() + " is not the trusted key " + trustedId);
                return new Report(Outcome.WRONG_KEY, lines);
            }
            lines.add("key: the signer is the trusted key");
        }

        JsonNode parts;
        try {
            parts = JSON.readTree(manifestBytes).get("parts");
        } catch (IOException e) {
            throw new IllegalStateException("a manifest that Vigil signed is JSON", e);
        }
        if (parts == null || !parts.isArray()) {
            lines.add("manifest " + manifest + ": lists no parts");
            return new Report(Outcome.PART_ALTERED, lines);
        }
        String[] digest = sha256(part);
        long bytes = Long.parseLong(digest[1]);
        String name = part.getFileName().toString();
        JsonNode named = null;
        JsonNode matching = null;
        for (JsonNode p : parts) {
            if (name.equals(p.path("file").asText())) {
                named = p;
            }
            if (digest[0].equals(p.path("sha256").asText()) && bytes == p.path("bytes").asLong(-1)) {
                matching = p;
            }
        }
        if (named != null && named != matching) {
            lines.add("part " + part + ": SHA-256 " + digest[0] + " and " + bytes + " bytes; the manifest lists "
                    + named.path("sha256").asText() + " and " + named.path("bytes").asLong()
                    + " bytes for it: the file was altered");
            return new Report(Outcome.PART_ALTERED, lines);
        }
        if (matching == null) {
            lines.add("part " + part + ": SHA-256 " + digest[0] + " matches no part of the manifest");
            return new Report(Outcome.PART_ALTERED, lines);
        }
        lines.add("part " + part + ": SHA-256 " + digest[0] + " and " + bytes + " bytes match the manifest's part "
                + matching.path("file").asText() + " (" + matching.path("firstPicture").asText() + " .. "
                + matching.path("end").asText() + ")");
        if (trusted == null) {
            lines.add("key: not pinned: no trusted key was given, so the signer " + parsed.keyId()
                    + " is unproven; compare it with the node's published key");
            return new Report(Outcome.UNTRUSTED_KEY, lines);
        }
        return new Report(Outcome.VERIFIED, lines);
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw VigilException.invalid("cannot read the " + what + " " + file + ": " + e);
        }
    }

    /** {hex SHA-256, size} of a file, streamed. */
    private static String[] sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            long n = in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String[] {HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()),
                    Long.toString(n)};
        } catch (IOException e) {
            throw new VigilException(ErrorKind.INVALID_ARGUMENT, "cannot read the part " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
