package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's Ed25519 key pair that signs export manifests (RFC 8032, as JDK 17 provides it), kept
 * in the node's data directory: {@value #PRIVATE_FILE} (PKCS #8, PEM, mode 0600, in a 0700
 * directory) and {@value #PUBLIC_FILE} (X.509 SubjectPublicKeyInfo, PEM), created together on first
 * use. The private key is never logged or served; the public key is, with its id: the SHA-256 of
 * its DER encoding, {@code sha256:<hex>}.
 *
 * <p>Thread-safe (each signature uses its own {@link Signature}).
 */
public final class ExportSigningKey {
    private static final Logger log = LoggerFactory.getLogger(ExportSigningKey.class);
    /** The key pair's folder under the data directory. */
    public static final String DIRECTORY = "keys";
    public static final String PRIVATE_FILE = "export-signing.key";
    public static final String PUBLIC_FILE = "export-signing.pub";
    static final String ALGORITHM = "Ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ExportSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key pair in {@code dataDir/keys}, created there if neither file exists. A private key file
     * readable by others is narrowed to 0600 with a warning.
     *
     * @throws VigilException {@code DATA_LOSS} if only one file exists, or a file does not hold an
     *     Ed25519 key, or the two do not belong together; {@code UNAVAILABLE} if the files cannot be
     *     read or written
     */
    public static ExportSigningKey loadOrCreate(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize().resolve(DIRECTORY);
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile) && !Files.exists(publicFile)) {
                try {
                    return create(dir, privateFile, publicFile);
                } catch (FileAlreadyExistsException e) {
                    log.info("another process created the export signing key in {} meanwhile; using it", dir);
                }
            }
            return load(privateFile, publicFile);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "export signing key in " + dir + ": " + e, e);
        }
    }

    private static ExportSigningKey create(Path dir, Path privateFile, Path publicFile) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK 17 provides Ed25519", e);
        }
        // Public key first, private key last under its name: a private key file means both are whole.
        writeNew(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        writeNew(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        ExportSigningKey key = new ExportSigningKey(pair.getPrivate(), pair.getPublic());
        log.info("generated the node's export signing key {} in {}", key.keyId(), dir);
        return key;
    }

    private static void writeNew(Path file, String text, boolean secret) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            if (!secret) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.createLink(file, temporary); // fails if the name is taken: never replaces a key
            } catch (UnsupportedOperationException e) {
                if (Files.exists(file)) {
                    throw new FileAlreadyExistsException(file.toString());
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e2) {
                    Files.move(temporary, file);
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static ExportSigningKey load(Path privateFile, Path publicFile) throws IOException {
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            throw new VigilException(ErrorKind.DATA_LOSS, "export signing key: " + (Files.exists(privateFile)
                    ? publicFile : privateFile) + " is missing beside " + (Files.exists(privateFile) ? privateFile
                    : publicFile) + "; restore it from a backup (a new pair would not verify past exports)");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(privateFile);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("export signing key {} was readable by others ({}); narrowing it to rw-------", privateFile,
                    PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(privateFile, OWNER_ONLY);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    unpem(Files.readString(privateFile, StandardCharsets.US_ASCII), "PRIVATE KEY", privateFile)));
            PublicKey publicKey = readPublicKey(Files.readString(publicFile, StandardCharsets.US_ASCII), publicFile.toString());
            ExportSigningKey key = new ExportSigningKey(privateKey, publicKey);
            byte[] probe = "vigil export signing key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(publicKey, probe, key.sign(probe))) {
                throw new VigilException(ErrorKind.DATA_LOSS, "export signing key: " + publicFile + " is not the public"
                        + " key of " + privateFile);
            }
            return key;
        } catch (InvalidKeySpecException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "export signing key " + privateFile + " is not an Ed25519"
                    + " private key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK 17 provides Ed25519", e);
        }
    }

    /**
     * An Ed25519 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or from the bare Base64 of
     * its DER encoding, as {@link #publicKeyBase64()} writes it.
     *
     * @param source names the text in messages
     * @throws VigilException {@code INVALID_ARGUMENT} if it is not one
     */
    public static PublicKey readPublicKey(String text, String source) {
        try {
            String trimmed = text.strip();
            byte[] der = trimmed.startsWith("-----BEGIN") ? unpem(trimmed, "PUBLIC KEY", Path.of(source))
                    : Base64.getDecoder().decode(trimmed);
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException | IllegalArgumentException | VigilException e) {
            throw VigilException.invalid(source + " does not hold an Ed25519 public key (PEM or Base64 DER): "
                    + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK 17 provides Ed25519", e);
        }
    }

    /** Signs {@code message} (the manifest's bytes): a 64-byte Ed25519 signature. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing with a loaded key cannot fail", e);
        }
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code message}. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK 17 provides Ed25519", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** {@code sha256:} and the hex SHA-256 of the public key's DER encoding. */
    public String keyId() {
        return keyId(publicKey);
    }

    /** The id of any public key, as {@link #keyId()}. */
    public static String keyId(PublicKey key) {
        Objects.requireNonNull(key, "key");
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** The public key's DER encoding in Base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The public key as PEM, as in {@value #PUBLIC_FILE}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] unpem(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new VigilException(ErrorKind.DATA_LOSS, file + " is not a PEM " + label.toLowerCase(java.util.Locale.ROOT) + " file");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    @Override
    public String toString() {
        return "ExportSigningKey[" + keyId() + "]";
    }
}
