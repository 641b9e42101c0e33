package dev.vigil.core.model;

/**
 * What a probe of a camera's stream found ({@code vigil probe}, {@code POST
 * /api/v1/cameras/{id}/test}): either a failure, or the stream's properties and what arrived while
 * it listened. Never holds a credential; {@code url} has no user info.
 *
 * @param ok whether pictures arrived
 * @param failure why not, as {@code vigil probe} words it: {@code unauthorized}, {@code not found},
 *     {@code timeout}, {@code unsupported codec}, {@code transport refused}, {@code unreachable}
 *     (also for a host outside {@code api.cameraNetworks}), {@code protocol error}, or an ONVIF
 *     failure of the device; {@code null} when ok
 * @param error the failure in words, or {@code null}
 * @param url the stream probed, without user info
 * @param transport {@code tcp} or {@code udp}
 * @param server the camera's {@code Server} header, or {@code null}
 * @param codec {@code h264} or {@code h265}, or {@code null} on failure
 * @param profile the codec profile and level, e.g. {@code profile 100 level 4.0}, or {@code null}
 * @param width picture width, 0 when unknown
 * @param height picture height, 0 when unknown
 * @param fps pictures per second from their timestamps
 * @param seconds how long it listened
 * @param accessUnits pictures received
 * @param keyframes key frames among them
 * @param bytes RTP payload bytes received
 * @param bitrateKbps bytes over the seconds listened, in kbit/s
 * @param rtpPacketsLost RTP packets lost
 * @param reconnects connection attempts after the first
 */
public record ProbeReport(boolean ok, String failure, String error, String url, String transport, String server,
        String codec, String profile, int width, int height, double fps, int seconds, long accessUnits,
        long keyframes, long bytes, double bitrateKbps, long rtpPacketsLost, long reconnects) {

    /** A probe that found no pictures. */
    public static ProbeReport failed(String failure, String error, String url, String transport, String server,
            int seconds, long reconnects) {
        return new ProbeReport(false, failure, error, url, transport, server, null, null, 0, 0, 0, seconds, 0, 0, 0,
                0, 0, reconnects);
    }
}
