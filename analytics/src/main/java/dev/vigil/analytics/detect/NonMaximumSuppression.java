package dev.vigil.analytics.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression per label: keep the most confident detection, drop those of the
 * same label overlapping it by {@code maxIou} or more, repeat. Pure.
 */
public final class NonMaximumSuppression {
    private NonMaximumSuppression() { }

    public static List<Detection> apply(List<Detection> detections, double maxIou) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Detection::confidence).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.label().equals(d.label()) && k.box().iou(d.box()) >= maxIou) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }
}
