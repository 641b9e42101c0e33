package dev.vigil.ingest.onvif;

import java.net.URI;
import java.util.Objects;

/**
 * Where a device's services are (from GetServices, or GetCapabilities on older devices); a service
 * the device does not offer is {@code null}.
 *
 * @param device the device service
 * @param media Media (ver10)
 * @param media2 Media2 (ver20), preferred when present
 * @param events the event service (PullPoint subscriptions)
 */
public record ServiceAddresses(URI device, URI media, URI media2, URI events) {
    public ServiceAddresses {
        Objects.requireNonNull(device, "device");
    }

    /** The same services with every address passed through {@code rewrite} (quirk 43). */
    public ServiceAddresses map(java.util.function.UnaryOperator<URI> rewrite) {
        return new ServiceAddresses(rewrite.apply(device), media == null ? null : rewrite.apply(media),
                media2 == null ? null : rewrite.apply(media2), events == null ? null : rewrite.apply(events));
    }
}
