package dev.vigil.app.embedded;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret generated once and kept in a file only its owner can read (POSIX mode 0600), reused on
 * every later start. The secret is 240 random bits from {@link SecureRandom}, written as 40
 * characters of URL-safe Base64. Never logged.
 */
final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final int RANDOM_BYTES = 30;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeyFile() {}

    /**
     * Reads the secret from {@code file}, or creates the file with a new secret if there is none.
     * A file readable by others is narrowed to 0600 (with a warning naming the file).
     *
     * @throws VigilException UNAVAILABLE if the file cannot be read or written, DATA_LOSS if it is empty
     */
    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                return create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "secret key file " + file + ": " + e, e);
        }
    }

    private static String read(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("secret key file {} was readable by others ({}); narrowing it to rw-------", file,
                    PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (secret.isEmpty()) {
            throw new VigilException(ErrorKind.DATA_LOSS, "secret key file " + file + " is empty; delete it to"
                    + " generate a new secret (objects stay readable: the embedded server keeps them as files)");
        }
        return secret;
    }

    private static String create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Written whole under a temporary name, created 0600, then renamed: never a partial or
        // world-readable secret under the real name. Two processes starting on one data directory
        // at once are not supported (the embedded catalog's file lock refuses the second).
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info("generated a new secret key in {}", file);
        return secret;
    }
}
