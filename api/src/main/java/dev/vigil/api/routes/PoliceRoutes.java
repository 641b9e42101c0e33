package dev.vigil.api.routes;

import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.EvidenceExports;
import dev.vigil.core.port.RecordingPlayback;
import dev.vigil.core.port.RecordingSearch;
import java.util.List;

/**
 * The route groups of recorded video, for the police and the operators: recording search,
 * playback and evidence export jobs.
 */
public final class PoliceRoutes {
    private PoliceRoutes() {}

    public static List<RouteGroup> of(RecordingSearch search, RecordingPlayback playback, EvidenceExports exports,
            AuditLog audit, CameraSites sites) {
        return List.of(new RecordingSearchRoutes(search, audit), new PlaybackRoutes(playback, audit),
                new ExportRoutes(exports, audit, sites));
    }
}
