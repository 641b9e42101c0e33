package dev.vigil.core.playback;

import dev.vigil.core.model.Codec;
import dev.vigil.core.model.TimeRange;
import java.util.Locale;
import java.util.Objects;

/**
 * One continuous run of a camera's recordings within an asked range: what plays as one MP4.
 * Runs end where the recordings have a gap longer than a second, or where the camera's
 * parameter sets (or codec) change, since one MP4 track has one decoder configuration.
 *
 * @param span the wall-clock time the run covers within the asked range
 * @param codec its video codec
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param startsBecause why it begins where it does
 */
public record PlaybackPart(TimeRange span, Codec codec, int width, int height, Start startsBecause) {
    /** Why a part begins where it does. */
    public enum Start {
        /** The first part of the range. */
        RANGE_START,
        /** After a gap in the recordings. */
        GAP,
        /** The camera's parameter sets or codec changed. */
        PARAMETER_SETS_CHANGED;

        /** {@code range-start}, {@code gap}, {@code parameter-sets-changed}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public PlaybackPart {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(startsBecause, "startsBecause");
    }
}
