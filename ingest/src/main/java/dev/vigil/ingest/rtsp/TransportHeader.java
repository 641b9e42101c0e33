package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import java.util.Locale;
import java.util.Objects;

/**
 * The first transport spec of an RTSP {@code Transport} header (RFC 2326 section 12.39). Pure.
 *
 * @param protocol e.g. {@code RTP/AVP/TCP} or {@code RTP/AVP} (UDP)
 * @param interleaved RTP and RTCP channels, or {@code null}
 * @param clientPorts client RTP/RTCP ports, or {@code null}
 * @param serverPorts server RTP/RTCP ports, or {@code null}
 * @param ssrc the SSRC, or -1 when absent or unparseable
 */
public record TransportHeader(String protocol, int[] interleaved, int[] clientPorts, int[] serverPorts, long ssrc) {
    public TransportHeader {
        Objects.requireNonNull(protocol, "protocol");
        checkPair("interleaved", interleaved, 255);
        checkPair("client_port", clientPorts, 65535);
        checkPair("server_port", serverPorts, 65535);
    }

    private static void checkPair(String name, int[] pair, int max) {
        if (pair != null && (pair.length != 2 || pair[0] < 0 || pair[0] > max || pair[1] < 0 || pair[1] > max)) {
            throw new IllegalArgumentException(name + " must be two numbers in [0, " + max + "]");
        }
    }

    /** Whether RTP travels on the RTSP connection. */
    public boolean isTcp() {
        return protocol.toUpperCase(Locale.ROOT).endsWith("/TCP");
    }

    /** The request for TCP interleaved delivery on {@code rtp} and {@code rtp + 1}. */
    public static String tcpRequest(int rtpChannel) {
        return "RTP/AVP/TCP;unicast;interleaved=" + rtpChannel + "-" + (rtpChannel + 1);
    }

    /** The Transport of a SETUP request for UDP unicast on {@code rtpPort} and {@code rtpPort + 1}. */
    public static String udpRequest(int rtpPort) {
        return "RTP/AVP;unicast;client_port=" + rtpPort + "-" + (rtpPort + 1);
    }

    /**
     * Parses a header value. Order-independent (quirk 26, Luckfox rkipc: {@code ssrc} first);
     * parameters trimmed and empty ones ignored (quirk 1, Hikvision: {@code ssrc= d6d6627} with
     * fewer than 8 hex digits; quirk 4: trailing {@code ;}).
     *
     * @throws VigilException INVALID_ARGUMENT when there is no protocol or a port/channel is not a number
     */
    public static TransportHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw VigilException.invalid("empty Transport header");
        }
        String spec = value.split(",")[0];
        String protocol = null;
        int[] interleaved = null;
        int[] client = null;
        int[] server = null;
        long ssrc = -1;
        for (String raw : spec.split(";")) {
            String p = raw.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (protocol == null && name.startsWith("rtp/")) {
                protocol = p;
                continue;
            }
            switch (name) {
                case "interleaved" -> interleaved = pair(name, v);
                case "client_port" -> client = pair(name, v);
                case "server_port" -> server = pair(name, v);
                case "ssrc" -> ssrc = parseSsrc(v);
                default -> { }
            }
        }
        if (protocol == null) {
            throw VigilException.invalid("Transport header without an RTP protocol (" + value.length() + " characters)");
        }
        try {
            return new TransportHeader(protocol, interleaved, client, server, ssrc);
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("Transport header: " + e.getMessage());
        }
    }

    private static int[] pair(String name, String v) {
        String[] parts = v.split("-");
        try {
            int a = Integer.parseInt(parts[0].strip());
            int b = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : a + 1;
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw VigilException.invalid("Transport " + name + "='" + v + "' is not a number or range");
        }
    }

    private static long parseSsrc(String v) {
        if (v.isEmpty() || v.length() > 8) {
            return -1;
        }
        try {
            return Long.parseLong(v, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportHeader t && protocol.equals(t.protocol) && ssrc == t.ssrc
                && java.util.Arrays.equals(interleaved, t.interleaved) && java.util.Arrays.equals(clientPorts, t.clientPorts)
                && java.util.Arrays.equals(serverPorts, t.serverPorts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, ssrc, java.util.Arrays.hashCode(interleaved));
    }

    @Override
    public String toString() {
        return "TransportHeader[" + protocol + (interleaved != null ? " interleaved=" + interleaved[0] + "-"
                + interleaved[1] : "") + (ssrc >= 0 ? " ssrc=" + Long.toHexString(ssrc) : "") + "]";
    }
}
