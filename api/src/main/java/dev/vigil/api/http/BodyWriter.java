package dev.vigil.api.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a body of unknown length (sent chunked): a long JSON array, Server-Sent Events. Runs on
 * an API worker thread. {@code out} blocks while the client is slow to read (and fails with an
 * {@link IOException} after {@code api.limits.writeTimeoutSeconds}, or at once when the client has
 * gone); {@code out.flush()} sends what has been written so far. The framework closes {@code out}
 * when this returns.
 */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
