package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Export jobs' removal (V10) on H2 and PostgreSQL: which jobs retention selects (done and old
 * enough, oldest first, paged by a cursor), marking them expired or deleted once, what a removed
 * job reads back as, and the constraints that keep a row's state and times consistent.
 */
@Timeout(180)
class ExportJobRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void doneJobsAreSelectedByWhenTheyFinishedAndRemovedOnce(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            ExportJobRepository jobs = new ExportJobRepository(catalog.dataSource());
            ExportJob a = done(jobs, 'a', T0.plusSeconds(10));
            ExportJob b = done(jobs, 'b', T0.plusSeconds(20));
            ExportJob c = done(jobs, 'c', T0.plusSeconds(20)); // same finish as b: the id breaks the tie
            ExportJob d = done(jobs, 'd', T0.plusSeconds(40));
            ExportJob running = queued(jobs, 'r');
            jobs.markRunning(running.id());
            queued(jobs, 'q');
            ExportJob failed = queued(jobs, 'f');
            jobs.fail(failed.id(), ErrorKind.NOT_FOUND, "no recordings", T0);

            Instant cutoff = T0.plusSeconds(20);
            assertEquals(List.of(a.id(), b.id(), c.id()), ids(jobs.doneBefore(cutoff, null, 10)), "finished <= cutoff");
            List<ExportJob> first = jobs.doneBefore(cutoff, null, 2);
            assertEquals(List.of(a.id(), b.id()), ids(first));
            assertEquals(List.of(c.id()), ids(jobs.doneBefore(cutoff, first.get(1), 2)));
            assertEquals(3, first.get(0).files().size(), "with their files");
            assertEquals(List.of(a.id(), b.id(), c.id(), d.id()), ids(jobs.doneBefore(T0.plusSeconds(86_400), null, 10)),
                    "never the queued, running or failed ones");

            Instant at = T0.plusSeconds(3600);
            assertTrue(jobs.markRemoved(a.id(), ExportJob.State.EXPIRED, at));
            assertFalse(jobs.markRemoved(a.id(), ExportJob.State.DELETED, at.plusSeconds(1)), "once");
            assertTrue(jobs.markRemoved(b.id(), ExportJob.State.DELETED, at.plusSeconds(2)));
            assertFalse(jobs.markRemoved(running.id(), ExportJob.State.EXPIRED, at), "a running job is never removed");
            assertFalse(jobs.markRemoved(failed.id(), ExportJob.State.EXPIRED, at));
            assertThrows(IllegalArgumentException.class, () -> jobs.markRemoved(c.id(), ExportJob.State.DONE, at));

            ExportJob expired = jobs.find(a.id()).orElseThrow();
            assertEquals(ExportJob.State.EXPIRED, expired.state());
            assertEquals(at, expired.removedAt());
            assertEquals(a.files(), expired.files());
            assertEquals(a.finishedAt(), expired.finishedAt());
            ExportJob deleted = jobs.find(b.id()).orElseThrow();
            assertEquals(ExportJob.State.DELETED, deleted.state());
            assertEquals(at.plusSeconds(2), deleted.removedAt());
            assertEquals(ExportJob.State.RUNNING, jobs.find(running.id()).orElseThrow().state());
            assertEquals(List.of(c.id()), ids(jobs.doneBefore(cutoff, null, 10)), "removed jobs are not selected again");

            try (Connection conn = catalog.dataSource().getConnection(); Statement s = conn.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE export_jobs SET state = 'expired'"
                        + " WHERE id = '" + c.id() + "'"), "expired needs expired_at");
                assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE export_jobs SET expired_at = finished_at"
                        + " WHERE id = '" + c.id() + "'"), "a done job has no expired_at");
                assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE export_jobs SET state = 'gone'"
                        + " WHERE id = '" + c.id() + "'"));
            }
        }
    }

    private static List<String> ids(List<ExportJob> jobs) {
        return jobs.stream().map(ExportJob::id).toList();
    }

    private static ExportJob queued(ExportJobRepository jobs, char c) {
        ExportOrder order = new ExportOrder(CameraId.of("gate-3"), TimeRange.of(T0.minusSeconds(600), T0.minusSeconds(60)),
                "insp.tran (token t1)", "CASE-" + c);
        ExportJob job = new ExportJob("x" + String.valueOf(c).repeat(20), order, ExportJob.State.QUEUED, 0, T0, null,
                List.of(), null, null);
        jobs.insert(job, "node-1");
        return job;
    }

    private static ExportJob done(ExportJobRepository jobs, char c, Instant finishedAt) {
        ExportJob job = queued(jobs, c);
        jobs.markRunning(job.id());
        assertTrue(jobs.finish(job.id(), List.of(
                new ExportFile("gate-3.mp4", ExportFile.Kind.MP4, 1000, "1".repeat(64)),
                new ExportFile("gate-3.mp4.manifest.json", ExportFile.Kind.MANIFEST, 200, "2".repeat(64)),
                new ExportFile("gate-3.mp4.manifest.json.sig", ExportFile.Kind.SIGNATURE, 300, "3".repeat(64))),
                finishedAt));
        return jobs.find(job.id()).orElseThrow();
    }
}
