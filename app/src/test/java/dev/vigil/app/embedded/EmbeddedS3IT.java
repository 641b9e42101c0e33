package dev.vigil.app.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.object.ObjectEntry;
import dev.vigil.storage.object.ObjectStat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded S3 server, driven through the same MinIO SDK adapter production uses. */
@Timeout(120)
class EmbeddedS3IT {
    private static final ObjectStoreConfig CONFIG = new ObjectStoreConfig(null, null, null, null,
            new Listen("127.0.0.1", 0), null, null, null);
    private static final String BUCKET = "vigil-clips";

    @TempDir
    Path dataDir;

    @Test
    void storesReadsListsAndRemovesObjectsAndKeepsThemAcrossRestart() throws IOException {
        byte[] clip = bytes(200_000, 1);
        byte[] big = bytes(6 * 1024 * 1024 + 123, 2); // above the SDK's 5 MiB part size: multipart
        String secret;
        try (EmbeddedS3 s3 = EmbeddedS3.start(CONFIG, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(CONFIG, s3.endpoint(), s3.secretKey())) {
            assertTrue(s3.port() > 0);
            assertEquals("http://127.0.0.1:" + s3.port(), s3.endpoint());
            assertFalse(s3.toString().contains(s3.secretKey()));
            secret = s3.secretKey();
            Path secretFile = dataDir.resolve("s3/secret-key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));

            store.ensureBucket(BUCKET);
            store.ensureBucket(BUCKET); // idempotent

            String etag = store.put(BUCKET, "gate-3/2026-11-26/191500.mp4", new ByteArrayInputStream(clip),
                    clip.length, "video/mp4", Map.of("camera", "gate-3", "Sha256", "ab12"));
            assertFalse(etag.isEmpty());
            assertArrayEquals(clip, readAll(store.get(BUCKET, "gate-3/2026-11-26/191500.mp4")));

            byte[] middle = readAll(store.get(BUCKET, "gate-3/2026-11-26/191500.mp4", ByteRange.of(1000, 500)));
            assertArrayEquals(java.util.Arrays.copyOfRange(clip, 1000, 1500), middle);
            byte[] tail = readAll(store.get(BUCKET, "gate-3/2026-11-26/191500.mp4", ByteRange.from(clip.length - 10)));
            assertArrayEquals(java.util.Arrays.copyOfRange(clip, clip.length - 10, clip.length), tail);

            ObjectStat stat = store.stat(BUCKET, "gate-3/2026-11-26/191500.mp4");
            assertEquals(clip.length, stat.size());
            assertEquals("video/mp4", stat.contentType());
            assertEquals(Map.of("camera", "gate-3", "sha256", "ab12"), stat.userMetadata());
            assertEquals(etag, stat.etag());

            store.put(BUCKET, "gate-3/2026-11-26/big.mp4", new ByteArrayInputStream(big), big.length, "video/mp4", Map.of());
            assertEquals(big.length, store.stat(BUCKET, "gate-3/2026-11-26/big.mp4").size());
            assertArrayEquals(big, readAll(store.get(BUCKET, "gate-3/2026-11-26/big.mp4")));
            store.put(BUCKET, "gate-4/2026-11-26/191500.mp4", new ByteArrayInputStream(clip), clip.length, null, Map.of());

            List<ObjectEntry> gate3 = store.list(BUCKET, "gate-3/", 100);
            assertEquals(List.of("gate-3/2026-11-26/191500.mp4", "gate-3/2026-11-26/big.mp4"),
                    gate3.stream().map(ObjectEntry::key).toList());
            assertEquals(clip.length, gate3.get(0).size());
            assertEquals(3, store.list(BUCKET, "", 100).size());
            assertEquals(1, store.list(BUCKET, "", 1).size());

            store.remove(BUCKET, "gate-4/2026-11-26/191500.mp4");
            store.remove(BUCKET, "gate-4/2026-11-26/191500.mp4"); // absent: still fine, as in S3
            VigilException missing = assertThrows(VigilException.class,
                    () -> store.stat(BUCKET, "gate-4/2026-11-26/191500.mp4"));
            assertEquals(ErrorKind.NOT_FOUND, missing.kind(), missing.getMessage());
            VigilException missingGet = assertThrows(VigilException.class,
                    () -> store.get(BUCKET, "gate-4/2026-11-26/191500.mp4"));
            assertEquals(ErrorKind.NOT_FOUND, missingGet.kind(), missingGet.getMessage());
            VigilException noBucket = assertThrows(VigilException.class, () -> store.stat("vigil-nothing", "k"));
            assertEquals(ErrorKind.NOT_FOUND, noBucket.kind(), noBucket.getMessage());
            VigilException pastEnd = assertThrows(VigilException.class,
                    () -> store.get(BUCKET, "gate-3/2026-11-26/191500.mp4", ByteRange.from(clip.length + 10)));
            assertEquals(ErrorKind.INVALID_ARGUMENT, pastEnd.kind(), pastEnd.getMessage());

            try (MinioObjectStore wrongSecret = MinioObjectStore.create(CONFIG, s3.endpoint(), "wrong-secret")) {
                VigilException refused = assertThrows(VigilException.class,
                        () -> wrongSecret.stat(BUCKET, "gate-3/2026-11-26/191500.mp4"));
                assertTrue(refused.kind() == ErrorKind.UNAUTHENTICATED || refused.kind() == ErrorKind.PERMISSION_DENIED,
                        refused.kind() + " " + refused.getMessage());
            }
        }

        try (EmbeddedS3 restarted = EmbeddedS3.start(CONFIG, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(CONFIG, restarted.endpoint(), restarted.secretKey())) {
            assertEquals(secret, restarted.secretKey());
            assertArrayEquals(clip, readAll(store.get(BUCKET, "gate-3/2026-11-26/191500.mp4")));
            assertEquals(Map.of("camera", "gate-3", "sha256", "ab12"),
                    store.stat(BUCKET, "gate-3/2026-11-26/191500.mp4").userMetadata());
            assertEquals(2, store.list(BUCKET, "", 100).size());
        }
    }

    @Test
    void aSecretFromTheEnvironmentWinsAndIsNotWrittenToDisk() {
        Map<String, String> env = Map.of("VIGIL_S3_SECRET_KEY", "secret-from-env-0123456789");
        try (EmbeddedS3 s3 = EmbeddedS3.start(CONFIG, dataDir, env);
                MinioObjectStore store = MinioObjectStore.create(CONFIG, s3.endpoint(), "secret-from-env-0123456789")) {
            assertEquals("secret-from-env-0123456789", s3.secretKey());
            assertFalse(Files.exists(dataDir.resolve("s3/secret-key")));
            store.ensureBucket("vigil-snapshots");
            assertEquals(List.of(), store.list("vigil-snapshots", "", 10));
        }
    }

    @Test
    void aTakenPortIsUnavailable() {
        try (EmbeddedS3 first = EmbeddedS3.start(CONFIG, dataDir.resolve("a"), Map.of())) {
            ObjectStoreConfig samePort = new ObjectStoreConfig(null, null, null, null,
                    new Listen("127.0.0.1", first.port()), null, null, null);
            VigilException e = assertThrows(VigilException.class,
                    () -> EmbeddedS3.start(samePort, dataDir.resolve("b"), Map.of()));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
