package dev.vigil.core.net;

import dev.vigil.core.error.VigilException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}; a bare address
 * is a block of one). IPv4 and IPv6 blocks never contain each other's addresses, except that Java
 * reads an IPv4-mapped IPv6 literal ({@code ::ffff:10.0.0.1}) as the IPv4 address it maps.
 *
 * @param network the first address of the block (host bits zero)
 * @param prefix the number of leading bits fixed, 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw VigilException.invalid("prefix length must be within 0.." + bits + ", was " + prefix);
        }
        byte[] a = network.getAddress();
        for (int i = prefix; i < bits; i++) {
            if ((a[i / 8] & (0x80 >>> (i % 8))) != 0) {
                throw VigilException.invalid(network.getHostAddress() + "/" + prefix + " has host bits set; the block"
                        + " starts at " + masked(a, prefix) + "/" + prefix);
            }
        }
    }

    /**
     * Parses {@code ADDRESS/PREFIX} or a bare {@code ADDRESS}. Only IP literals are accepted: a name
     * is never looked up.
     *
     * @throws VigilException INVALID_ARGUMENT saying what is wrong
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw VigilException.invalid("a CIDR block such as 10.0.0.0/8 is required, was "
                    + (text == null ? "nothing" : "blank"));
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = literal(host)
                .orElseThrow(() -> VigilException.invalid("'" + s + "' is not an IPv4 or IPv6 CIDR block"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw VigilException.invalid("'" + s + "': the prefix length must be a number within 0.." + bits);
            }
            prefix = Integer.parseInt(p);
        }
        try {
            return new Cidr(address, prefix);
        } catch (VigilException e) {
            throw VigilException.invalid("'" + s + "': " + e.getMessage());
        }
    }

    /** {@code host} as an address when it is an IPv4 or IPv6 literal (no brackets); never a DNS lookup. */
    public static java.util.Optional<InetAddress> literal(String host) {
        if (host == null || !(IPV4.matcher(host).matches() || IPV6.matcher(host).matches())) {
            return java.util.Optional.empty();
        }
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return java.util.Optional.empty();
                }
            }
        }
        try {
            // A literal: InetAddress parses it without asking DNS (the patterns above admit no names).
            return java.util.Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether {@code address} lies in this block; an IPv4 address never lies in an IPv6 block or back. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** Whether every address of this block lies in {@code other}. */
    public boolean within(Cidr other) {
        return prefix >= other.prefix && other.contains(network);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    private static String masked(byte[] a, int prefix) {
        byte[] m = a.clone();
        for (int i = prefix; i < m.length * 8; i++) {
            m[i / 8] &= (byte) ~(0x80 >>> (i % 8));
        }
        try {
            return InetAddress.getByAddress(m).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
