package dev.vigil.storage.record;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.object.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished segments and clips from the {@link Spool} to the object store and the catalog,
 * clips first, then oldest first, at most one segment of a camera at a time (so each camera's segments arrive in order).
 * A segment leaves the spool only after both the object store and the catalog have it.
 *
 * <p>While the object store or the catalog fails, every worker waits with exponential backoff
 * (0.5 s doubling to {@link #MAX_BACKOFF}) and tries the same oldest segment again; nothing is
 * skipped. The MinIO SDK uploads objects above its part size in parts (multipart).
 *
 * <p>Threads: {@code workers} daemon threads named {@code vigil-upload-N}; {@link #close} stops
 * them, letting an upload in flight finish (bounded by the object store's timeouts).
 */
public final class SegmentUploader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentUploader.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long IDLE_POLL_MS = 200;

    /** What the uploader reports; called on its threads, must not block. */
    public interface Listener {
        void onUploaded(SpooledSegment segment, String objectKey, long nanos);

        void onUploadFailed(SpooledSegment segment, VigilException error);

        Listener NONE = new Listener() {
            @Override
            public void onUploaded(SpooledSegment segment, String objectKey, long nanos) { }

            @Override
            public void onUploadFailed(SpooledSegment segment, VigilException error) { }
        };
    }

    private final Spool spool;
    private final ObjectStore store;
    private final String bucket;
    private final String clipsBucket;
    private final RecordingIndex index;
    private final Listener listener;
    private final Set<CameraId> busy = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile String lastError;

    /**
     * @param bucket where segments go ({@code vigil-segments})
     * @param clipsBucket where event clips go ({@code vigil-clips})
     */
    public SegmentUploader(Spool spool, ObjectStore store, String bucket, String clipsBucket, RecordingIndex index,
            Listener listener) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clipsBucket = Objects.requireNonNull(clipsBucket, "clipsBucket");
        this.index = Objects.requireNonNull(index, "index");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts {@code workers} upload threads, 1 to 16. */
    public synchronized void start(int workers) {
        if (workers < 1 || workers > 16) {
            throw VigilException.invalid("upload workers must be 1 to 16, was " + workers);
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::run, "vigil-upload-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The last upload error, or null when the last upload succeeded. */
    public String lastError() {
        return lastError;
    }

    /**
     * Uploads one segment on the calling thread, if one is waiting. For tests and for draining.
     *
     * @return whether a segment was uploaded
     * @throws VigilException when the upload failed (the segment stays in the spool)
     */
    public boolean uploadOne() {
        Optional<SpooledSegment> next = take();
        if (next.isEmpty()) {
            return false;
        }
        upload(next.get());
        return true;
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                }
                Optional<SpooledSegment> next = take();
                if (next.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(IDLE_POLL_MS);
                    continue;
                }
                try {
                    upload(next.get());
                    backoffMs = 0;
                } catch (VigilException e) {
                    backoffMs = backoffMs == 0 ? 500 : Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("upload worker: unexpected failure", e);
                backoffMs = MAX_BACKOFF.toMillis();
            }
        }
    }

    private Optional<SpooledSegment> take() {
        synchronized (busy) {
            Optional<SpooledSegment> next = spool.take(Set.copyOf(busy));
            next.ifPresent(s -> busy.add(s.meta().camera()));
            return next;
        }
    }

    private void upload(SpooledSegment s) {
        String key = s.meta().objectKey(s.end());
        String target = s.meta().clip() == null ? bucket : clipsBucket;
        long began = System.nanoTime();
        try {
            try (InputStream in = Files.newInputStream(s.file())) {
                store.put(target, key, in, s.bytes(), "video/mp4", metadata(s));
            } catch (IOException e) {
                throw new VigilException(ErrorKind.DATA_LOSS, "cannot read spool file " + s.file() + ": " + e, e);
            }
            index.add(s, target, key);
            spool.uploaded(s);
            lastError = null;
            listener.onUploaded(s, key, System.nanoTime() - began);
        } catch (VigilException e) {
            spool.release(s);
            lastError = e.getMessage();
            log.warn("upload of {} ({} bytes) to {}/{} failed, will retry: {}", s.file().getFileName(), s.bytes(),
                    target, key, e.getMessage());
            listener.onUploadFailed(s, e);
            throw e;
        } finally {
            synchronized (busy) {
                busy.remove(s.meta().camera());
            }
        }
    }

    /** Object metadata: what the catalog holds, so an object explains itself without it. */
    static Map<String, String> metadata(SpooledSegment s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("camera", s.meta().camera().value());
        m.put("site", s.meta().site());
        m.put("start", s.start().toString());
        m.put("end", s.end().toString());
        m.put("codec", s.meta().codec().wireName());
        m.put("sha256", s.sha256());
        m.put("width", Integer.toString(s.meta().width()));
        m.put("height", Integer.toString(s.meta().height()));
        if (s.meta().clip() != null) {
            m.put("clip-id", s.meta().clip().id());
            m.put("clip-reason", asciiOnly(s.meta().clip().reason()));
        }
        return m;
    }

    /** S3 user metadata is printable US-ASCII: anything else becomes '?'. */
    private static String asciiOnly(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
        for (int i = 0; i < s.length() && b.length() < 256; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        List<Thread> stopping;
        synchronized (this) {
            stopping = List.copyOf(threads);
        }
        for (Thread t : stopping) {
            t.interrupt();
        }
        for (Thread t : stopping) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
