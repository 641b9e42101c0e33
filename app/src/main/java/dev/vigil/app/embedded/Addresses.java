package dev.vigil.app.embedded;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Host and port arithmetic shared by the embedded services. */
final class Addresses {
    private Addresses() {}

    /** Whether {@code bind} means every interface. */
    static boolean isWildcard(String bind) {
        return "0.0.0.0".equals(bind) || "::".equals(bind) || "[::]".equals(bind);
    }

    /** A host as it goes into a URI or a {@code host:port} pair: IPv6 literals in brackets. */
    static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Where a client on this machine connects to a server bound to {@code bind}. */
    static String clientHost(String bind) {
        return isWildcard(bind) ? "127.0.0.1" : bind;
    }

    /**
     * A port that was free on {@code bind} a moment ago, for servers that must know their port
     * before they start (the KRaft controller's own address is part of its configuration). Another
     * process may take it in between; the server's start then fails with UNAVAILABLE.
     */
    static int freePort(String bind) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "no free port on " + bind + ": " + e.getMessage(), e);
        }
    }

    /** The name other machines know this one by, for advertising a wildcard listener. */
    static String canonicalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "cannot resolve this machine's host name: " + e.getMessage(), e);
        }
    }
}
