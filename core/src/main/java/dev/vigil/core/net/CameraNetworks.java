package dev.vigil.core.net;

import dev.vigil.core.error.VigilException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The networks that cameras configured through the API may be at ({@code api.cameraNetworks}), so
 * that the API cannot be used to make Vigil connect anywhere else (server-side request forgery).
 *
 * <p>An address is permitted when a listed block contains it, with these exceptions that no list
 * lifts: the unspecified addresses ({@code 0.0.0.0/8}, {@code ::}), multicast, the IPv4 broadcast
 * address; and link-local addresses ({@code 169.254.0.0/16}, where cloud metadata services
 * answer, and {@code fe80::/10}) unless a listed block lies inside link-local itself (so
 * {@code 0.0.0.0/0} does not admit them; {@code 169.254.0.0/16} does).
 *
 * <p>A host name is checked by resolving it and requiring every address it resolves to be
 * permitted ({@link #check}). Because a name may resolve differently a moment later (DNS
 * rebinding), the connection itself must also be checked: ingest resolves the name once per
 * connection attempt, checks that address with {@link #permits} and connects to exactly it.
 *
 * <p>Immutable and thread-safe; pure except for the {@link Resolver} a check is given.
 */
public final class CameraNetworks {
    /**
     * The default list: loopback (the demo's simulated cameras, a camera proxy on the node) and the
     * private ranges of RFC 1918 and RFC 4193, where camera networks usually are. Production should
     * list exactly its camera VLANs.
     */
    public static final List<String> DEFAULTS = List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "fc00::/7");

    private static final Cidr LINK_LOCAL_V4 = Cidr.parse("169.254.0.0/16");
    private static final Cidr LINK_LOCAL_V6 = Cidr.parse("fe80::/10");
    private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");

    /** Resolves a host name to every address it has; {@link #SYSTEM} asks the operating system. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The JVM's resolver ({@link InetAddress#getAllByName}). */
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    private final List<Cidr> networks;

    private CameraNetworks(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * Parses the list.
     *
     * @throws VigilException INVALID_ARGUMENT naming the index of the first bad entry
     */
    public static CameraNetworks parse(List<String> cidrs) {
        Objects.requireNonNull(cidrs, "cidrs");
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                out.add(Cidr.parse(cidrs.get(i)));
            } catch (VigilException e) {
                throw VigilException.invalid("[" + i + "]: " + e.getMessage());
            }
        }
        return new CameraNetworks(out);
    }

    /** The blocks, in the order given. */
    public List<Cidr> networks() {
        return networks;
    }

    /** Whether Vigil may connect to {@code address}; see the class comment for the exceptions. */
    public boolean permits(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || THIS_NETWORK.contains(address)
                || isBroadcast(address)) {
            return false;
        }
        boolean linkLocal = LINK_LOCAL_V4.contains(address) || LINK_LOCAL_V6.contains(address);
        for (Cidr n : networks) {
            if (n.contains(address) && (!linkLocal || n.within(LINK_LOCAL_V4) || n.within(LINK_LOCAL_V6))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the host of a camera URL ({@code rtsp://}, {@code rtsps://}, {@code http://} or
     * {@code https://}): an IP literal directly, a name by resolving it, every address it resolves
     * to having to be permitted.
     *
     * @return the problem, in words, or empty when the host is permitted
     */
    public Optional<String> check(String url, Resolver resolver) {
        String host;
        try {
            host = new URI(url.strip()).getHost();
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL: " + e.getReason());
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.indexOf('%') >= 0) {
            return Optional.of("host " + host + ": IPv6 scope ids are not accepted");
        }
        List<InetAddress> addresses;
        Optional<InetAddress> literal = Cidr.literal(host);
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                return Optional.of("host " + host + " does not resolve");
            }
            if (addresses.isEmpty()) {
                return Optional.of("host " + host + " does not resolve");
            }
        }
        List<String> outside = addresses.stream().filter(a -> !permits(a)).map(InetAddress::getHostAddress)
                .distinct().toList();
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        String which = literal.isPresent() ? "host " + host + " is" : "host " + host + " resolves to "
                + String.join(", ", outside) + ",";
        return Optional.of(which + " outside api.cameraNetworks (" + this + ")");
    }

    private static boolean isBroadcast(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        for (byte b : a.getAddress()) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return networks.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }
}
