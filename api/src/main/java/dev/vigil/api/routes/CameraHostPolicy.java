package dev.vigil.api.routes;

import dev.vigil.api.http.FieldError;
import dev.vigil.core.access.CameraNetworks;
import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Keeps the cameras the API is given inside {@code api.cameraNetworks}: the host of a camera's URL
 * must be an address in one of them, or a name all of whose addresses are. Checked when a camera
 * is added or changed and again before each test.
 *
 * <p>Implementation note: a name is resolved here and again when Vigil connects, so a DNS server
 * that answers differently the second time (rebinding) could still redirect a connection; use IP
 * addresses in camera URLs where the DNS is not trusted.
 */
public final class CameraHostPolicy {
    /** Resolves a host name to its addresses (DNS); {@code InetAddress::getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final CameraNetworks networks;
    private final Resolver resolver;

    public CameraHostPolicy(CameraNetworks networks, Resolver resolver) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * @throws VigilException FAILED_PRECONDITION when no camera network is configured;
     *     {@link FieldError} on {@code url} when the host is outside them or does not resolve
     */
    public void check(String url) {
        if (networks.isEmpty()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "api.cameraNetworks is empty: the API may add"
                    + " no camera until the networks cameras live in are configured");
        }
        String host = hostOf(url);
        InetAddress literal = CameraNetworks.literal(host);
        InetAddress[] addresses;
        if (literal != null) {
            addresses = new InetAddress[] {literal};
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new FieldError("url", "url: host " + host + " does not resolve");
            }
        }
        for (InetAddress a : addresses) {
            if (!networks.contains(a)) {
                throw new FieldError("url", "url: " + (literal != null ? "host " + host : host + " resolves to "
                        + a.getHostAddress() + ", which") + " is outside the camera networks " + networks);
            }
        }
    }

    private static String hostOf(String url) {
        try {
            return ManagedCamera.hostOf(url);
        } catch (VigilException e) {
            throw new FieldError("url", e.getMessage());
        }
    }
}
