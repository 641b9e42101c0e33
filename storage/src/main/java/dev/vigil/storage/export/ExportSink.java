package dev.vigil.storage.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the parts of one export go: a file per part ({@link FileExportSink}), or an HTTP response
 * that takes one part only.
 *
 * <p>Stream ownership: {@link ExportService} owns each stream {@link #openPart} returns and closes
 * it once the part's last byte is written, or when the export fails. A failed export leaves what
 * it wrote in the sink; the caller discards it (nothing in it is claimed valid: only a returned
 * {@link ExportManifest} vouches for parts).
 */
public interface ExportSink {
    /** The name of part {@code part} (1-based) as the manifest lists it, e.g. {@code out-2.mp4}. */
    String partName(int part);

    /**
     * Opens part {@code part}; parts are opened in order, each after the previous one is closed.
     *
     * @throws IOException if it cannot be created
     * @throws dev.vigil.core.error.VigilException {@code FAILED_PRECONDITION} from a sink that takes
     *     fewer parts
     */
    OutputStream openPart(int part) throws IOException;
}
