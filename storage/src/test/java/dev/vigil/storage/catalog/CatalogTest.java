package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CatalogTest {
    @TempDir
    Path dataDir;

    @Test
    void urlParametersWhereAPasswordMayHideAreCutOff() {
        assertEquals("jdbc:postgresql://db:5432/vigil",
                Catalog.withoutParameters("jdbc:postgresql://db:5432/vigil?user=v&password=s3cret"));
        assertEquals("jdbc:h2:file:/x/vigil", Catalog.withoutParameters("jdbc:h2:file:/x/vigil;PASSWORD=s3cret"));
        assertEquals("jdbc:postgresql://db/vigil", Catalog.withoutParameters("jdbc:postgresql://db/vigil"));
    }

    @Test
    void anUnreachableDatabaseIsUnavailableAndTheMessageHoldsNoSecret() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CatalogConfig config = new CatalogConfig(
                "jdbc:postgresql://127.0.0.1:" + port + "/vigil?password=url-secret", "vigil", "PW");
        VigilException e = assertThrows(VigilException.class,
                () -> Catalog.open(config, dataDir, Map.of("PW", "env-secret")));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void aUrlWithNoDriverIsInvalid() {
        CatalogConfig config = new CatalogConfig("jdbc:nosuchdb://host/vigil", "vigil", "PW");
        VigilException e = assertThrows(VigilException.class, () -> Catalog.open(config, dataDir, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    }
}
