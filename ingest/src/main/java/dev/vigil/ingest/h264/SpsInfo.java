package dev.vigil.ingest.h264;

/**
 * What the gateway reads from an H.264 sequence parameter set.
 *
 * @param profileIdc {@code profile_idc} (66 baseline, 77 main, 100 high, ...)
 * @param constraintFlags the constraint_set flags byte
 * @param levelIdc {@code level_idc} (e.g. 31 for level 3.1)
 * @param width displayed width in pixels, cropping applied
 * @param height displayed height in pixels, cropping applied
 */
public record SpsInfo(int profileIdc, int constraintFlags, int levelIdc, int width, int height) {
    public SpsInfo {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("SPS dimensions must be positive, were " + width + "x" + height);
        }
    }
}
