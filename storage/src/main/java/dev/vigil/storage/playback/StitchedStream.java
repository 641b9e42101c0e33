package dev.vigil.storage.playback;

import dev.vigil.core.error.VigilException;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes {@code [offset, offset + length)} of a planned movie: the slice of its head, then the
 * slices of the extents that overlap the range, each source object opened with a ranged get only
 * when the stream reaches it and closed when its slice is read. Not thread-safe; closing closes
 * the open source.
 */
final class StitchedStream extends InputStream {
    private final MoviePlan plan;
    private final ObjectStore store;
    private final String bucket;
    private final long end;
    private long position;
    private int extent;
    private InputStream current;
    private long currentLeft;
    private boolean closed;

    StitchedStream(MoviePlan plan, ObjectStore store, String bucket, long offset, long length) {
        this.plan = plan;
        this.store = store;
        this.bucket = bucket;
        this.position = offset;
        this.end = offset + length;
        this.extent = firstExtent(plan.extents(), offset);
    }

    /** The first extent that ends after {@code offset} (binary search). */
    private static int firstExtent(MoviePlan.Extent[] extents, long offset) {
        int lo = 0;
        int hi = extents.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (extents[mid].fileEnd() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        byte[] head = plan.head();
        if (position < head.length) {
            int n = (int) Math.min(len, Math.min(head.length, end) - position);
            System.arraycopy(head, (int) position, b, off, n);
            position += n;
            return n;
        }
        if (current == null) {
            openExtent();
        }
        int n = current.read(b, off, (int) Math.min(len, currentLeft));
        if (n < 0) {
            MoviePlan.Extent e = plan.extents()[extent];
            throw new IOException("object " + bucket + "/" + e.key() + " ended " + currentLeft + " bytes before the"
                    + " end of its bytes " + e.sourceOffset() + ".." + (e.sourceOffset() + e.length())
                    + " (shorter than the catalog says)");
        }
        position += n;
        currentLeft -= n;
        if (currentLeft == 0) {
            current.close();
            current = null;
            extent++;
        }
        return n;
    }

    private void openExtent() throws IOException {
        MoviePlan.Extent e = plan.extents()[extent];
        long skip = position - e.fileOffset();
        long n = Math.min(e.length() - skip, end - position);
        try {
            current = store.get(bucket, e.key(), ByteRange.of(e.sourceOffset() + skip, n));
        } catch (VigilException failure) {
            throw new IOException("reading " + bucket + "/" + e.key() + " failed: " + failure.getMessage(), failure);
        }
        currentLeft = n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
