package dev.vigil.ingest.onvif;

import java.net.URI;
import java.util.Objects;

/**
 * The streams of an ONVIF camera as resolved at one moment.
 *
 * @param recordUri RTSP URI of the recorded (main) profile, quirk 43 applied
 * @param detectUri RTSP URI of the analysed (sub) profile; equals {@code recordUri} when there is one profile
 * @param choice which profiles these are
 * @param services where the device's services are (for events)
 */
public record StreamResolution(URI recordUri, URI detectUri, ProfileChoice choice, ServiceAddresses services) {
    public StreamResolution {
        Objects.requireNonNull(recordUri, "recordUri");
        Objects.requireNonNull(detectUri, "detectUri");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(services, "services");
    }
}
