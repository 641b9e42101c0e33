-- Vigil catalog, version 7: sites and cameras as integrators manage them (the API and the config
-- file's import), and every version of them. Same portability rules as V1 (PostgreSQL and H2 in
-- MODE=PostgreSQL). V1's sites and cameras tables become the current state: their columns stay
-- what searches read (name, kind, position), and the whole config is kept beside them as the
-- canonical JSON of dev.vigil.core.directory.ConfigJson. Rows without config (written by other
-- means) are not part of the directory.
-- Credentials: a camera's config holds a user name and the NAME of the environment variable with
-- the password; no password is stored anywhere in the catalog.

ALTER TABLE sites ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
ALTER TABLE sites ADD COLUMN config TEXT;
ALTER TABLE sites ADD COLUMN origin VARCHAR(16);
ALTER TABLE sites ADD COLUMN version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sites ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sites ADD COLUMN updated_by VARCHAR(64);
ALTER TABLE sites ADD COLUMN updated_by_name VARCHAR(100);

ALTER TABLE cameras ADD COLUMN config TEXT;
ALTER TABLE cameras ADD COLUMN origin VARCHAR(16);
ALTER TABLE cameras ADD COLUMN version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE cameras ADD COLUMN updated_by VARCHAR(64);
ALTER TABLE cameras ADD COLUMN updated_by_name VARCHAR(100);

-- One row per version of a site or camera, never changed. version counts 1, 2, 3... per subject,
-- going on after a delete and a new create of the same id. changes is the JSON list of
-- {path, before, after} (dev.vigil.core.directory.FieldChange); config the whole config as of this
-- version (NULL for a delete), so any earlier version can be read back.
CREATE TABLE config_versions (
    subject_kind VARCHAR(8)   NOT NULL,
    subject_id   VARCHAR(64)  NOT NULL,
    version      INTEGER      NOT NULL,
    action       VARCHAR(8)   NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(64)  NOT NULL,
    actor_name   VARCHAR(100) NOT NULL,
    changes      TEXT         NOT NULL,
    config       TEXT,
    CONSTRAINT config_versions_pk PRIMARY KEY (subject_kind, subject_id, version),
    CONSTRAINT config_versions_kind_ck CHECK (subject_kind IN ('site', 'camera')),
    CONSTRAINT config_versions_action_ck CHECK (action IN ('create', 'update', 'delete')),
    CONSTRAINT config_versions_version_ck CHECK (version >= 1)
);

-- Everything changed in a period.
CREATE INDEX config_versions_at_idx ON config_versions (at);
