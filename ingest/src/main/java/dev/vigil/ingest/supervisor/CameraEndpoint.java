package dev.vigil.ingest.supervisor;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.RtspUrl;
import java.util.Objects;

/**
 * What a {@link CameraSupervisor} connects to. {@link #toString()} never shows a password.
 *
 * @param camera the camera's id
 * @param url the stream URL; credentials embedded in it are used when {@code credentials} is null
 * @param credentials login for a 401, or {@code null}
 * @param transport {@code tcp}, {@code udp}, or {@code auto}: TCP interleaved first, then UDP when
 *     the camera refuses TCP (461, quirk 37) or plays without sending anything
 * @param quirk a known server misbehaviour to work around; {@code NONE} for standard cameras
 */
public record CameraEndpoint(CameraId camera, RtspUrl url, Credentials credentials, Transport transport,
        QuirkPolicy quirk) {
    public CameraEndpoint {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(quirk, "quirk");
        if (credentials == null) {
            credentials = url.embedded();
        }
    }

    /** A standard camera pulled over {@code transport}. */
    public static CameraEndpoint of(CameraId camera, RtspUrl url, Credentials credentials, Transport transport) {
        return new CameraEndpoint(camera, url, credentials, transport, QuirkPolicy.NONE);
    }

    @Override
    public String toString() {
        return "CameraEndpoint[" + camera + " " + url + " " + transport + (quirk == QuirkPolicy.NONE ? "" : " " + quirk)
                + "]";
    }
}
