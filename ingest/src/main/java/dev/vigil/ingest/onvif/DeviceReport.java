package dev.vigil.ingest.onvif;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code vigil onvif inspect} shows of a device.
 *
 * @param device GetDeviceInformation
 * @param services where the services are (after quirk 43 rewriting)
 * @param clockOffset the camera's clock minus ours
 * @param profiles every profile with its URIs
 */
public record DeviceReport(DeviceInformation device, ServiceAddresses services, Duration clockOffset,
        List<ProfileUris> profiles) {
    public DeviceReport {
        Objects.requireNonNull(device, "device");
        profiles = List.copyOf(profiles);
    }

    /**
     * @param profile the profile
     * @param streamUri RTSP URI, or {@code null} when the device would not give one (e.g. a JPEG-only profile)
     * @param snapshotUri JPEG snapshot URI, or {@code null} when the device has none
     */
    public record ProfileUris(MediaProfile profile, URI streamUri, URI snapshotUri) { }
}
