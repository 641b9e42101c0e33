package dev.vigil.analytics.detect;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns motion regions into the regions detectors look at. Pure.
 *
 * <p>Each motion box is grown by {@code margin} of its size on every side (a walker's moving
 * parts are smaller than the walker), then to at least the detector's window, centred, and
 * clipped to the image; overlapping regions are merged until none overlap. When they cover more
 * than {@code wholeImageAbove} of the image, the whole image is one region (one pass over it is
 * cheaper than many overlapping crops).
 *
 * @param margin growth on each side, as a fraction of the motion box's width and height; default 0.5
 * @param wholeImageAbove the coverage above which the whole image is looked at; default 0.5
 */
public record RegionPlanner(double margin, double wholeImageAbove) {
    public RegionPlanner {
        if (!(margin >= 0 && margin <= 4)) {
            throw VigilException.invalid("region margin must be 0 to 4, was " + margin);
        }
        if (!(wholeImageAbove > 0 && wholeImageAbove <= 1)) {
            throw VigilException.invalid("region wholeImageAbove must be in (0, 1], was " + wholeImageAbove);
        }
    }

    public static RegionPlanner defaults() {
        return new RegionPlanner(0.5, 0.5);
    }

    public List<PixelRect> plan(List<NormalizedBox> motion, int imageWidth, int imageHeight, int minWidth,
            int minHeight) {
        List<PixelRect> rects = new ArrayList<>();
        for (NormalizedBox m : motion) {
            double w = m.width() * imageWidth;
            double h = m.height() * imageHeight;
            double cx = m.centerX() * imageWidth;
            double cy = m.centerY() * imageHeight;
            double gw = Math.max(w * (1 + 2 * margin), minWidth);
            double gh = Math.max(h * (1 + 2 * margin), minHeight);
            rects.add(clip(cx - gw / 2, cy - gh / 2, gw, gh, imageWidth, imageHeight));
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < rects.size(); i++) {
                for (int j = i + 1; j < rects.size(); j++) {
                    if (rects.get(i).overlaps(rects.get(j))) {
                        rects.set(i, rects.get(i).union(rects.get(j)));
                        rects.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        long covered = 0;
        for (PixelRect r : rects) {
            covered += r.area();
        }
        if (covered > wholeImageAbove * imageWidth * (double) imageHeight) {
            return List.of(new PixelRect(0, 0, imageWidth, imageHeight));
        }
        return rects;
    }

    /** Shifts a rectangle inside the image where it fits, and clips it where it does not. */
    private static PixelRect clip(double x, double y, double w, double h, int imageWidth, int imageHeight) {
        int iw = (int) Math.min(imageWidth, Math.ceil(w));
        int ih = (int) Math.min(imageHeight, Math.ceil(h));
        int ix = (int) Math.max(0, Math.min(imageWidth - iw, Math.round(x)));
        int iy = (int) Math.max(0, Math.min(imageHeight - ih, Math.round(y)));
        return new PixelRect(ix, iy, iw, ih);
    }
}
