package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Hardware video decoding for analytics, through FFmpeg's hardware device types. */
public enum HwAccel {
    /** Software decoding (the default). */
    @JsonProperty("none") NONE("none"),
    /** VA-API (Intel and AMD GPUs on Linux, {@code /dev/dri/renderD128}). */
    @JsonProperty("vaapi") VAAPI("vaapi"),
    /** NVIDIA NVDEC through CUDA. */
    @JsonProperty("cuda") CUDA("cuda"),
    /** Intel Quick Sync. */
    @JsonProperty("qsv") QSV("qsv");

    private final String ffmpegName;

    HwAccel(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    /** FFmpeg's name of the device type ({@code av_hwdevice_find_type_by_name}). */
    public String ffmpegName() {
        return ffmpegName;
    }
}
