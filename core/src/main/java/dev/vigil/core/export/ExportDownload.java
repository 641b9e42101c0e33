package dev.vigil.core.export;

import java.io.InputStream;

/**
 * One stored file of a finished export, to be served with HTTP range requests.
 *
 * @see dev.vigil.core.port.EvidenceExports#download
 */
public interface ExportDownload {
    /** The file's description: name, kind, size, SHA-256. */
    ExportFile file();

    /**
     * Opens bytes {@code [offset, offset + length)}; the caller closes the stream, whose reads may
     * throw {@link java.io.IOException} when the store fails midway.
     */
    InputStream open(long offset, long length);
}
