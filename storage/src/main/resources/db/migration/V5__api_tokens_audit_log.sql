-- Vigil catalog, version 5: API tokens and the hash-chained audit log. (V4 is the alerts outbox.)
-- Same portability rules as V1 (PostgreSQL and H2 in MODE=PostgreSQL).

-- One row per API token. The secret itself is never stored: secret_sha256 is the SHA-256 of the
-- 256-bit random secret (see TokenSecret for why a fast hash suffices). sites is the
-- comma-separated list of site ids the token is limited to; empty means every site.
CREATE TABLE api_tokens (
    id            VARCHAR(13)   NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    role          VARCHAR(16)   NOT NULL,
    sites         VARCHAR(4000) NOT NULL,
    secret_sha256 CHAR(64)      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100)  NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_pk PRIMARY KEY (id),
    CONSTRAINT api_tokens_secret_uq UNIQUE (secret_sha256),
    CONSTRAINT api_tokens_role_ck CHECK (role IN ('admin', 'integrator', 'operator', 'police', 'viewer'))
);

-- The audit log: rows are only ever added. Each row's hash is the SHA-256 of its seq, the previous
-- row's hash and its fields (AuditChain); seq runs 1, 2, 3... without gaps.
CREATE TABLE audit_log (
    seq           BIGINT        NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(64)   NOT NULL,
    actor_name    VARCHAR(100)  NOT NULL,
    role          VARCHAR(16),
    action        VARCHAR(32)   NOT NULL,
    camera_id     VARCHAR(64),
    from_ts       TIMESTAMP WITH TIME ZONE,
    to_ts         TIMESTAMP WITH TIME ZONE,
    target        VARCHAR(1024),
    reason        VARCHAR(500),
    remote        VARCHAR(64),
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (seq),
    CONSTRAINT audit_log_seq_ck CHECK (seq >= 1)
);

-- Who looked at a camera, and everything done in a period.
CREATE INDEX audit_log_camera_at_idx ON audit_log (camera_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- The chain's head: one row, locked by each append (SELECT ... FOR UPDATE) so that appends from
-- any number of processes form one chain.
CREATE TABLE audit_head (
    id   INTEGER  NOT NULL,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    CONSTRAINT audit_head_pk PRIMARY KEY (id),
    CONSTRAINT audit_head_one_ck CHECK (id = 1)
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
