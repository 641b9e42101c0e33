package dev.vigil.core.config;

import dev.vigil.core.model.RecordMode;

/**
 * Recording of one camera.
 *
 * @param mode {@code continuous} (default), {@code events} or {@code off}
 * @param segmentSeconds segments roll at the first key frame after this; default 60
 * @param preRollSeconds seconds kept before an event for its clip; default 5
 * @param retentionDays overrides the retention of the camera's kind; optional
 */
public record RecordConfig(RecordMode mode, Integer segmentSeconds, Integer preRollSeconds, Integer retentionDays) {
    public RecordConfig {
        mode = ConfigDefaults.orDefault(mode, RecordMode.CONTINUOUS);
        segmentSeconds = ConfigDefaults.orDefault(segmentSeconds, 60);
        preRollSeconds = ConfigDefaults.orDefault(preRollSeconds, 5);
    }

    static RecordConfig defaults() {
        return new RecordConfig(null, null, null, null);
    }
}
