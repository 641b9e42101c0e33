package dev.vigil.analytics.detect.cascade;

/**
 * The Haar cascades shipped in the bytedeco OpenCV jar that Vigil uses, with the label they give
 * and their training window (their smallest object).
 */
public enum HaarModel {
    /** Whole pedestrians, 14x28 window (Kruppa et al. 2003). */
    FULL_BODY("haarcascade_fullbody.xml", "person", 14, 28),
    /** Head and shoulders, 22x18 window; finds people whose legs are hidden. */
    UPPER_BODY("haarcascade_upperbody.xml", "person", 22, 18),
    /** Number plates, 60x20 window (trained on Russian plates; finds other one-line plates as regions of interest). */
    PLATE("haarcascade_russian_plate_number.xml", "plate", 60, 20),
    /** Number plates, the 16-stage cascade: fewer false hits, misses more. */
    PLATE_16_STAGES("haarcascade_license_plate_rus_16stages.xml", "plate", 64, 16);

    private final String file;
    private final String label;
    private final int windowWidth;
    private final int windowHeight;

    HaarModel(String file, String label, int windowWidth, int windowHeight) {
        this.file = file;
        this.label = label;
        this.windowWidth = windowWidth;
        this.windowHeight = windowHeight;
    }

    public String file() {
        return file;
    }

    public String label() {
        return label;
    }

    public int windowWidth() {
        return windowWidth;
    }

    public int windowHeight() {
        return windowHeight;
    }
}
