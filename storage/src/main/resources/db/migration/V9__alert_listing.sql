-- Vigil catalog, version 9: the operators' alert listing (GET /api/v1/alerts). Pages are read
-- newest first by (event_start, alert_id); the site filter (and every site-limited token) reads
-- one site's alerts in that order. Same portability rules as V1 (PostgreSQL and H2 in
-- MODE=PostgreSQL). V7 is reserved for the integrators' config store.
CREATE INDEX alerts_start_id_idx ON alerts (event_start, alert_id);
CREATE INDEX alerts_site_start_idx ON alerts (site_id, event_start, alert_id);
