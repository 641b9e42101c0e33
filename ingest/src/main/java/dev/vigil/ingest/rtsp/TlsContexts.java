package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * TLS for {@code rtsps://} cameras (RFC 7826 section 19): a client context that verifies the
 * camera's certificate chain against the JDK's trust store, or against the certificates of one PEM
 * file (lab and site cameras with self-signed certificates). The host name is checked too.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /** @param trustFile a PEM file of trusted certificates, or {@code null} for the JDK's trust store */
    public static SslContext client(String trustFile) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (trustFile != null) {
                builder.trustManager(new File(trustFile));
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new VigilException(ErrorKind.INVALID_ARGUMENT, "ingest.tlsTrustFile: cannot use " + trustFile + ": "
                    + e.getMessage(), e);
        }
    }
}
