-- Vigil catalog, version 8 (7 is taken by the integrators' config store on its branch): the recording search reads an index only. Same portability rules as
-- V1 (PostgreSQL and H2 in MODE=PostgreSQL: no INCLUDE clause, so the columns are key columns).
-- The search (CatalogRecordingSearch) needs per cell and time range only the columns below; with
-- V2's (cell, start_ts) each matching row cost a visit to the table, whose rows lie in recording
-- order, one page per camera-minute. RecordingSearchRun, 1 km and one hour (README, Police):
-- PostgreSQL 10 M rows p50 46.8 -> 10.2 ms, H2 1 M rows 30 -> 3 ms. This index has
-- (cell, start_ts) as its prefix, so it also serves every query V2's index served.
CREATE INDEX recordings_cell_search_idx
    ON recordings (cell, start_ts, end_ts, lat, lon, camera_id, site_id, camera_kind, heading);
DROP INDEX recordings_cell_start_idx;
