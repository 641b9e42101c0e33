package dev.vigil.analytics.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A synthetic camera for tests with exact answers: a fixed textured scene (blocks of grey and a
 * fine static texture, so that it has both large structures and sharp detail), seen through a
 * window that can be shifted, with a little per-frame sensor noise (a live camera's frames are
 * never identical), and optional moving blocks ("objects") drawn on top.
 */
public final class SyntheticScene {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    /** The canvas is larger than the view so that the view can be shifted. */
    private static final int MARGIN = 64;
    private static final int CW = WIDTH + 2 * MARGIN;
    private static final int CH = HEIGHT + 2 * MARGIN;

    private final byte[] canvas = new byte[CW * CH];
    private final Random noise;

    public SyntheticScene(long seed) {
        Random r = new Random(seed);
        int[] level = new int[CW * CH];
        for (int i = 0; i < level.length; i++) {
            level[i] = 110;
        }
        for (int b = 0; b < 60; b++) {
            int w = 20 + r.nextInt(140);
            int h = 20 + r.nextInt(100);
            int x0 = r.nextInt(CW - w);
            int y0 = r.nextInt(CH - h);
            int g = 30 + r.nextInt(190);
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    level[y * CW + x] = g;
                }
            }
        }
        for (int i = 0; i < level.length; i++) {
            canvas[i] = (byte) clamp(level[i] + r.nextInt(41) - 20);
        }
        this.noise = new Random(seed * 31 + 7);
    }

    /** One view: shifted by {@code (dx, dy)} pixels, with objects (x, y, w, h, grey) drawn, plus noise of +-{@code noiseAmp}. */
    public byte[] view(int dx, int dy, int noiseAmp, int[]... objects) {
        byte[] out = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            System.arraycopy(canvas, (y + MARGIN + dy) * CW + MARGIN + dx, out, y * WIDTH, WIDTH);
        }
        for (int[] o : objects) {
            for (int y = Math.max(0, o[1]); y < Math.min(HEIGHT, o[1] + o[3]); y++) {
                for (int x = Math.max(0, o[0]); x < Math.min(WIDTH, o[0] + o[2]); x++) {
                    out[y * WIDTH + x] = (byte) (o[4] + ((x * 7 + y * 13) % 9) - 4);
                }
            }
        }
        if (noiseAmp > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) clamp((out[i] & 0xff) + noise.nextInt(2 * noiseAmp + 1) - noiseAmp);
            }
        }
        return out;
    }

    /** The unshifted view with sensor noise and the given objects. */
    public byte[] view(int[]... objects) {
        return view(0, 0, 2, objects);
    }

    /** A flat black picture with sensor noise: a covered lens. */
    public byte[] black() {
        byte[] out = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (4 + noise.nextInt(3));
        }
        return out;
    }

    /** {@code grey} blurred by a Gaussian of {@code sigma} pixels: a defocused lens. */
    public static byte[] blurred(byte[] grey, double sigma) {
        try (Mat m = mat(grey); Size k = new Size(0, 0)) {
            GaussianBlur(m, m, k, sigma);
            byte[] out = new byte[grey.length];
            m.data().get(out);
            return out;
        }
    }

    /** {@code grey} with this camera's sensor noise added (after the optics: blur first, then noise). */
    public byte[] withNoise(byte[] grey) {
        byte[] out = new byte[grey.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) clamp((grey[i] & 0xff) + noise.nextInt(5) - 2);
        }
        return out;
    }

    public static Mat mat(byte[] grey) {
        Mat m = new Mat(HEIGHT, WIDTH, CV_8UC1);
        m.data().put(grey);
        return m;
    }

    public static Frame frame(CameraId camera, Instant time, byte[] grey) {
        return Frame.greyOnly(camera, time.toEpochMilli() * 90, time, WIDTH, HEIGHT, grey);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
