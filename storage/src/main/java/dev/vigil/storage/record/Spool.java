package dev.vigil.storage.record;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.mp4.Fmp4Scanner;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local spool: segments are written here as they are recorded and stay until the object
 * store and the catalog both have them.
 *
 * <p>Layout, one folder per camera: {@code <camera>/<start>.part} with {@code <start>.meta} while a
 * segment is written; {@code <start>_<end>.mp4} with {@code <start>_<end>.json} once finished.
 * Event clips live beside them as {@code clip-<id>-<start>...} and are uploaded before segments. A
 * finished segment appears by renaming its files, so a crash leaves either a {@code .part} (closed
 * by {@link #recover} into a playable segment, losing at most the fragment in progress) or a
 * finished one.
 *
 * <p>The cap ({@code maxBytes}): when finished and in-progress files together exceed it, the
 * oldest finished segments not being uploaded are deleted until they fit, each one logged at
 * ERROR and reported to the {@link Listener} (metrics and an alarm): the policy of an NVR whose
 * disk is full, which overwrites its oldest footage rather than stop recording. Segments being
 * written are never deleted.
 *
 * <p>Thread-safe: recorders, the uploader and metrics call it from their own threads.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** What the spool reports. Called on the caller's thread; must not block. */
    public interface Listener {
        /** A finished segment was deleted before upload because the spool was over its cap. */
        void onEvicted(SpooledSegment segment, long spoolBytes, long maxBytes);

        Listener NONE = (segment, spoolBytes, maxBytes) -> { };
    }

    private final Path dir;
    private final long maxBytes;
    private final Listener listener;
    private final boolean syncFinished;
    /** Finished files waiting for upload: clips first (alerts link to them), then oldest start first. */
    private final TreeSet<SpooledSegment> ready = new TreeSet<>(Comparator
            .comparing((SpooledSegment s) -> s.meta().clip() == null).thenComparing(SpooledSegment::start)
            .thenComparing(s -> s.meta().camera().value()).thenComparing(s -> s.file().toString()));
    private final Set<Path> uploading = new java.util.HashSet<>();
    private final AtomicLong readyBytes = new AtomicLong();
    private final AtomicLong partBytes = new AtomicLong();
    private final AtomicLong evictedSegments = new AtomicLong();
    private final AtomicLong evictedBytes = new AtomicLong();

    /** A spool that syncs every finished segment to disk. */
    public Spool(Path dir, long maxBytes, Listener listener) {
        this(dir, maxBytes, listener, true);
    }

    /**
     * @param maxBytes the cap on spooled bytes, at least 1 MiB
     * @param syncFinished whether a finished segment is synced ({@code fsync}) before it is
     *     published: a power loss then cannot lose it. Without, a killed process still loses nothing
     *     finished (the page cache survives it); the sync costs about 14 % of recording CPU at 300
     *     cameras (README, recording load)
     */
    public Spool(Path dir, long maxBytes, Listener listener, boolean syncFinished) {
        if (maxBytes < (1 << 20)) {
            throw VigilException.invalid("spool cap must be at least 1 MiB, was " + maxBytes);
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.maxBytes = maxBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.syncFinished = syncFinished;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "cannot create the spool folder " + dir + ": " + e, e);
        }
    }

    /** A segment being written: its stream, and where it goes when finished. */
    public final class Part implements AutoCloseable {
        private final SegmentMeta meta;
        private final Path file;
        private final Path metaFile;
        private final FileChannel channel;
        private final OutputStream out;
        private long counted;
        private boolean closed;

        private Part(SegmentMeta meta, Path file, Path metaFile, FileChannel channel) {
            this.meta = meta;
            this.file = file;
            this.metaFile = metaFile;
            this.channel = channel;
            // Unbuffered: the segment writer buffers (SegmentSink), and a second buffer here only copied twice.
            this.out = java.nio.channels.Channels.newOutputStream(channel);
        }

        public SegmentMeta meta() {
            return meta;
        }

        /** The stream to write the segment to, unbuffered (writers buffer themselves); the spool closes it. */
        public OutputStream stream() {
            return out;
        }

        /** Counts the bytes written so far against the cap. */
        public void account(long bytesWritten) {
            partBytes.addAndGet(bytesWritten - counted);
            counted = bytesWritten;
        }

        /** Closes the file without finishing it, e.g. after a write error; {@link #recover} may still salvage it. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            partBytes.addAndGet(-counted);
            try {
                out.close();
            } catch (IOException e) {
                log.warn("closing spool file {}: {}", file, e.toString());
            }
        }
    }

    /** Starts a segment file for {@code meta}. */
    public Part begin(SegmentMeta meta) {
        Path cameraDir = cameraDir(meta.camera());
        String stem = stem(meta);
        Path file = cameraDir.resolve(stem + ".part");
        Path metaFile = cameraDir.resolve(stem + ".meta");
        try {
            Files.createDirectories(cameraDir);
            SpoolFiles.writeAtomically(metaFile, SpoolSidecar.meta(meta));
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            return new Part(meta, file, metaFile, ch);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + meta.camera()
                    + ": cannot start a spool file in " + cameraDir + ": " + e, e);
        }
    }

    /**
     * Finishes {@code part}: flushes and syncs it, gives it its final name and queues it for upload.
     *
     * @param end wall-clock time just after the last picture
     */
    public SpooledSegment complete(Part part, Fmp4SegmentSummary summary, Instant end) {
        try {
            part.out.flush();
            if (syncFinished) {
                part.channel.force(true);
            }
        } catch (IOException e) {
            part.close();
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + part.meta.camera()
                    + ": cannot sync spool file " + part.file + ": " + e, e);
        }
        part.close();
        return publish(part.meta, part.file, part.metaFile, end, summary.bytesWritten(), summary.sha256(),
                summary.sampleCount(), false);
    }

    /**
     * Gives a segment up after a write error: closes its file and publishes the part of it that
     * plays (its complete fragments), if any. Never throws.
     */
    public Optional<SpooledSegment> abandon(Part part) {
        part.close();
        try {
            return salvage(part.file, part.metaFile);
        } catch (IOException | VigilException e) {
            log.error("spool: cannot salvage {} of camera {}: {}", part.file, part.meta.camera(), e.toString());
            return Optional.empty();
        }
    }

    private SpooledSegment publish(SegmentMeta meta, Path partFile, Path metaFile, Instant end, long bytes,
            String sha256, int samples, boolean recovered) {
        Path cameraDir = partFile.getParent();
        String stem = stem(meta) + "_" + ObjectKeys.stamp(end);
        Path mp4 = cameraDir.resolve(stem + ".mp4");
        SpooledSegment segment = new SpooledSegment(meta, end, bytes, sha256, samples, mp4, recovered);
        try {
            SpoolFiles.move(partFile, mp4);
            SpoolFiles.writeAtomically(cameraDir.resolve(stem + ".json"), SpoolSidecar.finished(segment));
            Files.deleteIfExists(metaFile);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + meta.camera()
                    + ": cannot finish spool file " + mp4 + ": " + e, e);
        }
        synchronized (this) {
            ready.add(segment);
            readyBytes.addAndGet(bytes);
        }
        enforceCap();
        return segment;
    }

    /**
     * The oldest finished segment not already being uploaded and not of a camera in {@code busy};
     * it is marked as being uploaded until {@link #uploaded} or {@link #release}.
     */
    public synchronized Optional<SpooledSegment> take(Set<CameraId> busy) {
        for (SpooledSegment s : ready) {
            if (!uploading.contains(s.file()) && !busy.contains(s.meta().camera())) {
                uploading.add(s.file());
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The upload failed; the segment waits for the next try. */
    public synchronized void release(SpooledSegment segment) {
        uploading.remove(segment.file());
    }

    /** The object store and the catalog have {@code segment}: its files are deleted. */
    public void uploaded(SpooledSegment segment) {
        synchronized (this) {
            uploading.remove(segment.file());
            if (!ready.remove(segment)) {
                return;
            }
            readyBytes.addAndGet(-segment.bytes());
        }
        deleteFiles(segment);
    }

    /** Finished and in-progress bytes. */
    public long bytes() {
        return readyBytes.get() + partBytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int readyCount() {
        return ready.size();
    }

    /** The oldest finished segment's start, if any waits. */
    public synchronized Optional<Instant> oldestReady() {
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.first().start());
    }

    public long evictedSegments() {
        return evictedSegments.get();
    }

    public long evictedBytes() {
        return evictedBytes.get();
    }

    /**
     * Loads what a previous run left: finished segments are queued again; unfinished ones are cut
     * after their last complete fragment, hashed, and queued as recovered. Unreadable leftovers are
     * moved aside to {@code <camera>/damaged/}, never deleted. Call once, before recording starts.
     *
     * @return the segments queued, oldest first
     */
    public List<SpooledSegment> recover() {
        List<SpooledSegment> found = new ArrayList<>();
        try (DirectoryStream<Path> cameras = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path cameraDir : cameras) {
                recoverCamera(cameraDir, found);
            }
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "cannot read the spool folder " + dir + ": " + e, e);
        }
        found.sort(Comparator.comparing(SpooledSegment::start));
        return found;
    }

    private void recoverCamera(Path cameraDir, List<SpooledSegment> found) throws IOException {
        List<Path> files;
        try (var list = Files.list(cameraDir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                if (name.endsWith(".json")) {
                    Path mp4 = f.resolveSibling(name.substring(0, name.length() - 5) + ".mp4");
                    if (Files.exists(mp4)) {
                        SpooledSegment s = SpoolSidecar.readFinished(Files.readAllBytes(f), mp4);
                        synchronized (this) {
                            if (ready.add(s)) {
                                readyBytes.addAndGet(s.bytes());
                            }
                        }
                        found.add(s);
                    }
                } else if (name.endsWith(".part")) {
                    Path metaFile = f.resolveSibling(name.substring(0, name.length() - 5) + ".meta");
                    salvage(f, metaFile).ifPresent(found::add);
                }
            } catch (VigilException e) {
                log.error("spool: cannot recover {} ({}); moved to damaged/", f, e.getMessage());
                SpoolFiles.moveAside(f);
            }
        }
    }

    /** Cuts a {@code .part} after its last complete fragment and publishes it; empty if nothing plays. */
    private Optional<SpooledSegment> salvage(Path part, Path metaFile) throws IOException {
        if (!Files.exists(metaFile)) {
            throw new VigilException(ErrorKind.DATA_LOSS, "no .meta beside it");
        }
        SegmentMeta meta = SpoolSidecar.readMeta(Files.readAllBytes(metaFile));
        Fmp4Scanner.Scan scan;
        try {
            scan = Fmp4Scanner.scan(part);
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.DATA_LOSS && Files.size(part) < 4096) {
                log.warn("spool: {} holds no complete fragment (killed at its start); removed", part);
                Files.deleteIfExists(part);
                Files.deleteIfExists(metaFile);
                return Optional.empty();
            }
            throw e;
        }
        if (scan.fragments() == 0) {
            log.warn("spool: {} holds no complete fragment; removed", part);
            Files.deleteIfExists(part);
            Files.deleteIfExists(metaFile);
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.truncate(scan.validBytes());
            ch.force(true);
        }
        Instant end = meta.start().plusNanos(scan.endDecodeTime() * 1_000_000_000L / 90_000);
        log.warn("spool: recovered {} of camera {}: {} fragments, {} pictures, {} bytes (cut {} bytes of an "
                + "unfinished fragment)", part.getFileName(), meta.camera(), scan.fragments(), scan.samples(),
                scan.validBytes(), scan.fileBytes() - scan.validBytes());
        return Optional.of(publish(meta, part, metaFile, end, scan.validBytes(), SpoolFiles.sha256(part), (int) scan.samples(),
                true));
    }

    private void enforceCap() {
        while (bytes() > maxBytes) {
            SpooledSegment victim;
            synchronized (this) {
                victim = ready.stream().filter(s -> !uploading.contains(s.file())).findFirst().orElse(null);
                if (victim == null) {
                    return; // only segments in progress or in flight: nothing to give up
                }
                ready.remove(victim);
                readyBytes.addAndGet(-victim.bytes());
            }
            deleteFiles(victim);
            evictedSegments.incrementAndGet();
            evictedBytes.addAndGet(victim.bytes());
            log.error("spool over its cap ({} of {} bytes): deleted the oldest segment not yet uploaded: camera {}"
                    + " {}..{} ({} bytes)", bytes() + victim.bytes(), maxBytes, victim.meta().camera(), victim.start(),
                    victim.end(), victim.bytes());
            listener.onEvicted(victim, bytes(), maxBytes);
        }
    }

    /** A clip's files are named apart from the segment that may start at the same key frame. */
    private static String stem(SegmentMeta meta) {
        return (meta.clip() == null ? "" : "clip-" + meta.clip().id() + "-") + ObjectKeys.stamp(meta.start());
    }

    private Path cameraDir(CameraId camera) {
        String name = camera.value();
        if (name.equals(".") || name.equals("..")) {
            throw VigilException.invalid("camera id '" + name + "' cannot name a spool folder");
        }
        return dir.resolve(name);
    }

    private static void deleteFiles(SpooledSegment s) {
        String name = s.file().getFileName().toString();
        Path json = s.file().resolveSibling(name.substring(0, name.length() - 4) + ".json");
        try {
            Files.deleteIfExists(json); // first: a leftover .mp4 without .json is ignored by recovery
            Files.deleteIfExists(s.file());
        } catch (IOException e) {
            log.warn("spool: cannot delete {}: {}", s.file(), e.toString());
        }
    }

}
