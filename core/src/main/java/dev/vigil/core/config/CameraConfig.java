package dev.vigil.core.config;

import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.core.model.Transport;

/**
 * One camera.
 *
 * @param id required, unique; [A-Za-z0-9_.-], 1-64 characters
 * @param site required; the id of a configured site
 * @param name display name; default the id
 * @param kind {@code traffic}, {@code security} (default) or {@code quarantine}
 * @param url {@code rtsp://} or {@code rtsps://} URL of the main stream, without credentials; a camera
 *     has either {@code url} or {@code onvif}
 * @param detectUrl optional sub-stream for analytics; default the main stream (not used with {@code onvif})
 * @param transport {@code auto} (default), {@code tcp} or {@code udp}
 * @param credentials optional login (user and the environment variable with the password)
 * @param location where the camera is; optional but needed for area search
 * @param record recording settings
 * @param analytics analytics settings
 * @param enabled default true
 * @param quirk {@code none} (default) or a known server misbehaviour to work around, e.g. {@code old-live555}
 * @param onvif instead of {@code url}: the ONVIF device whose stream URIs Vigil resolves at start
 */
public record CameraConfig(
        String id,
        String site,
        String name,
        CameraKind kind,
        String url,
        String detectUrl,
        Transport transport,
        CredentialsConfig credentials,
        LocationConfig location,
        RecordConfig record,
        AnalyticsConfig analytics,
        Boolean enabled,
        QuirkPolicy quirk,
        OnvifConfig onvif) {

    public CameraConfig {
        name = ConfigDefaults.orDefault(name, id);
        kind = ConfigDefaults.orDefault(kind, CameraKind.SECURITY);
        transport = ConfigDefaults.orDefault(transport, Transport.AUTO);
        record = record != null ? record : RecordConfig.defaults();
        analytics = analytics != null ? analytics : AnalyticsConfig.defaults();
        enabled = ConfigDefaults.orDefault(enabled, Boolean.TRUE);
        quirk = ConfigDefaults.orDefault(quirk, QuirkPolicy.NONE);
    }

    /** A camera with a fixed RTSP URL (no ONVIF) and no quirk policy. */
    public CameraConfig(String id, String site, String name, CameraKind kind, String url, String detectUrl,
            Transport transport, CredentialsConfig credentials, LocationConfig location, RecordConfig record,
            AnalyticsConfig analytics, Boolean enabled) {
        this(id, site, name, kind, url, detectUrl, transport, credentials, location, record, analytics, enabled,
                null, null);
    }

    /** A camera with a fixed RTSP URL (no ONVIF) and the given quirk policy. */
    public CameraConfig(String id, String site, String name, CameraKind kind, String url, String detectUrl,
            Transport transport, CredentialsConfig credentials, LocationConfig location, RecordConfig record,
            AnalyticsConfig analytics, Boolean enabled, QuirkPolicy quirk) {
        this(id, site, name, kind, url, detectUrl, transport, credentials, location, record, analytics, enabled,
                quirk, null);
    }

    /** This camera with its stream URLs set, e.g. once resolved through ONVIF; everything else kept. */
    public CameraConfig withStreams(String mainUrl, String detectStreamUrl) {
        return new CameraConfig(id, site, name, kind, mainUrl, detectStreamUrl, transport, credentials, location,
                record, analytics, enabled, quirk, onvif);
    }
}
