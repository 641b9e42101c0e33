package dev.vigil.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ExportAuditRepository;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.catalog.TestCatalogs;
import dev.vigil.storage.object.MemoryObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export jobs on a real (H2) catalog with segments in an in-memory store: a job runs to done, its
 * stored files verify offline with the node's key; jobs without recordings or with an altered
 * segment fail with the reason and leave nothing; a node's unfinished jobs fail at its next start.
 */
@Timeout(120)
class ExportJobRunnerIT {
    private static final String EXPORTS = "vigil-exports";

    @TempDir
    Path dir;
    private TestCatalogs catalogs;
    private Catalog catalog;
    private ExportJobRepository jobs;
    private ExportSigningKey key;
    private ExportJobRunner runner;
    private final ExportServiceTest segments = new ExportServiceTest();

    @BeforeEach
    void open() {
        catalogs = new TestCatalogs(dir);
        catalog = catalogs.open("h2");
        jobs = new ExportJobRepository(catalog.dataSource());
        key = ExportSigningKey.loadOrCreate(dir.resolve("data"));
        MemoryObjectStore store = segments.store();
        store.ensureBucket(ExportServiceTest.BUCKET);
        store.ensureBucket(EXPORTS);
        RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
        for (RecordingRow row : List.of(
                segments.segment("a.mp4", ExportServiceTest.T0, 0, 100, ExportServiceTest.H264),
                segments.segment("b.mp4", ExportServiceTest.T0.plusSeconds(10), 100, 100, ExportServiceTest.H264))) {
            recordings.insert(row.recording());
        }
        runner = new ExportJobRunner(jobs, recordings, new ExportService(store, ExportServiceTest.BUCKET,
                new ExportAuditRepository(catalog.dataSource()), Clock.systemUTC()), store, EXPORTS, key,
                dir.resolve("data/exports"), "node-1", Clock.systemUTC()).start();
    }

    @AfterEach
    void close() throws Exception {
        runner.close();
        catalog.close();
        catalogs.close();
    }

