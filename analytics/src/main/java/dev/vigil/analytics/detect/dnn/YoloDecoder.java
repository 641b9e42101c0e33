package dev.vigil.analytics.detect.dnn;

import dev.vigil.core.error.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the candidates out of a YOLO output tensor. Pure: floats in, candidates out.
 *
 * <p>The layout is told, or guessed from the shape and the number of classes: a dimension of
 * {@code 5 + C} is v5, of {@code 4 + C} is v8 (rows or columns, whichever matches; the other
 * dimension is the number of candidates).
 */
public final class YoloDecoder {
    private YoloDecoder() { }

    /** One candidate: class index and score, box centre and size in input pixels. */
    public record Candidate(int classIndex, double score, double cx, double cy, double w, double h) { }

    /** How to read a tensor: layout, candidates, and whether attributes run along rows (true) or columns. */
    record Shape(YoloLayout layout, int candidates, boolean attributesAlongRow) { }

    /**
     * @param data the tensor, row-major
     * @param dims its dimensions: {@code [1, a, b]} or {@code [a, b]}
     * @param layout the layout, or null to guess
     * @param numClasses the model's class count
     * @param minScore candidates scoring under this are dropped
     */
    public static List<Candidate> decode(float[] data, int[] dims, YoloLayout layout, int numClasses,
            double minScore) {
        Shape shape = shape(dims, layout, numClasses);
        int attributes = shape.layout() == YoloLayout.V5 ? 5 + numClasses : 4 + numClasses;
        int n = shape.candidates();
        if ((long) attributes * n != data.length) {
            throw VigilException.invalid("YOLO output of " + data.length + " floats is not " + n + " x " + attributes);
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int first = shape.layout() == YoloLayout.V5 ? 5 : 4;
            double objectness = shape.layout() == YoloLayout.V5 ? at(data, shape, n, attributes, i, 4) : 1;
            if (objectness < minScore) {
                continue;
            }
            int best = -1;
            double bestScore = 0;
            for (int c = 0; c < numClasses; c++) {
                double s = objectness * at(data, shape, n, attributes, i, first + c);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best < 0 || bestScore < minScore) {
                continue;
            }
            out.add(new Candidate(best, Math.min(1, bestScore), at(data, shape, n, attributes, i, 0),
                    at(data, shape, n, attributes, i, 1), at(data, shape, n, attributes, i, 2),
                    at(data, shape, n, attributes, i, 3)));
        }
        return out;
    }

    static Shape shape(int[] dims, YoloLayout layout, int numClasses) {
        if (numClasses < 1) {
            throw VigilException.invalid("a YOLO model needs at least one class, had " + numClasses);
        }
        int a;
        int b;
        if (dims.length == 3 && dims[0] == 1) {
            a = dims[1];
            b = dims[2];
        } else if (dims.length == 2) {
            a = dims[0];
            b = dims[1];
        } else {
            throw VigilException.invalid("YOLO output must be [1, a, b] or [a, b], was " + java.util.Arrays.toString(dims));
        }
        for (YoloLayout l : layout == null ? YoloLayout.values() : new YoloLayout[] {layout}) {
            int attributes = l == YoloLayout.V5 ? 5 + numClasses : 4 + numClasses;
            if (b == attributes) {
                return new Shape(l, a, true);
            }
            if (a == attributes) {
                return new Shape(l, b, false);
            }
        }
        throw VigilException.invalid("YOLO output " + java.util.Arrays.toString(dims) + " fits no "
                + (layout == null ? "" : layout + " ") + "layout for " + numClasses + " classes");
    }

    private static double at(float[] data, Shape shape, int n, int attributes, int candidate, int attribute) {
        return shape.attributesAlongRow() ? data[candidate * attributes + attribute] : data[attribute * n + candidate];
    }
}
