package dev.vigil.ingest.onvif.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One device that answered a WS-Discovery Probe.
 *
 * @param endpoint the endpoint reference address, e.g. {@code urn:uuid:...}: the device's identity
 * @param xaddrs its device service URLs
 * @param scopes every scope URI it announced
 * @param name the {@code onvif://www.onvif.org/name/...} scope, URL-decoded, or an empty string
 * @param location the {@code .../location/...} scope(s), decoded, joined by {@code "; "}, or empty
 * @param hardware the {@code .../hardware/...} scope, decoded, or empty
 * @param from the address the answer came from ({@code host:port})
 */
public record DiscoveredDevice(String endpoint, List<URI> xaddrs, List<String> scopes, String name, String location,
        String hardware, String from) {
    public DiscoveredDevice {
        Objects.requireNonNull(endpoint, "endpoint");
        xaddrs = List.copyOf(xaddrs);
        scopes = List.copyOf(scopes);
        name = name == null ? "" : name;
        location = location == null ? "" : location;
        hardware = hardware == null ? "" : hardware;
        from = from == null ? "" : from;
    }

    /** This device with the addresses of {@code other} (same endpoint) added, without duplicates. */
    public DiscoveredDevice merge(DiscoveredDevice other) {
        java.util.LinkedHashSet<URI> x = new java.util.LinkedHashSet<>(xaddrs);
        x.addAll(other.xaddrs);
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(scopes);
        s.addAll(other.scopes);
        return new DiscoveredDevice(endpoint, List.copyOf(x), List.copyOf(s), name.isEmpty() ? other.name : name,
                location.isEmpty() ? other.location : location, hardware.isEmpty() ? other.hardware : hardware, from);
    }
}
