package dev.vigil.storage.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Object keys of recorded media. Pure. Times are UTC; the {@code start_end} part is
 * {@code yyyyMMdd'T'HHmmss.SSS'Z'}, which sorts as text in time order and has no characters
 * that need escaping in S3 keys.
 */
public final class ObjectKeys {
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ObjectKeys() {
    }

    /** {@code segments/{site}/{camera}/{yyyy}/{MM}/{dd}/{HH}/{start}_{end}.mp4}, the hour being the start's. */
    public static String segment(String site, String camera, Instant start, Instant end) {
        return "segments/" + site + "/" + camera + "/" + HOUR_PATH.format(start) + "/" + STAMP.format(start) + "_"
                + STAMP.format(end) + ".mp4";
    }

    /** {@code clips/{site}/{camera}/{yyyy}/{MM}/{dd}/{HH}/{start}_{end}_{id}.mp4}. */
    public static String clip(String site, String camera, Instant start, Instant end, String id) {
        return "clips/" + site + "/" + camera + "/" + HOUR_PATH.format(start) + "/" + STAMP.format(start) + "_"
                + STAMP.format(end) + "_" + id + ".mp4";
    }

    /** {@code snapshots/{site}/{camera}/{yyyy}/{MM}/{dd}/{HH}/{at}_{alertId}.jpg}: an alert's best frame. */
    public static String snapshot(String site, String camera, Instant at, String alertId) {
        return "snapshots/" + site + "/" + camera + "/" + HOUR_PATH.format(at) + "/" + STAMP.format(at) + "_" + alertId
                + ".jpg";
    }

    /** The compact UTC stamp used in keys and spool file names. */
    public static String stamp(Instant t) {
        return STAMP.format(t);
    }
}
