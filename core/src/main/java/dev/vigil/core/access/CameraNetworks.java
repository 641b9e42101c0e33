package dev.vigil.core.access;

import dev.vigil.core.error.VigilException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The networks cameras may be in ({@code api.cameraNetworks}): a camera added or changed through
 * the API must have a host inside one of them, so that the API cannot be used to make Vigil
 * connect anywhere else (no probing of internal services through {@code /test}). Pure: parsing
 * takes IP literals only and never asks DNS.
 *
 * @param networks the CIDR blocks, e.g. {@code 10.20.0.0/16}, {@code fd00:cam::/48}; empty: none
 */
public record CameraNetworks(List<Block> networks) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** One CIDR block: the network's address bytes and the prefix length. */
    public record Block(byte[] address, int prefix, String text) {
        /** Whether {@code host} lies in this block (IPv4 and IPv6 never match each other). */
        public boolean contains(InetAddress host) {
            byte[] h = host.getAddress();
            if (h.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (h[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (h[full] & mask) == (address[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public CameraNetworks {
        networks = List.copyOf(networks);
    }

    /**
     * Parses CIDR blocks.
     *
     * @throws VigilException INVALID_ARGUMENT naming the first bad entry, e.g. a host name, a
     *     prefix out of range, or host bits set ({@code 10.0.0.1/8})
     */
    public static CameraNetworks parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs == null ? List.<String>of() : cidrs) {
            blocks.add(block(cidr));
        }
        return new CameraNetworks(blocks);
    }

    private static Block block(String cidr) {
        String c = cidr == null ? "" : cidr.strip();
        int slash = c.indexOf('/');
        if (slash < 0) {
            throw VigilException.invalid("'" + c + "' is not a CIDR block such as 10.20.0.0/16");
        }
        String ip = c.substring(0, slash);
        InetAddress address = literal(ip);
        if (address == null) {
            throw VigilException.invalid("'" + c + "': the network must be an IP address, not a name");
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw VigilException.invalid("'" + c + "': the prefix must be a number 0.." + bits);
        }
        if (prefix < 0 || prefix > bits) {
            throw VigilException.invalid("'" + c + "': the prefix must be within 0.." + bits);
        }
        Block block = new Block(address.getAddress(), prefix, c);
        byte[] a = address.getAddress();
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            int hostBits = a[i] & (0xff >> keep);
            if (hostBits != 0) {
                throw VigilException.invalid("'" + c + "': host bits are set (did you mean the network address?)");
            }
        }
        return block;
    }

    /** {@code text} as an address if it is an IP literal (IPv6 possibly in brackets), else {@code null}. */
    public static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.indexOf(':') >= 0 && IPV6.matcher(t).matches();
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(t); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code host} is in one of the networks. */
    public boolean contains(InetAddress host) {
        return networks.stream().anyMatch(b -> b.contains(host));
    }

    /** Whether no network is configured (then no camera may be added through the API). */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
