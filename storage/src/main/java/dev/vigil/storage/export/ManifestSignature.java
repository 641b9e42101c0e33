package dev.vigil.storage.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The detached signature of one export manifest, kept beside it as {@code MANIFEST.sig}: an
 * Ed25519 signature (RFC 8032) over the manifest file's exact bytes, with the signer's public key
 * so that the file speaks for itself, and the manifest's SHA-256 for people. Verifiable without
 * Vigil, e.g. {@code openssl pkeyutl -verify -pubin -inkey export-signing.pub -rawin -in
 * out.mp4.manifest.json -sigfile <(jq -r .signature out.mp4.manifest.json.sig | base64 -d)}.
 *
 * <p>JSON fields: {@code algorithm} ({@code Ed25519}), {@code manifest} (the manifest's file name),
 * {@code manifestSha256}, {@code keyId} ({@code sha256:} + hex SHA-256 of the public key's DER),
 * {@code publicKey} (Base64 of the DER SubjectPublicKeyInfo), {@code signature} (Base64, 64 bytes).
 * A valid signature proves the manifest is what the holder of that key signed; that the key is the
 * node's is for the verifier to check against a key they trust.
 *
 * @param manifest the manifest's file name
 * @param manifestSha256 lower-case hex SHA-256 of the manifest's bytes
 * @param keyId the signer's key id
 * @param publicKey the signer's public key
 * @param signature the 64-byte signature
 */
public record ManifestSignature(String manifest, String manifestSha256, String keyId, PublicKey publicKey,
        byte[] signature) {
    /** What is appended to the manifest's name to name its signature. */
    public static final String SUFFIX = ".sig";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> FIELDS = Set.of("algorithm", "manifest", "manifestSha256", "keyId", "publicKey",
            "signature");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ManifestSignature {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestSha256, "manifestSha256");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** Signs {@code manifestBytes}, the manifest file named {@code manifestName}, with the node's key. */
    public static ManifestSignature sign(String manifestName, byte[] manifestBytes, ExportSigningKey key) {
        return new ManifestSignature(manifestName, sha256(manifestBytes), key.keyId(), key.publicKey(),
                key.sign(manifestBytes));
    }

    /** Whether this is a valid signature by {@link #publicKey} of exactly {@code manifestBytes}. */
    public boolean verifies(byte[] manifestBytes) {
        return sha256(manifestBytes).equals(manifestSha256)
                && ExportSigningKey.verify(publicKey, manifestBytes, signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature file's bytes: indented UTF-8 JSON, fields in the order above. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("algorithm", ExportSigningKey.ALGORITHM);
        root.put("manifest", manifest);
        root.put("manifestSha256", manifestSha256);
        root.put("keyId", keyId);
        root.put("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        root.put("signature", Base64.getEncoder().encodeToString(signature));
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * Reads a signature file. Checks its form only ({@link #verifies} checks the signature).
     *
     * @throws VigilException {@code INVALID_ARGUMENT} naming what is wrong: not JSON, unknown or
     *     missing field, another algorithm, a key id that is not the key's
     */
    public static ManifestSignature parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw VigilException.invalid("the signature file is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw VigilException.invalid("the signature file is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw VigilException.invalid("the signature file is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw VigilException.invalid("the signature file has an unknown field '" + name + "'");
            }
        }
        String algorithm = text(root, "algorithm");
        if (!algorithm.equals(ExportSigningKey.ALGORITHM)) {
            throw VigilException.invalid("the signature's algorithm is '" + algorithm + "'; only Ed25519 is used");
        }
        String manifestSha256 = text(root, "manifestSha256");
        if (!SHA256_HEX.matcher(manifestSha256).matches()) {
            throw VigilException.invalid("manifestSha256 must be 64 lower-case hex digits");
        }
        PublicKey key = ExportSigningKey.readPublicKey(text(root, "publicKey"), "the signature's publicKey");
        String keyId = text(root, "keyId");
        if (!keyId.equals(ExportSigningKey.keyId(key))) {
            throw VigilException.invalid("the signature's keyId " + keyId + " is not the id of its publicKey ("
                    + ExportSigningKey.keyId(key) + ")");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(root, "signature"));
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("the signature is not Base64: " + e.getMessage());
        }
        if (signature.length != 64) {
            throw VigilException.invalid("an Ed25519 signature has 64 bytes, this one " + signature.length);
        }
        return new ManifestSignature(text(root, "manifest"), manifestSha256, keyId, key, signature);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw VigilException.invalid("the signature file lacks the text field '" + field + "'");
        }
        return node.asText();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestSignature s && manifest.equals(s.manifest) && manifestSha256.equals(s.manifestSha256)
                && keyId.equals(s.keyId) && java.util.Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifest, manifestSha256, keyId, java.util.Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "ManifestSignature[" + manifest + " " + manifestSha256 + " by " + keyId + "]";
    }
}
