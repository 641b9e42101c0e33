package dev.vigil.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ingest.rtsp.RtspMessage;
import dev.vigil.ingest.rtsp.RtspParser;
import dev.vigil.ingest.rtsp.RtspResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real captures from {@code ../shared/captures/retina/} (Retina's test data, MIT/Apache-2.0; see
 * the README there), found through the {@code vigil.shared.dir} property. Tests that need them are
 * skipped, not failed, when the folder is absent.
 */
public final class SharedCaptures {
    private SharedCaptures() {}

    public static Path retina(String name) {
        String dir = System.getProperty("vigil.shared.dir");
        assumeTrue(dir != null, "vigil.shared.dir is not set; run through Maven to use ../shared/captures");
        Path file = Path.of(dir, "captures", "retina", name);
        assumeTrue(Files.isReadable(file), "capture " + file + " is absent; skipping (the shared folder is not"
                + " beside this checkout)");
        return file;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(retina(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * A captured RTSP response: head through the parser, body as everything after the empty line
     * (the files were edited by hand, so Content-Length is not trusted here).
     */
    public static RtspResponse response(String name) {
        String text = text(name);
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int end;
        int bodyStart;
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            end = crlf;
            bodyStart = crlf + 4;
        } else if (lf >= 0) {
            end = lf;
            bodyStart = lf + 2;
        } else {
            end = text.length();
            bodyStart = text.length();
        }
        RtspMessage head = RtspParser.parseHead(text.substring(0, end));
        return ((RtspResponse) head).withBody(text.substring(bodyStart).getBytes(StandardCharsets.UTF_8));
    }
}
