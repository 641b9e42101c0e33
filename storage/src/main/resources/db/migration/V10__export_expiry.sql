-- Vigil catalog, version 10: evidence exports' files are removed, by retention after
-- retention.exportDays ('expired', expired_at) or through DELETE /api/v1/exports/{id} ('deleted',
-- deleted_at). The job's row and its export_job_files rows stay: the record of what was exported,
-- with each file's SHA-256. Same portability rules as V1 (PostgreSQL and H2 in MODE=PostgreSQL).
ALTER TABLE export_jobs ADD COLUMN expired_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE export_jobs ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE export_jobs DROP CONSTRAINT export_jobs_state_ck;
ALTER TABLE export_jobs ADD CONSTRAINT export_jobs_state_ck
    CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired', 'deleted'));

ALTER TABLE export_jobs DROP CONSTRAINT export_jobs_error_ck;
ALTER TABLE export_jobs ADD CONSTRAINT export_jobs_error_ck CHECK (
    (state = 'failed' AND error_kind IS NOT NULL AND finished_at IS NOT NULL)
    OR (state IN ('done', 'expired', 'deleted') AND error_kind IS NULL AND finished_at IS NOT NULL)
    OR (state IN ('queued', 'running') AND error_kind IS NULL AND finished_at IS NULL));

ALTER TABLE export_jobs ADD CONSTRAINT export_jobs_removed_ck CHECK (
    (state = 'expired' AND expired_at IS NOT NULL AND deleted_at IS NULL)
    OR (state = 'deleted' AND deleted_at IS NOT NULL AND expired_at IS NULL)
    OR (state NOT IN ('expired', 'deleted') AND expired_at IS NULL AND deleted_at IS NULL));

-- Retention's selection: done jobs by the time they finished.
CREATE INDEX export_jobs_state_finished_idx ON export_jobs (state, finished_at, id);
