package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The export_jobs and export_job_files tables (migrations V6, V10): evidence export jobs and their
 * files. State moves only forward ({@code queued -> running -> done | failed}, then
 * {@code done -> expired | deleted} when the files are removed); every update names the state it
 * expects, so a late update of a job failed or removed meanwhile changes nothing. The file rows of
 * an expired or deleted job stay, as the record of what was exported. Thread-safe; each
 * call borrows a pooled connection. Failures are {@link VigilException}s, UNAVAILABLE when the
 * database cannot be reached.
 */
public final class ExportJobRepository {
    private static final String COLUMNS = "id, camera_id, from_ts, to_ts, requested_by, reason, state, progress,"
            + " created_at, finished_at, error_kind, error_message, expired_at, deleted_at";
    /** Longest error message kept. */
    static final int MAX_MESSAGE = 1000;

    private final DataSource dataSource;

    public ExportJobRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Adds a new queued job, run by node {@code nodeId}. */
    public void insert(ExportJob job, String nodeId) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(nodeId, "nodeId");
        if (job.state() != ExportJob.State.QUEUED) {
            throw new IllegalArgumentException("a new job is queued, not " + job.state());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO export_jobs"
                + " (id, camera_id, from_ts, to_ts, requested_by, reason, state, progress, node_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)")) {
            p.setString(1, job.id());
            p.setString(2, job.order().camera().value());
            setInstant(p, 3, job.order().range().start());
            setInstant(p, 4, job.order().range().end());
            p.setString(5, job.order().requestedBy());
            p.setString(6, job.order().reason());
            p.setString(7, nodeId);
            setInstant(p, 8, job.createdAt());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("catalog: record export job " + job.id(), e);
        }
    }

    /** Marks a queued job running; false if it was not queued. */
    public boolean markRunning(String id) {
        return update("UPDATE export_jobs SET state = 'running' WHERE id = ? AND state = 'queued'", id);
    }

    /** Sets a running job's progress (0..1); false if it is not running. */
    public boolean progress(String id, double progress) {
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be within 0..1, was " + progress);
        }
        String sql = "UPDATE export_jobs SET progress = ? WHERE id = ? AND state = 'running'";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setDouble(1, progress);
            p.setString(2, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("catalog: progress of export job " + id, e);
        }
    }

    /**
     * Records a running job's files and marks it done, in one transaction.
     *
     * @return false if the job was not running (nothing is recorded)
     */
    public boolean finish(String id, List<ExportFile> files, Instant at) {
        String what = "catalog: finish export job " + id;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement p = c.prepareStatement("UPDATE export_jobs SET state = 'done', progress = 1,"
                        + " finished_at = ? WHERE id = ? AND state = 'running'")) {
                    setInstant(p, 1, at);
                    p.setString(2, id);
                    if (p.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO export_job_files (job_id, seq, name, kind,"
                        + " bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < files.size(); i++) {
                        ExportFile f = files.get(i);
                        p.setString(1, id);
                        p.setInt(2, i + 1);
                        p.setString(3, f.name());
                        p.setString(4, f.kind().label());
                        p.setLong(5, f.bytes());
                        p.setString(6, f.sha256());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Marks a queued or running job failed; false if it had finished already. */
    public boolean fail(String id, ErrorKind kind, String message, Instant at) {
        String sql = "UPDATE export_jobs SET state = 'failed', error_kind = ?, error_message = ?, finished_at = ?"
                + " WHERE id = ? AND state IN ('queued', 'running')";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, kind.name());
            p.setString(2, truncate(message));
            setInstant(p, 3, at);
            p.setString(4, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("catalog: fail export job " + id, e);
        }
    }

    /**
     * Fails every queued or running job of node {@code nodeId}: called when the node starts, since
     * a job's work dies with the process that ran it.
     *
     * @return how many jobs were failed
     */
    public int failInterrupted(String nodeId, Instant at) {
        String sql = "UPDATE export_jobs SET state = 'failed', error_kind = 'UNAVAILABLE', error_message = ?,"
                + " finished_at = ? WHERE node_id = ? AND state IN ('queued', 'running')";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, "node " + nodeId + " stopped before the export finished; ask for it again");
            setInstant(p, 2, at);
            p.setString(3, nodeId);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure("catalog: fail the interrupted export jobs of node " + nodeId, e);
        }
    }

    /**
     * Marks a done job's files removed: {@code expired} (by retention) or {@code deleted} (through
     * the API), at {@code at}.
     *
     * @return false if the job was not done (already removed, or never finished): nothing changes
     */
    public boolean markRemoved(String id, ExportJob.State state, Instant at) {
        if (!state.removed()) {
            throw new IllegalArgumentException("removed means expired or deleted, not " + state);
        }
        String column = state == ExportJob.State.EXPIRED ? "expired_at" : "deleted_at";
        String sql = "UPDATE export_jobs SET state = ?, " + column + " = ? WHERE id = ? AND state = 'done'";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, state.label());
            setInstant(p, 2, at);
            p.setString(3, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("catalog: mark export job " + id + " " + state.label(), e);
        }
    }

    /**
     * Done jobs that finished at or before {@code cutoff}, oldest first, after {@code cursor}
     * (the last job of the previous batch, or {@code null}), with their files: what retention may
     * expire. Queued, running, failed and already removed jobs are never listed.
     *
     * @param limit at most this many, 1..{@value RetentionRepository#MAX_BATCH}
     */
    public List<ExportJob> doneBefore(Instant cutoff, ExportJob cursor, int limit) {
        if (limit < 1 || limit > RetentionRepository.MAX_BATCH) {
            throw new IllegalArgumentException("limit must be within 1.." + RetentionRepository.MAX_BATCH + ", was "
                    + limit);
        }
        String sql = "SELECT id FROM export_jobs WHERE state = 'done' AND finished_at <= ?"
                + (cursor == null ? "" : " AND (finished_at > ? OR (finished_at = ? AND id > ?))")
                + " ORDER BY finished_at, id LIMIT " + limit;
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            setInstant(p, 1, cutoff);
            if (cursor != null) {
                setInstant(p, 2, cursor.finishedAt());
                setInstant(p, 3, cursor.finishedAt());
                p.setString(4, cursor.id());
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("catalog: export jobs done before " + cutoff, e);
        }
        List<ExportJob> jobs = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(id).filter(j -> j.state() == ExportJob.State.DONE).ifPresent(jobs::add);
        }
        return jobs;
    }

    /** The job with this id, with its files. */
    public Optional<ExportJob> find(String id) {
        String what = "catalog: export job " + id;
        try (Connection c = dataSource.getConnection()) {
            ExportJob job;
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM export_jobs WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    job = read(rs, List.of());
                }
            }
            if (job.state() != ExportJob.State.DONE && !job.state().removed()) {
                return Optional.of(job);
            }
            List<ExportFile> files = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name, kind, bytes, sha256 FROM export_job_files"
                    + " WHERE job_id = ? ORDER BY seq")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        files.add(new ExportFile(rs.getString("name"),
                                ExportFile.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                                rs.getLong("bytes"), rs.getString("sha256")));
                    }
                }
            }
            return Optional.of(new ExportJob(job.id(), job.order(), job.state(), job.progress(), job.createdAt(),
                    job.finishedAt(), files, null, null, job.removedAt()));
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private boolean update(String sql, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("catalog: update export job " + id, e);
        }
    }

    private static ExportJob read(ResultSet rs, List<ExportFile> files) throws SQLException {
        ExportOrder order = new ExportOrder(CameraId.of(rs.getString("camera_id")),
                TimeRange.of(getInstant(rs, "from_ts"), getInstant(rs, "to_ts")), rs.getString("requested_by"),
                rs.getString("reason"));
        String error = rs.getString("error_kind");
        Instant expired = getInstant(rs, "expired_at");
        return new ExportJob(rs.getString("id"), order, ExportJob.State.parse(rs.getString("state")),
                rs.getDouble("progress"), getInstant(rs, "created_at"), getInstant(rs, "finished_at"), files,
                error == null ? null : ErrorKind.valueOf(error), rs.getString("error_message"),
                expired != null ? expired : getInstant(rs, "deleted_at"));
    }

    private static String truncate(String message) {
        String m = message == null ? "(no message)" : message;
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) : m;
    }
}
