package dev.vigil.ingest.onvif;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Quirk 43: a device behind NAT or port forwarding names itself by its LAN address in XAddrs and
 * stream URIs ({@code http://192.168.68.111/onvif/services}), which Vigil cannot reach. Policy
 * {@link Policy#AUTO} (the default) replaces the host of such an address by the host Vigil reached
 * the device at, when the answered host is a literal private, link-local or loopback IP address
 * that differs from it; a DNS name or a public address is kept as the device meant it (an NVR may
 * point at another host on purpose). Service addresses (http) also take the reached port; stream
 * and snapshot URIs keep their own port (RTSP is a different server). Pure: never resolves names.
 */
public final class AddressRewrite {
    /** How addresses in answers are treated. */
    public enum Policy {
        /** Rewrite private/link-local/loopback IP literals that differ from the reached host. */
        AUTO,
        /** Use the addresses exactly as answered. */
        OFF
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Policy policy;
    private final String reachedHost;
    private final int reachedPort;

    /** @param reached the device service URL Vigil reached the device at */
    public AddressRewrite(Policy policy, URI reached) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.reachedHost = Objects.requireNonNull(reached.getHost(), "reached host");
        this.reachedPort = reached.getPort();
    }

    /** A service address (http/https): host and port as reached, when rewritten. */
    public URI service(URI answered) {
        return rewrite(answered, true);
    }

    /** A stream or snapshot URI: only the host is replaced, when rewritten. */
    public URI media(URI answered) {
        return rewrite(answered, false);
    }

    private URI rewrite(URI answered, boolean withPort) {
        if (policy == Policy.OFF || answered == null || answered.getHost() == null
                || answered.getHost().equalsIgnoreCase(reachedHost) || !privateLiteral(answered.getHost())) {
            return answered;
        }
        try {
            return new URI(answered.getScheme(), answered.getRawUserInfo() == null ? null : answered.getUserInfo(),
                    reachedHost, withPort ? reachedPort : answered.getPort(), answered.getPath(), answered.getQuery(),
                    answered.getFragment());
        } catch (URISyntaxException e) {
            return answered;
        }
    }

    /** A literal IPv4 or bracketed IPv6 address in a private, link-local or loopback range. */
    static boolean privateLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false; // a DNS name: never resolved here
        }
        try {
            InetAddress a = InetAddress.getByName(h); // a literal: parsed, not looked up
            return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc); // IPv6 ULA fc00::/7
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
