package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.Frame;
import dev.vigil.analytics.frame.BgrImage;
import dev.vigil.analytics.frame.FrameConsumer;
import dev.vigil.analytics.frame.GreyFrame;
import java.util.Objects;
import java.util.function.Consumer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The link from decoding to analysis: hands each decoded {@link GreyFrame} of one camera to its
 * {@link CameraAnalyzer} as a {@link Frame}, and each frame's {@link FrameReport} to a listener
 * (metrics, tests).
 *
 * <p>The grey plane is passed on without a copy (the decoder hands over a fresh array per frame).
 * Colour is converted only when the analyser asks (a colour detector, an event's snapshot), from
 * the decoder's picture at up to {@value #COLOUR_WIDTH} pixels wide, on the decode thread while
 * {@link #onFrame} runs, as {@link dev.vigil.analytics.frame.ColourSource} requires.
 *
 * <p>Threading: as {@link FrameConsumer}: one camera's frames in order, never concurrently.
 * {@link #close} closes the analyser (which ends its open events); call it after the camera is
 * unregistered from the decode pool.
 */
public final class AnalyzingConsumer implements FrameConsumer, AutoCloseable {
    /** Widest colour picture asked of the decoder: enough for a snapshot an operator can read. */
    static final int COLOUR_WIDTH = 1280;

    private final CameraAnalyzer analyzer;
    private final Consumer<FrameReport> reports;

    /**
     * @param analyzer the camera's analyser; this consumer owns it
     * @param reports told of each frame's report, on the decode thread; must be fast
     */
    public AnalyzingConsumer(CameraAnalyzer analyzer, Consumer<FrameReport> reports) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void onFrame(GreyFrame frame) {
        Frame f = new Frame(frame.camera(), frame.pts90k(), frame.wallClock(), frame.width(), frame.height(),
                frame.grey(), () -> toMat(frame.bgr(Math.min(COLOUR_WIDTH, frame.sourceWidth()))));
        reports.accept(analyzer.analyze(f));
    }

    public CameraAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() {
        analyzer.close();
    }

    /** A new {@code CV_8UC3} Mat holding a copy of {@code image}; the caller owns it. */
    static Mat toMat(BgrImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC3);
        // mat.data() is a view of the Mat's own buffer (no deallocator): not closed here.
        BytePointer data = mat.data();
        data.put(image.bgr(), 0, image.bgr().length);
        return mat;
    }
}
