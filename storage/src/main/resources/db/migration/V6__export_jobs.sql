-- Vigil catalog, version 6: evidence export jobs asked for through the API (POST /api/v1/exports)
-- and the files each produced. Same portability rules as V1 (PostgreSQL and H2 in MODE=PostgreSQL).
-- A job is run by the node that accepted it (node_id); its files live in the exports bucket under
-- exports/<id>/<name>, so any node can report on it and serve them. Every run is also audited in
-- the exports table (V3) and the audit log (V5).
CREATE TABLE export_jobs (
    id            VARCHAR(32)      NOT NULL,
    camera_id     VARCHAR(64)      NOT NULL,
    from_ts       TIMESTAMP WITH TIME ZONE NOT NULL,
    to_ts         TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by  VARCHAR(200)     NOT NULL,
    reason        VARCHAR(1000)    NOT NULL,
    state         VARCHAR(16)      NOT NULL,
    progress      DOUBLE PRECISION NOT NULL,
    node_id       VARCHAR(64)      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    error_kind    VARCHAR(32),
    error_message VARCHAR(1000),
    CONSTRAINT export_jobs_pk PRIMARY KEY (id),
    CONSTRAINT export_jobs_state_ck CHECK (state IN ('queued', 'running', 'done', 'failed')),
    CONSTRAINT export_jobs_error_ck CHECK (
        (state = 'failed' AND error_kind IS NOT NULL AND finished_at IS NOT NULL)
        OR (state = 'done' AND error_kind IS NULL AND finished_at IS NOT NULL)
        OR (state IN ('queued', 'running') AND error_kind IS NULL AND finished_at IS NULL)),
    CONSTRAINT export_jobs_range_ck CHECK (to_ts > from_ts),
    CONSTRAINT export_jobs_progress_ck CHECK (progress >= 0 AND progress <= 1)
);

-- A restarted node fails the jobs it was running; listing by time.
CREATE INDEX export_jobs_node_state_idx ON export_jobs (node_id, state);
CREATE INDEX export_jobs_created_idx ON export_jobs (created_at);

CREATE TABLE export_job_files (
    job_id VARCHAR(32)  NOT NULL,
    seq    INTEGER      NOT NULL,
    name   VARCHAR(128) NOT NULL,
    kind   VARCHAR(16)  NOT NULL,
    bytes  BIGINT       NOT NULL,
    sha256 CHAR(64)     NOT NULL,
    CONSTRAINT export_job_files_pk PRIMARY KEY (job_id, seq),
    CONSTRAINT export_job_files_name_uq UNIQUE (job_id, name),
    CONSTRAINT export_job_files_job_fk FOREIGN KEY (job_id) REFERENCES export_jobs (id),
    CONSTRAINT export_job_files_kind_ck CHECK (kind IN ('mp4', 'manifest', 'signature')),
    CONSTRAINT export_job_files_bytes_ck CHECK (bytes >= 0)
);
