package dev.vigil.analytics.decode;

/**
 * A picture size, and the pure arithmetic of scaling one to a width.
 *
 * @param width pixels per row
 * @param height rows
 */
record PictureSize(int width, int height) {
    PictureSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size must be positive, was " + width + "x" + height);
        }
    }

    /**
     * This size scaled to {@code targetWidth} with the aspect ratio kept and the height rounded to
     * even (at least 2, or 1 for a 1-row source); a target of 0, or above this width, gives this
     * size.
     */
    PictureSize scaledTo(int targetWidth) {
        if (targetWidth < 0) {
            throw new IllegalArgumentException("target width must not be negative, was " + targetWidth);
        }
        if (targetWidth == 0 || targetWidth >= width) {
            return this;
        }
        long h = Math.round((double) height * targetWidth / width / 2.0) * 2;
        return new PictureSize(targetWidth, (int) Math.max(Math.min(h, height), Math.min(2, height)));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
