package dev.vigil.app.alerts;

import java.util.UUID;

/**
 * The URLs alerts give for their snapshot and clip: {@code {base}/api/v1/alerts/{alertId}/snapshot}
 * and {@code .../clip}, where the API serves them. An empty base gives paths.
 *
 * @param base {@code alerts.publicUrl} without a trailing slash, or {@code ""}
 */
record AlertUrls(String base) {
    AlertUrls {
        base = base == null ? "" : base;
    }

    String snapshot(UUID alertId) {
        return base + "/api/v1/alerts/" + alertId + "/snapshot";
    }

    String clip(UUID alertId) {
        return base + "/api/v1/alerts/" + alertId + "/clip";
    }
}
