package dev.vigil.bench.analytics;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.Frame;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.analytics.detect.cascade.CascadeConfig;
import dev.vigil.analytics.detect.cascade.CascadeDetector;
import dev.vigil.analytics.detect.cascade.HaarModel;
import dev.vigil.analytics.detect.hog.HogConfig;
import dev.vigil.analytics.detect.hog.HogPeopleDetector;
import dev.vigil.analytics.motion.MotionConfig;
import dev.vigil.analytics.motion.MotionDetector;
import dev.vigil.analytics.motion.MotionMethod;
import dev.vigil.analytics.pipeline.AnalyzerConfig;
import dev.vigil.analytics.pipeline.CameraAnalyzer;
import dev.vigil.analytics.rules.Polygon;
import dev.vigil.analytics.rules.Rule;
import dev.vigil.analytics.rules.Schedule;
import dev.vigil.analytics.tamper.TamperConfig;
import dev.vigil.analytics.tamper.TamperDetector;
import dev.vigil.core.model.CameraId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Milliseconds per frame of each analytics stage, one thread, on real footage: the first 100
 * pictures of {@code ../shared/media/vtest-h264.mp4} (people walking across a yard) scaled to the
 * analysis size 640x360 (from 768x576: the aspect changes, the cost is what matters), cycled.
 * Detectors look at the whole frame (the worst case; motion gating makes them look at less);
 * {@code analyzerHogGated} is the whole chain per frame with HOG on the motion regions only.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar DetectorBenchmark -jvmArgsAppend
 * -Dvigil.shared.dir=/path/to/shared}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DetectorBenchmark {
    private static final int W = 640;
    private static final int H = 360;
    private static final CameraId CAMERA = CameraId.of("bench");

    private final List<Mat> greys = new ArrayList<>();
    private final List<Mat> bgrs = new ArrayList<>();
    private final List<byte[]> greyBytes = new ArrayList<>();
    private int next;
    private ObjectDetector hog;
    private ObjectDetector hogUpscaled;
    private ObjectDetector fullBody;
    private ObjectDetector upperBody;
    private ObjectDetector plate;
    private MotionDetector runningAverage;
    private MotionDetector mog2;
    private TamperDetector tamper;
    private CameraAnalyzer analyzer;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path file = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "media", "vtest-h264.mp4");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: pass -Dvigil.shared.dir=PATH/TO/shared");
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
                Size size = new Size(W, H)) {
            grabber.start();
            for (int i = 0; i < 100; i++) {
                Mat bgr = new Mat();
                resize(converter.convert(grabber.grabImage()), bgr, size, 0, 0, INTER_AREA);
                Mat grey = new Mat();
                cvtColor(bgr, grey, COLOR_BGR2GRAY);
                byte[] bytes = new byte[W * H];
                grey.data().get(bytes);
                bgrs.add(bgr);
                greys.add(grey);
                greyBytes.add(bytes);
            }
            grabber.stop();
        }
        hog = new HogPeopleDetector(HogConfig.defaults());
        hogUpscaled = new HogPeopleDetector(HogConfig.defaults().withUpscale(1.5));
        fullBody = new CascadeDetector(CascadeConfig.defaults(HaarModel.FULL_BODY));
        upperBody = new CascadeDetector(CascadeConfig.defaults(HaarModel.UPPER_BODY));
        plate = new CascadeDetector(CascadeConfig.defaults(HaarModel.PLATE));
        runningAverage = new MotionDetector(MotionConfig.defaults());
        mog2 = new MotionDetector(MotionConfig.defaults().withMethod(MotionMethod.MOG2));
        tamper = new TamperDetector(TamperConfig.defaults());
        Rule zone = new Rule.ZoneIntrusion("all", "all", Polygon.of(0, 0, 1, 0, 1, 1, 0, 1), Set.of("person"),
                Schedule.always(), Duration.ZERO);
        analyzer = new CameraAnalyzer(CAMERA, AnalyzerConfig.defaults(),
                List.of(new HogPeopleDetector(HogConfig.defaults().withUpscale(1.5))), List.of(zone), e -> { });
    }

    @TearDown(Level.Trial)
    public void close() {
        for (AutoCloseable c : List.<AutoCloseable>of(hog, hogUpscaled, fullBody, upperBody, plate, runningAverage,
                mog2, tamper, analyzer)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        greys.forEach(Mat::close);
        bgrs.forEach(Mat::close);
    }

    private int index() {
        next = (next + 1) % greys.size();
        return next;
    }

    private int detectWhole(ObjectDetector detector) {
        int i = index();
        Mat bgr = bgrs.get(i);
        try (AnalysisImage image = new AnalysisImage(greys.get(i).clone(), bgr::clone)) {
            return detector.detect(image, new PixelRect(0, 0, W, H)).size();
        }
    }

    @Benchmark
    public int hogPeople() {
        return detectWhole(hog);
    }

    @Benchmark
    public int hogPeopleUpscaled15() {
        return detectWhole(hogUpscaled);
    }

    @Benchmark
    public int haarFullBody() {
        return detectWhole(fullBody);
    }

    @Benchmark
    public int haarUpperBody() {
        return detectWhole(upperBody);
    }

    @Benchmark
    public int haarPlate() {
        return detectWhole(plate);
    }

    @Benchmark
    public int motionRunningAverage() {
        return runningAverage.update(greys.get(index())).regions().size();
    }

    @Benchmark
    public int motionMog2() {
        return mog2.update(greys.get(index())).regions().size();
    }

    @Benchmark
    public int tamper() {
        clock = clock.plusMillis(200);
        return tamper.update(greys.get(index()), clock).candidates().size();
    }

    @Benchmark
    public int analyzerHogGated() {
        int i = index();
        clock = clock.plusMillis(200);
        Mat bgr = bgrs.get(i);
        return analyzer.analyze(new Frame(CAMERA, 0, clock, W, H, greyBytes.get(i), bgr::clone)).detections().size();
    }
}
