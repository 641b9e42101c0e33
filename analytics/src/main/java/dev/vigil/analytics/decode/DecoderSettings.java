package dev.vigil.analytics.decode;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.HwAccel;
import java.util.Objects;

/**
 * How one camera is decoded for analytics.
 *
 * @param mode {@code FULL}: decode every access unit and analyse at {@code fps};
 *     {@code KEYFRAMES}: decode key frames only (each analysed, up to {@code fps});
 *     {@code OFF}: decode nothing
 * @param fps pictures analysed per second of presentation time, 1-60 (default 5)
 * @param analysisWidth width of the grey frames, 16-7680 (default {@value #DEFAULT_ANALYSIS_WIDTH});
 *     the height keeps the source's aspect ratio, rounded to even; a narrower source keeps its size
 * @param hwaccel hardware decoding; software ({@code NONE}) by default, and when the device cannot be opened
 */
public record DecoderSettings(AnalyticsMode mode, int fps, int analysisWidth, HwAccel hwaccel) {
    /** Default analysis width: enough for people at 20 m with HOG, cheap for motion. */
    public static final int DEFAULT_ANALYSIS_WIDTH = 640;

    public DecoderSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(hwaccel, "hwaccel");
        if (fps < 1 || fps > 60) {
            throw VigilException.invalid("analytics fps must be 1-60, was " + fps);
        }
        if (analysisWidth < 16 || analysisWidth > 7680) {
            throw VigilException.invalid("analysis width must be 16-7680 pixels, was " + analysisWidth);
        }
    }

    /** Software decoding. */
    public DecoderSettings(AnalyticsMode mode, int fps, int analysisWidth) {
        this(mode, fps, analysisWidth, HwAccel.NONE);
    }

    /** The settings of a camera's {@code analytics} config at the default analysis width. */
    public static DecoderSettings of(AnalyticsConfig config) {
        return new DecoderSettings(config.mode(), config.fps(), DEFAULT_ANALYSIS_WIDTH, config.hwaccel());
    }

    /** {@code FULL} at {@code fps} and the default width. */
    public static DecoderSettings full(int fps) {
        return new DecoderSettings(AnalyticsMode.FULL, fps, DEFAULT_ANALYSIS_WIDTH, HwAccel.NONE);
    }

    /** {@code KEYFRAMES} at the default rate cap (5) and width. */
    public static DecoderSettings keyframes() {
        return new DecoderSettings(AnalyticsMode.KEYFRAMES, 5, DEFAULT_ANALYSIS_WIDTH, HwAccel.NONE);
    }

    /** These settings at another analysis width. */
    public DecoderSettings withAnalysisWidth(int width) {
        return new DecoderSettings(mode, fps, width, hwaccel);
    }

    /** These settings with hardware decoding {@code h} (software when its device cannot be opened). */
    public DecoderSettings withHwAccel(HwAccel h) {
        return new DecoderSettings(mode, fps, analysisWidth, h);
    }
}
