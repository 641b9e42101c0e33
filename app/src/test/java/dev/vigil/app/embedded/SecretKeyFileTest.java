package dev.vigil.app.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void generatesOnceOwnerOnlyAndReuses() throws IOException {
        Path file = dir.resolve("s3/secret-key");
        String secret = SecretKeyFile.readOrCreate(file);
        assertEquals(40, secret.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(secret, SecretKeyFile.readOrCreate(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
        assertNotEquals(secret, SecretKeyFile.readOrCreate(dir.resolve("other/secret-key")));
    }

    @Test
    void narrowsAFileOthersCanRead() throws IOException {
        Path file = dir.resolve("secret-key");
        Files.writeString(file, "kept-secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("kept-secret", SecretKeyFile.readOrCreate(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEmptyFileIsDataLoss() throws IOException {
        Path file = dir.resolve("secret-key");
        Files.writeString(file, "\n");
        Files.setPosixFilePermissions(file, SecretKeyFile.OWNER_ONLY);
        VigilException e = assertThrows(VigilException.class, () -> SecretKeyFile.readOrCreate(file));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
    }
}
