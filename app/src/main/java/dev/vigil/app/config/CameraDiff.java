package dev.vigil.app.config;

import dev.vigil.core.config.CameraConfig;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Which parts of a running camera a config change concerns. Pure.
 *
 * <ul>
 *   <li>{@link CameraPart#INGEST}: the stream's URL, transport, credentials, quirk policy or ONVIF
 *       device changed, or the camera was created, deleted, enabled or disabled. Everything fed by
 *       the stream restarts with it.
 *   <li>{@link CameraPart#DETECT_STREAM}: with ingest, or when its {@code detectUrl} changed or
 *       the camera starts or stops needing it (analytics turned on or off).
 *   <li>{@link CameraPart#RECORDING}: with ingest, or when {@code record}, the site or the location
 *       changed (recordings carry them).
 *   <li>{@link CameraPart#ANALYTICS}: with ingest or the detect stream (its feed), or when
 *       {@code analytics}, the site or the site's time zone changed.
 *   <li>Nothing for {@code name} or {@code kind}: they are read where they are used.
 * </ul>
 * So a change of zones, lines or rules restarts the camera's analytics only: its RTSP session and
 * its recording go on untouched.
 */
public final class CameraDiff {
    private CameraDiff() {}

    /**
     * @param before the camera as it runs, or {@code null} when it is created
     * @param after the camera as it will run, or {@code null} when it is deleted
     * @param timeZoneChanged whether the time zone its rule schedules are read in changed (its
     *     site's, or a move to a site in another zone)
     * @return the parts to stop (as they ran) and start again (as configured now); empty for none
     */
    public static EnumSet<CameraPart> restarts(CameraConfig before, CameraConfig after, boolean timeZoneChanged) {
        if (before == null || after == null || !before.enabled().equals(after.enabled())) {
            return EnumSet.allOf(CameraPart.class);
        }
        EnumSet<CameraPart> parts = EnumSet.noneOf(CameraPart.class);
        if (!Objects.equals(before.url(), after.url()) || before.transport() != after.transport()
                || !Objects.equals(before.credentials(), after.credentials()) || before.quirk() != after.quirk()
                || !Objects.equals(before.onvif(), after.onvif())) {
            parts.add(CameraPart.INGEST);
        }
        if (parts.contains(CameraPart.INGEST) || !Objects.equals(before.detectUrl(), after.detectUrl())
                || before.analytics().active() != after.analytics().active()) {
            parts.add(CameraPart.DETECT_STREAM);
        }
        boolean moved = !Objects.equals(before.site(), after.site());
        if (parts.contains(CameraPart.INGEST) || !before.record().equals(after.record()) || moved
                || !Objects.equals(before.location(), after.location())) {
            parts.add(CameraPart.RECORDING);
        }
        if (parts.contains(CameraPart.INGEST) || parts.contains(CameraPart.DETECT_STREAM)
                || !before.analytics().equals(after.analytics()) || moved || timeZoneChanged) {
            parts.add(CameraPart.ANALYTICS);
        }
        return parts;
    }
}
