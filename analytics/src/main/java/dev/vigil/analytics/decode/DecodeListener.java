package dev.vigil.analytics.decode;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.HwAccel;
import dev.vigil.core.model.Codec;

/**
 * What decoding does, for metrics. Separate from logging. Implementations must be fast and
 * thread-safe, and never throw: {@link #dropped} runs on the ingest thread that offers a unit, the
 * others on decode workers.
 */
public interface DecodeListener {
    /** Does nothing. */
    DecodeListener NONE = new DecodeListener() {};

    /**
     * One access unit went through the decoder.
     *
     * @param frames pictures that came out of it (0 while the decoder fills its pipeline)
     * @param nanos time spent decoding and scaling, consumer time excluded
     */
    default void decoded(CameraId camera, int frames, long nanos) {}

    /** The consumer took {@code nanos} for one picture. */
    default void analysed(CameraId camera, long nanos) {}

    /** {@code units} access units were not decoded. */
    default void dropped(CameraId camera, DropReason reason, int units) {}

    /** The decoder was (re)opened for new parameter sets or another codec. */
    default void opened(CameraId camera, Codec codec) {}

    /**
     * The camera asked for hardware decoding of {@code type} but its device could not be opened
     * ({@code reason}): it decodes in software. Told once per decoder.
     */
    default void hardwareUnavailable(CameraId camera, HwAccel type, String reason) {}

    /** The consumer threw; the frame is lost, the next one is still delivered. */
    default void consumerFailed(CameraId camera, RuntimeException error) {}
}
