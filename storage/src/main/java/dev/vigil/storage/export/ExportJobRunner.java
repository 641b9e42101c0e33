package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.port.EvidenceExports;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs evidence export jobs ({@link EvidenceExports}) on this node: each job is recorded in the
 * catalog ({@link ExportJobRepository}), run by {@link ExportService} into a work folder
 * ({@link FileExportSink}, the manifest signed with the node's {@link ExportSigningKey}), and its
 * files are then stored in the exports bucket under {@code exports/<id>/<name>}, where any node
 * serves them; the work folder is deleted.
 *
 * <p>Contract: {@value #WORKERS} jobs run at once; up to {@value #QUEUE} wait, more are refused
 * with RESOURCE_EXHAUSTED. Progress is the share of source segments read (to 0.9), then of files
 * stored. A job's failure is recorded with its error kind and message (DATA_LOSS for an altered or
 * missing segment, NOT_FOUND for no recordings); nothing of a failed job is kept. Jobs that this
 * node was running when it stopped are failed when it starts again ({@link #start}). Thread-safe;
 * {@link #close()} stops the workers (running jobs are interrupted and fail at the next start).
 */
public final class ExportJobRunner implements EvidenceExports, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExportJobRunner.class);
    static final int WORKERS = 2;
    static final int QUEUE = 32;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ExportJobRepository jobs;
    private final RecordingRepository recordings;
    private final ExportService service;
    private final ObjectStore store;
    private final String bucket;
    private final ExportObjects objects;
    private final ExportSigningKey key;
    private final Path workDir;
    private final String nodeId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ThreadPoolExecutor workers;

    /**
     * @param store where the files go; borrowed
     * @param bucket the exports bucket, e.g. {@code vigil-exports}
     * @param workDir where jobs write before storing, e.g. {@code <dataDir>/exports}
     * @param nodeId this node's id, recorded with each job it runs
     */
    public ExportJobRunner(ExportJobRepository jobs, RecordingRepository recordings, ExportService service,
            ObjectStore store, String bucket, ExportSigningKey key, Path workDir, String nodeId, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.service = Objects.requireNonNull(service, "service");
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.objects = new ExportObjects(store, bucket);
        this.key = Objects.requireNonNull(key, "key");
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath();
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "vigil-export-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Fails the jobs this node left unfinished and clears the work folder; call once before
     * {@link #submit}.
     */
    public ExportJobRunner start() {
        int interrupted = jobs.failInterrupted(nodeId, clock.instant());
        if (interrupted > 0) {
            log.warn("{} export job(s) of node {} were unfinished when it stopped; marked failed", interrupted, nodeId);
        }
        deleteTree(workDir);
        return this;
    }

    @Override
    public ExportJob submit(ExportOrder order, Consumer<ExportJob> beforeStart) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(beforeStart, "beforeStart");
        ExportJob job = new ExportJob(newId(), order, ExportJob.State.QUEUED, 0, clock.instant(), null, List.of(),
                null, null);
        if (workers.getQueue().remainingCapacity() == 0) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, QUEUE + " export jobs are waiting already; ask"
                    + " again later");
        }
        jobs.insert(job, nodeId);
        try {
            beforeStart.accept(job);
        } catch (RuntimeException e) {
            jobs.fail(job.id(), e instanceof VigilException v ? v.kind() : ErrorKind.INTERNAL,
                    "not started: " + e.getMessage(), clock.instant());
            throw e;
        }
        try {
            workers.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            jobs.fail(job.id(), ErrorKind.RESOURCE_EXHAUSTED, "too many export jobs waiting", clock.instant());
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "too many export jobs waiting; ask again later", e);
        }
        log.info("export job {} queued: camera {} {} for {} (reason: {})", job.id(), order.camera(), order.range(),
                order.requestedBy(), order.reason());
        return job;
    }

    @Override
    public Optional<ExportJob> find(String id) {
        return jobs.find(ExportJob.checkId(id));
    }

    @Override
    public ExportDownload download(String id, String fileName) {
        ExportJob job = find(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no export job " + id));
        if (job.state().removed()) {
            throw new VigilException(ErrorKind.GONE, "export job " + id + " " + removal(job) + ": its files no"
                    + " longer exist");
        }
        if (job.state() != ExportJob.State.DONE) {
            throw new VigilException(ErrorKind.NOT_FOUND, "export job " + id + " is " + job.state().label()
                    + ": it has no files" + (job.state() == ExportJob.State.FAILED ? "" : " yet"));
        }
        ExportFile file = job.file(fileName).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "export job "
                + id + " has no file '" + fileName.replaceAll("[^\\x20-\\x7e]", "?") + "'"));
        String objectKey = objectKey(id, file.name());
        return new ExportDownload() {
            @Override
            public ExportFile file() {
                return file;
            }

            @Override
            public InputStream open(long offset, long length) {
                try {
                    return store.get(bucket, objectKey, ByteRange.of(offset, length));
                } catch (VigilException e) {
                    // Deleted or expired between the look-up and this read: say so, not "not found".
                    ExportJob now = e.kind() == ErrorKind.NOT_FOUND ? find(id).orElse(null) : null;
                    if (now != null && now.state().removed()) {
                        throw new VigilException(ErrorKind.GONE, "export job " + id + " " + removal(now)
                                + ": its files no longer exist", e);
                    }
                    throw e;
                }
            }
        };
    }

    @Override
    public ExportJob delete(String id, Consumer<ExportJob> beforeDelete) {
        Objects.requireNonNull(beforeDelete, "beforeDelete");
        ExportJob job = find(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no export job " + id));
        if (!job.state().finished()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "export job " + id + " is " + job.state().label()
                    + "; delete it once it is done");
        }
        if (job.state() != ExportJob.State.DONE) {
            return job; // failed (nothing stored), or expired or deleted already
        }
        beforeDelete.accept(job);
        long bytes;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("camera", job.order().camera().value())) {
            bytes = objects.remove(job);
            if (jobs.markRemoved(id, ExportJob.State.DELETED, clock.instant())) {
                log.info("export job {} deleted: {} file(s), {} bytes removed from {}", id, job.files().size(), bytes,
                        bucket);
            }
        }
        return find(id).orElseThrow(() -> new VigilException(ErrorKind.INTERNAL, "export job " + id + " vanished"));
    }

    /** "expired at T" or "was deleted at T". */
    private static String removal(ExportJob job) {
        return (job.state() == ExportJob.State.EXPIRED ? "expired at " : "was deleted at ") + job.removedAt();
    }

    @Override
    public String signingKeyPem() {
        return key.publicKeyPem();
    }

    @Override
    public String signingKeyId() {
        return key.keyId();
    }

    /** Where a job's file is stored in the bucket. */
    static String objectKey(String id, String name) {
        return ExportObjects.key(id, name);
    }

    private void run(ExportJob job) {
        String id = job.id();
        ExportOrder order = job.order();
        Path dir = workDir.resolve(id);
        FileExportSink sink = null;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("camera", order.camera().value())) {
            if (!jobs.markRunning(id)) {
                return;
            }
            Files.createDirectories(dir);
            sink = new FileExportSink(dir.resolve(order.camera().value() + "_"
                    + FILE_TIME.format(order.range().start()) + ".mp4"));
            List<RecordingRow> rows = recordings.findByCamera(order.camera(), order.range().start(),
                    order.range().end());
            ExportRequest request = new ExportRequest(order.camera(), order.range().start(), order.range().end(),
                    order.requestedBy(), order.reason());
            ExportManifest manifest = service.export(request, rows, sink,
                    (done, total) -> jobs.progress(id, 0.9 * done / total));
            List<Path> written = sink.commit(manifest, key);
            List<ExportFile> files = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                Path file = written.get(i);
                ExportFile.Kind kind = i < manifest.parts().size() ? ExportFile.Kind.MP4
                        : i == written.size() - 1 ? ExportFile.Kind.MANIFEST : ExportFile.Kind.SIGNATURE;
                String sha256 = kind == ExportFile.Kind.MP4 ? manifest.parts().get(i).sha256()
                        : ManifestSignature.sha256(Files.readAllBytes(file));
                files.add(new ExportFile(file.getFileName().toString(), kind, Files.size(file), sha256));
                try (InputStream in = Files.newInputStream(file)) {
                    store.put(bucket, objectKey(id, file.getFileName().toString()), in, Files.size(file),
                            kind.contentType(), Map.of("sha256", sha256, "export-job", id));
                }
                jobs.progress(id, 0.9 + 0.1 * (i + 1) / written.size());
            }
            files.sort(Comparator.comparing(f -> f.kind().ordinal())); // parts, manifest, signature
            if (jobs.finish(id, files, clock.instant())) {
                log.info("export job {} done: {} file(s), {} bytes of MP4", id, files.size(), manifest.bytes());
            }
        } catch (VigilException e) {
            if (sink != null) {
                sink.discard();
            }
            fail(id, e.kind(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (sink != null) {
                sink.discard();
            }
            log.error("export job {} failed", id, e);
            fail(id, e instanceof IOException ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL, e.toString());
        } finally {
            deleteTree(dir);
        }
    }

    private void fail(String id, ErrorKind kind, String message) {
        try {
            jobs.fail(id, kind, message, clock.instant());
            log.warn("export job {} failed ({}): {}", id, kind, message);
        } catch (RuntimeException e) {
            log.error("export job {} failed ({}: {}) and could not be recorded as failed: {}", id, kind, message,
                    e.getMessage());
        }
    }

    private String newId() {
        StringBuilder id = new StringBuilder("x");
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET.charAt(random.nextInt(32)));
        }
        return id.toString();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not delete export work files under {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
