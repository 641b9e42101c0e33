package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.core.model.NormalizedBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A detector that knows the truth: the test tells it where the objects are on the next frame,
 * and it reports those lying mostly inside the region it is asked about. Counts its calls.
 */
final class ScriptedDetector implements ObjectDetector {
    private final String label;
    private List<NormalizedBox> truth = List.of();
    int calls;
    boolean closed;

    ScriptedDetector(String label) {
        this.label = label;
    }

    void truth(List<NormalizedBox> boxes) {
        this.truth = List.copyOf(boxes);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Set<String> labels() {
        return Set.of(label);
    }

    @Override
    public int minRegionWidth() {
        return 32;
    }

    @Override
    public int minRegionHeight() {
        return 64;
    }

    @Override
    public List<Detection> detect(AnalysisImage image, PixelRect region) {
        calls++;
        NormalizedBox r = region.normalized(image.width(), image.height());
        List<Detection> out = new ArrayList<>();
        for (NormalizedBox b : truth) {
            if (r.intersectionArea(b) >= 0.5 * b.area()) {
                out.add(new Detection(label, 0.9, b));
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
