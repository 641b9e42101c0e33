package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.Coverage;
import dev.vigil.storage.catalog.Interval;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.object.ObjectStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Exports one camera's recordings over a time range as evidence: the source segments are streamed
 * from the object store one after the other, their samples cut to the range at key frames and
 * stream-copied into MP4 parts (see {@link PartAssembler} for the cuts, gaps and parameter-set
 * changes), and every source object's SHA-256 and size are checked against the catalog as it is
 * read. Returns the {@link ExportManifest}; records every export, finished or failed, in the
 * {@link ExportAuditLog} and the log.
 *
 * <p>Contract:
 * <ul>
 *   <li>Memory: one source fragment (at most {@link Fmp4Reader#MAX_MDAT_BYTES}, about 1 s of video
 *       in Vigil's segments), one output fragment, and, before the range's start, the samples since
 *       the last key frame (one GOP). Nothing is loaded whole.
 *   <li>Integrity: each source object is read to its end, so its digest covers every byte, even
 *       when the range ends inside it. A mismatch of hash or size, or an object the catalog lists but
 *       the store lacks, fails the export with {@code DATA_LOSS} naming the object. Since the mismatch
 *       shows only at the object's end, parts may already hold its samples: a failed export's parts
 *       are never vouched for (no manifest) and the caller discards them.
 *   <li>Errors: {@code NOT_FOUND} when no recording (or no key frame) falls in the range;
 *       {@code DATA_LOSS} as above or for an unreadable segment; {@code UNAVAILABLE} when the store,
 *       the sink or the audit log fails; {@code INVALID_ARGUMENT} for rows of another camera;
 *       {@code FAILED_PRECONDITION} for overlapping recordings.
 *   <li>Thread-safe: each call is independent; the store and audit log must be thread-safe.
 * </ul>
 */
public final class ExportService {
    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    private static final int READ_BUFFER_BYTES = 64 << 10;

    private final ObjectStore store;
    private final String bucket;
    private final ExportAuditLog audit;
    private final Clock clock;
    private final Duration gapTolerance;
    private final FragmentPolicy policy;

    /** With gaps tolerated up to {@link Coverage#DEFAULT_TOLERANCE} and the default fragments. */
    public ExportService(ObjectStore store, String bucket, ExportAuditLog audit, Clock clock) {
        this(store, bucket, audit, clock, Coverage.DEFAULT_TOLERANCE, FragmentPolicy.DEFAULT);
    }

    /**
     * @param store where the segments are; borrowed, not closed
     * @param bucket the segments bucket, e.g. {@code vigil-segments}
     * @param gapTolerance seams up to this long are neither gaps in the manifest nor part breaks;
     *     0 to 60 s
     * @param policy the output's fragments
     */
    public ExportService(ObjectStore store, String bucket, ExportAuditLog audit, Clock clock, Duration gapTolerance,
            FragmentPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gapTolerance = Objects.requireNonNull(gapTolerance, "gapTolerance");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (gapTolerance.isNegative() || gapTolerance.compareTo(Duration.ofSeconds(60)) > 0) {
            throw VigilException.invalid("export gap tolerance must be 0 to 60 s, was " + gapTolerance);
        }
    }

    /** Told how far an export has got; called on the exporting thread, must be fast. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of the {@code total} source segments in the range have been read. */
        void sourcesRead(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * Runs one export.
     *
     * @param recordings the camera's recordings overlapping the range, as
     *     {@code RecordingRepository.findByCamera} returns them (any order; others are ignored)
     * @param sink where the parts go; see {@link ExportSink} for stream ownership
     * @return the manifest, once every part is complete and the export is audited
     * @throws VigilException see the class comment
     */
    public ExportManifest export(ExportRequest request, List<RecordingRow> recordings, ExportSink sink) {
        return export(request, recordings, sink, Progress.NONE);
    }

    /** As {@link #export(ExportRequest, List, ExportSink)}, telling {@code progress} after each source. */
    public ExportManifest export(ExportRequest request, List<RecordingRow> recordings, ExportSink sink,
            Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(recordings, "recordings");
        Objects.requireNonNull(sink, "sink");
        Instant requestedAt = clock.instant();
        PartAssembler assembler = new PartAssembler(request, sink, policy, gapTolerance);
        boolean audited = false;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("camera", request.camera().value())) {
            List<Recording> sources = inRange(request, recordings);
            List<ExportManifest.Source> read = new ArrayList<>();
            for (Recording source : sources) {
                read.add(readSource(source, assembler));
                progress.sourcesRead(read.size(), sources.size());
                if (assembler.done()) {
                    break;
                }
            }
            List<ExportManifest.Part> parts = assembler.finish();
            if (parts.isEmpty()) {
                throw new VigilException(ErrorKind.NOT_FOUND, "camera " + request.camera() + ": no key frame in "
                        + Interval.of(request.from(), request.to()) + " (" + sources.size() + " recording(s) read)");
            }
            List<Interval> gaps = Coverage.of(Interval.of(request.from(), request.to()),
                    sources.stream().map(Recording::interval).toList(), gapTolerance).gaps();
            ExportManifest manifest = new ExportManifest(request.camera(), request.from(), request.to(),
                    request.requestedBy(), requestedAt, request.reason(), parts, read, gaps);
            String manifestSha256 = sha256(manifest.toJson());
            audited = true;
            try {
                audit.record(new ExportAuditEntry(request, requestedAt, null, null, parts.size(), manifest.bytes(),
                        manifestSha256));
            } catch (VigilException e) {
                throw new VigilException(ErrorKind.UNAVAILABLE, "the export could not be audited, so it is not"
                        + " released: " + e.getMessage(), e);
            }
            log.info("export by {} of camera {} {} (reason: {}): {} part(s), {} pictures, {} bytes from {} source(s),"
                            + " {} gap(s); manifest sha256 {}", request.requestedBy(), request.camera(),
                    Interval.of(request.from(), request.to()), request.reason(), parts.size(), manifest.pictures(),
                    manifest.bytes(), read.size(), gaps.size(), manifestSha256);
            return manifest;
        } catch (RuntimeException | Error e) {
            assembler.abort();
            if (!audited) {
                recordFailure(request, requestedAt, e);
            }
            log.warn("export by {} of camera {} {} (reason: {}) failed: {}", request.requestedBy(), request.camera(),
                    Interval.of(request.from(), request.to()), request.reason(), e.getMessage());
            throw e;
        }
    }

    /** The rows of the range in time order, checked; NOT_FOUND when there are none. */
    private static List<Recording> inRange(ExportRequest request, List<RecordingRow> rows) {
        List<Recording> sources = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (RecordingRow row : rows) {
            Recording r = row.recording();
            if (!r.camera().equals(request.camera())) {
                throw VigilException.invalid("export of camera " + request.camera() + " was given recording "
                        + r.objectKey() + " of camera " + r.camera());
            }
            if (r.end().isAfter(request.from()) && r.start().isBefore(request.to()) && keys.add(r.objectKey())) {
                sources.add(r);
            }
        }
        if (sources.isEmpty()) {
            throw new VigilException(ErrorKind.NOT_FOUND, "camera " + request.camera() + " has no recordings in "
                    + Interval.of(request.from(), request.to()));
        }
        sources.sort(Comparator.comparing(Recording::start).thenComparing(Recording::end));
        return sources;
    }

    /** Streams one object through the assembler, verifying its hash and size. */
    private ExportManifest.Source readSource(Recording source, PartAssembler assembler) {
        String what = bucket + "/" + source.objectKey();
        InputStream raw;
        try {
            raw = store.get(bucket, source.objectKey());
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw new VigilException(ErrorKind.DATA_LOSS, "object " + what + " (sha256 " + source.sha256()
                        + ") is in the catalog but missing from the store", e);
            }
            throw e;
        }
        try (VerifyingInputStream verifying = new VerifyingInputStream(raw)) {
            BufferedInputStream in = new BufferedInputStream(verifying, READ_BUFFER_BYTES);
            try {
                Fmp4Reader reader = Fmp4Reader.open(in);
                assembler.beginSource(source.start(), reader.track());
                boolean wanted = true;
                for (Fmp4Reader.Fragment f; wanted && (f = reader.nextFragment()) != null; ) {
                    for (Fmp4Reader.Sample sample : f.samples()) {
                        if (!(wanted = assembler.accept(sample))) {
                            break;
                        }
                    }
                }
            } catch (VigilException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
                verify(source, what, verifying); // a damaged object is reported as such first
                throw new VigilException(e.kind(), what + ": " + e.getMessage(), e);
            }
            in.transferTo(java.io.OutputStream.nullOutputStream()); // the rest, for the digest
            verify(source, what, verifying);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "reading " + what + " failed: " + e.getMessage(), e);
        }
        return new ExportManifest.Source(bucket, source.objectKey(), source.sha256(), source.bytes(), source.start(),
                source.end(), true);
    }

    private static void verify(Recording source, String what, VerifyingInputStream read) {
        String sha256 = read.sha256();
        if (!sha256.equals(source.sha256()) || read.bytes() != source.bytes()) {
            throw new VigilException(ErrorKind.DATA_LOSS, "object " + what + " does not match the catalog: "
                    + read.bytes() + " bytes with sha256 " + sha256 + ", the catalog says " + source.bytes()
                    + " bytes with sha256 " + source.sha256() + " (altered or damaged since it was recorded)");
        }
    }

    private void recordFailure(ExportRequest request, Instant requestedAt, Throwable e) {
        ErrorKind kind = e instanceof VigilException v ? v.kind() : ErrorKind.INTERNAL;
        String message = String.valueOf(e.getMessage());
        try {
            audit.record(new ExportAuditEntry(request, requestedAt, kind,
                    message.length() > 1000 ? message.substring(0, 1000) : message, 0, 0, null));
        } catch (RuntimeException auditFailure) {
            log.error("export by {} of camera {} failed and could not be audited either: {}", request.requestedBy(),
                    request.camera(), auditFailure.getMessage());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
