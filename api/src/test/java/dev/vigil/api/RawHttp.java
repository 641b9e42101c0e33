package dev.vigil.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Raw HTTP/1.1 over a socket, for requests a well-behaved client cannot send: writes the bytes as
 * given, reads one response (status line, headers, a body of Content-Length bytes).
 */
public final class RawHttp {
    /** One response: status, raw header block, body; status -1 when the server closed without one. */
    public record Response(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {}

    /** Sends {@code request} on a new connection and reads the answer, waiting at most {@code timeoutMs}. */
    public static Response exchange(int port, byte[] request, int timeoutMs) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(timeoutMs);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything (413): read what came
            }
            return read(s.getInputStream());
        }
    }

    public static Response exchange(int port, String request, int timeoutMs) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMs);
    }

    /** Reads one response from {@code in}. */
    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return new Response(-1, head.toString(StandardCharsets.ISO_8859_1), "");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (SocketTimeoutException e) {
            return new Response(-1, head.toString(StandardCharsets.ISO_8859_1), "");
        } catch (IOException e) {
            return new Response(-1, head.toString(StandardCharsets.ISO_8859_1), "");
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        String statusLine = headers.substring(0, headers.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Response partial = new Response(status, headers, "");
        String length = partial.header("Content-Length");
        byte[] body = new byte[0];
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equals(String.valueOf(partial.header("Transfer-Encoding")).toLowerCase(Locale.ROOT))) {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }
}
