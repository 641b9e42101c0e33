package dev.vigil.core.config;

/**
 * A camera found through ONVIF instead of a fixed RTSP URL: Vigil asks the device for its media
 * profiles and stream URIs when the camera starts, and again after repeated stream failures. The
 * login is the camera's {@code credentials}, used both for ONVIF (WS-Security) and for RTSP.
 *
 * @param address required: the device service URL, {@code http://HOST[:PORT]/onvif/device_service}
 *     or {@code https://...}, without credentials
 * @param profile optional: the token or name of the media profile to record; default the profile
 *     with the largest resolution. Analytics takes the smallest other profile (the sub-stream).
 */
public record OnvifConfig(String address, String profile) {

    public OnvifConfig {
        profile = profile == null || profile.isBlank() ? null : profile.strip();
    }
}
