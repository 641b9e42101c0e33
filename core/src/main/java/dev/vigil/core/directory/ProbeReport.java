package dev.vigil.core.directory;

/**
 * What a stream test found, as {@code ./vigil probe --json} reports it.
 *
 * @param ok whether pictures came
 * @param failure why not ({@code unauthorized}, {@code not_found}, {@code timeout},
 *     {@code unsupported_codec}, {@code transport_refused}, {@code unreachable}, {@code protocol}),
 *     or {@code null}
 * @param message a sentence on the failure (never a credential), or {@code null}
 * @param server the camera's {@code Server} header, or {@code null}
 * @param transport the transport used ({@code tcp}, {@code udp}), or {@code null}
 * @param codec {@code h264} or {@code h265}, or {@code null}
 * @param width pixels, 0 when unknown
 * @param height pixels, 0 when unknown
 * @param fps pictures per second measured
 * @param seconds how long it listened
 * @param accessUnits pictures received
 * @param keyframes key frames received
 * @param bytes payload bytes received
 * @param bitrateKbps payload bitrate
 * @param rtpPacketsLost RTP packets lost
 * @param reconnects connection attempts after the first
 */
public record ProbeReport(boolean ok, String failure, String message, String server, String transport, String codec,
        int width, int height, double fps, int seconds, long accessUnits, long keyframes, long bytes,
        double bitrateKbps, long rtpPacketsLost, long reconnects) {

    /** A test that got no picture. */
    public static ProbeReport failed(String failure, String message) {
        return new ProbeReport(false, failure, message, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
