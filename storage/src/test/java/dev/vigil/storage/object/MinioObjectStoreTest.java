package dev.vigil.storage.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MinioObjectStoreTest {
    private static final String SECRET = "not-a-real-secret-7f3a";
    private static final ObjectStoreConfig CONFIG =
            new ObjectStoreConfig(null, null, null, null, null, null, null, null);

    @Test
    void errorCodesMapToKinds() {
        assertEquals(ErrorKind.NOT_FOUND, MinioObjectStore.kindOf("NoSuchKey", 404));
        assertEquals(ErrorKind.NOT_FOUND, MinioObjectStore.kindOf("NoSuchBucket", 404));
        assertEquals(ErrorKind.ALREADY_EXISTS, MinioObjectStore.kindOf("BucketAlreadyOwnedByYou", 409));
        assertEquals(ErrorKind.UNAUTHENTICATED, MinioObjectStore.kindOf("SignatureDoesNotMatch", 403));
        assertEquals(ErrorKind.PERMISSION_DENIED, MinioObjectStore.kindOf("AccessDenied", 403));
        assertEquals(ErrorKind.INVALID_ARGUMENT, MinioObjectStore.kindOf("InvalidRange", 416));
        assertEquals(ErrorKind.UNAVAILABLE, MinioObjectStore.kindOf("SlowDown", 503));
        assertEquals(ErrorKind.UNAVAILABLE, MinioObjectStore.kindOf(null, 502));
        assertEquals(ErrorKind.NOT_FOUND, MinioObjectStore.kindOf("SomethingNew", 404));
        assertEquals(ErrorKind.INTERNAL, MinioObjectStore.kindOf("SomethingNew", 418));
    }

    @Test
    void rejectsEndpointsThatAreNotPlainHttpUrls() {
        for (String endpoint : new String[] {"", "ftp://host:21", "http://host:9000/bucket", "host:9000"}) {
            VigilException e = assertThrows(VigilException.class,
                    () -> MinioObjectStore.create(CONFIG, endpoint, SECRET), endpoint);
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind(), endpoint);
        }
    }

    @Test
    void userInfoInTheEndpointIsRejectedWithoutEchoingIt() {
        VigilException e = assertThrows(VigilException.class,
                () -> MinioObjectStore.create(CONFIG, "http://vigil:hunter2@host:9000", SECRET));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void toStringNamesEndpointAndAccessKeyButNotTheSecret() {
        try (MinioObjectStore store = MinioObjectStore.create(CONFIG, "http://127.0.0.1:9000/", SECRET)) {
            assertEquals("http://127.0.0.1:9000", store.endpoint());
            assertEquals("MinioObjectStore[endpoint=http://127.0.0.1:9000, accessKey=vigil]", store.toString());
            assertFalse(store.toString().contains(SECRET));
        }
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (MinioObjectStore store = MinioObjectStore.create(CONFIG, "http://127.0.0.1:" + port, SECRET)) {
            VigilException e = assertThrows(VigilException.class, () -> store.stat("vigil-clips", "a/b.mp4"));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("vigil-clips/a/b.mp4"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void badUserMetadataIsRejectedBeforeAnyRequest() {
        try (MinioObjectStore store = MinioObjectStore.create(CONFIG, "http://127.0.0.1:9", SECRET)) {
            Map<String, String> badKey = Map.of("camera id", "gate-3");
            Map<String, String> badValue = Map.of("camera", "gate\n3");
            Map<String, String> tooBig = Map.of("blob", "x".repeat(MinioObjectStore.MAX_USER_METADATA_BYTES));
            for (Map<String, String> metadata : java.util.List.of(badKey, badValue, tooBig)) {
                VigilException e = assertThrows(VigilException.class, () -> store.put("vigil-clips", "k",
                        new ByteArrayInputStream(new byte[1]), 1, null, metadata));
                assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind(), e.getMessage());
            }
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        MinioObjectStore store = MinioObjectStore.create(CONFIG, "http://127.0.0.1:9", SECRET);
        store.close();
        store.close();
        VigilException e = assertThrows(VigilException.class, () -> store.stat("b", "k"));
        assertEquals(ErrorKind.FAILED_PRECONDITION, e.kind());
    }

    @Test
    void byteRangesAreChecked() {
        assertEquals("bytes=10-19", ByteRange.of(10, 10).toString());
        assertEquals("bytes=5-", ByteRange.from(5).toString());
        assertThrows(VigilException.class, () -> ByteRange.of(-1, 10));
        assertThrows(VigilException.class, () -> ByteRange.of(0, 0));
    }
}
