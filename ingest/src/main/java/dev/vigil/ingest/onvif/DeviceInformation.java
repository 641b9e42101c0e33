package dev.vigil.ingest.onvif;

/**
 * What GetDeviceInformation says about a device; absent fields are empty strings.
 *
 * @param manufacturer e.g. {@code AXIS}
 * @param model e.g. {@code P1435-LE}
 * @param firmware firmware version
 * @param serial serial number
 * @param hardwareId hardware id
 */
public record DeviceInformation(String manufacturer, String model, String firmware, String serial, String hardwareId) {
    public DeviceInformation {
        manufacturer = orEmpty(manufacturer);
        model = orEmpty(model);
        firmware = orEmpty(firmware);
        serial = orEmpty(serial);
        hardwareId = orEmpty(hardwareId);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