    @Test
    void aJobRunsToSignedFilesThatVerifyOffline() throws Exception {
        ExportJob queued = runner.submit(order(5, 15), job -> { });
        assertEquals(ExportJob.State.QUEUED, queued.state());
        assertTrue(queued.id().matches("x[a-z2-7]{20}"), queued.id());
        ExportJob done = awaitEnd(queued.id());
        assertEquals(ExportJob.State.DONE, done.state(), String.valueOf(done.errorMessage()));
        assertEquals(1.0, done.progress());
        assertEquals(List.of("gate-3_20260301T100005Z.mp4", "gate-3_20260301T100005Z.mp4.manifest.json",
                "gate-3_20260301T100005Z.mp4.manifest.json.sig"), done.files().stream().map(ExportFile::name).toList());
        assertEquals(List.of(ExportFile.Kind.MP4, ExportFile.Kind.MANIFEST, ExportFile.Kind.SIGNATURE),
                done.files().stream().map(ExportFile::kind).toList());

        Path out = Files.createDirectories(dir.resolve("downloaded"));
        for (ExportFile f : done.files()) {
            ExportDownload download = runner.download(done.id(), f.name());
            try (InputStream in = download.open(0, f.bytes())) {
                Files.copy(in, out.resolve(f.name()));
            }
            assertEquals(f.sha256(), ManifestSignature.sha256(Files.readAllBytes(out.resolve(f.name()))), f.name());
        }
        ExportVerifier.Report report = ExportVerifier.verify(out.resolve(done.files().get(0).name()),
                out.resolve(done.files().get(1).name()), out.resolve(done.files().get(2).name()), key.publicKey());
        assertEquals(ExportVerifier.Outcome.VERIFIED, report.outcome(), report.lines().toString());
        assertTrue(Files.readString(out.resolve(done.files().get(1).name())).contains("\"reason\" : \"CASE-7\""));
        try (Stream<Path> left = Files.list(dir.resolve("data/exports"))) {
            assertEquals(List.of(), left.toList(), "the work folder is emptied");
        }
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                () -> runner.download(done.id(), "other.mp4")).kind());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> runner.find("../../etc")).kind());
        assertFalse(runner.find("x" + "a".repeat(20)).isPresent());
    }

    @Test
    void failuresAreRecordedWithTheirReasonAndLeaveNothing() throws Exception {
        ExportJob none = awaitEnd(runner.submit(order(100, 200), job -> { }).id());
        assertEquals(ExportJob.State.FAILED, none.state());
        assertEquals(ErrorKind.NOT_FOUND, none.error());
        assertTrue(none.errorMessage().contains("no recordings"), none.errorMessage());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                () -> runner.download(none.id(), "x.mp4")).kind());

        byte[] a = segments.store().objects.get(ExportServiceTest.BUCKET + "/a.mp4");
        a[a.length - 5] ^= 1;
        ExportJob altered = awaitEnd(runner.submit(order(5, 15), job -> { }).id());
        assertEquals(ExportJob.State.FAILED, altered.state());
        assertEquals(ErrorKind.DATA_LOSS, altered.error());
        assertTrue(altered.errorMessage().contains("a.mp4"), altered.errorMessage());
        assertEquals(List.of(), segments.store().objects.keySet().stream().filter(k -> k.startsWith(EXPORTS)).toList());
    }

    @Test
    void aJobThatCannotBeAuditedNeverRuns() {
        String[] id = new String[1];
        VigilException refused = assertThrows(VigilException.class, () -> runner.submit(order(5, 15), job -> {
            id[0] = job.id();
            throw new VigilException(ErrorKind.UNAVAILABLE, "audit log unreachable");
        }));
        assertEquals("audit log unreachable", refused.getMessage());
        ExportJob job = runner.find(id[0]).orElseThrow();
        assertEquals(ExportJob.State.FAILED, job.state());
        assertEquals("not started: audit log unreachable", job.errorMessage());
        assertEquals(List.of(), segments.store().objects.keySet().stream().filter(k -> k.startsWith(EXPORTS)).toList());
    }

    @Test
    void aDoneJobIsDeletedOnceAfterItsAuditAndItsFilesAreGoneFor410() throws Exception {
        ExportJob done = awaitEnd(runner.submit(order(5, 15), job -> { }).id());
        assertEquals(ExportJob.State.DONE, done.state());
        assertEquals(3, exportKeys().size());

        VigilException unaudited = assertThrows(VigilException.class, () -> runner.delete(done.id(), job -> {
            throw new VigilException(ErrorKind.UNAVAILABLE, "audit log unreachable");
        }));
        assertEquals(ErrorKind.UNAVAILABLE, unaudited.kind());
        assertEquals(3, exportKeys().size(), "a deletion that cannot be audited does not happen");
        assertEquals(ExportJob.State.DONE, runner.find(done.id()).orElseThrow().state());

        ExportDownload started = runner.download(done.id(), done.files().get(0).name()); // looked up before the delete
        List<String> audited = new java.util.ArrayList<>();
        ExportJob deleted = runner.delete(done.id(), job -> audited.add(job.id()));
        assertEquals(ErrorKind.GONE, assertThrows(VigilException.class, () -> started.open(0, 10)).kind(),
                "a download looked up before the delete reads gone, not not-found");
        assertEquals(List.of(done.id()), audited);
        assertEquals(ExportJob.State.DELETED, deleted.state());
        assertTrue(deleted.removedAt() != null);
        assertEquals(done.files(), deleted.files());
        assertEquals(List.of(), exportKeys());
        VigilException gone = assertThrows(VigilException.class,
                () -> runner.download(done.id(), done.files().get(0).name()));
        assertEquals(ErrorKind.GONE, gone.kind());
        assertTrue(gone.getMessage().contains("was deleted at"), gone.getMessage());

        assertEquals(deleted, runner.delete(done.id(), job -> audited.add("again")), "idempotent");
        assertEquals(List.of(done.id()), audited, "nothing deleted the second time, so no audit");

        ExportJob queued = new ExportJob("x" + "d".repeat(20), order(5, 15), ExportJob.State.QUEUED, 0,
                Instant.now(), null, List.of(), null, null);
        jobs.insert(queued, "node-9");
        assertEquals(ErrorKind.FAILED_PRECONDITION, assertThrows(VigilException.class,
                () -> runner.delete(queued.id(), job -> { })).kind());
        jobs.markRunning(queued.id());
        assertEquals(ErrorKind.FAILED_PRECONDITION, assertThrows(VigilException.class,
                () -> runner.delete(queued.id(), job -> { })).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                () -> runner.delete("x" + "e".repeat(20), job -> { })).kind());
    }

    private List<String> exportKeys() {
        return segments.store().objects.keySet().stream().filter(k -> k.startsWith(EXPORTS + "/")).toList();
    }

    @Test
    void aNodesUnfinishedJobsFailWhenItStartsAgain() {
        ExportJob orphan = new ExportJob("x" + "b".repeat(20), order(5, 15), ExportJob.State.QUEUED, 0,
                Instant.now(), null, List.of(), null, null);
        jobs.insert(orphan, "node-1");
        jobs.markRunning(orphan.id());
        ExportJob other = new ExportJob("x" + "c".repeat(20), order(5, 15), ExportJob.State.QUEUED, 0,
                Instant.now(), null, List.of(), null, null);
        jobs.insert(other, "node-2");
        runner.start();
        ExportJob failed = runner.find(orphan.id()).orElseThrow();
        assertEquals(ExportJob.State.FAILED, failed.state());
        assertEquals(ErrorKind.UNAVAILABLE, failed.error());
        assertTrue(failed.errorMessage().contains("node-1 stopped"), failed.errorMessage());
        assertEquals(ExportJob.State.QUEUED, runner.find(other.id()).orElseThrow().state(), "another node's job");
    }

    private static ExportOrder order(int fromSecond, int toSecond) {
        return new ExportOrder(CameraId.of("gate-3"), TimeRange.of(ExportServiceTest.T0.plusSeconds(fromSecond),
                ExportServiceTest.T0.plusSeconds(toSecond)), "insp.tran (token t1)", "CASE-7");
    }

    private ExportJob awaitEnd(String id) throws InterruptedException {
        while (true) {
            ExportJob job = runner.find(id).orElseThrow();
            if (job.state() == ExportJob.State.DONE || job.state() == ExportJob.State.FAILED) {
                return job;
            }
            Thread.sleep(50);
        }
    }
}
