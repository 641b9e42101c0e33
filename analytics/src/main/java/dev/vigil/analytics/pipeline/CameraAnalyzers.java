package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.cascade.CascadeConfig;
import dev.vigil.analytics.detect.cascade.CascadeDetector;
import dev.vigil.analytics.detect.cascade.HaarModel;
import dev.vigil.analytics.detect.dnn.OnnxConfig;
import dev.vigil.analytics.detect.dnn.OnnxDetector;
import dev.vigil.analytics.detect.dnn.YoloLayout;
import dev.vigil.analytics.detect.hog.HogConfig;
import dev.vigil.analytics.detect.hog.HogPeopleDetector;
import dev.vigil.analytics.rules.Rule;
import dev.vigil.analytics.rules.RuleCompiler;
import dev.vigil.analytics.tamper.TamperConfig;
import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.DetectorKind;
import dev.vigil.core.config.OnnxModelConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AnalyticsEventSink;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a camera's {@link CameraAnalyzer} from its config: rules compiled from zones and lines,
 * the detectors it lists, tamper detection when a tamper rule asks for it.
 */
public final class CameraAnalyzers {
    private CameraAnalyzers() {}

    /**
     * @param camera the camera
     * @param config its validated analytics config
     * @param zone its site's time zone, for rule schedules
     * @param sink where its events go
     * @throws dev.vigil.core.error.VigilException {@code INVALID_ARGUMENT} for a rule that cannot be
     *     built, {@code NOT_FOUND} or {@code INVALID_ARGUMENT} for an ONNX model that cannot be loaded
     */
    public static CameraAnalyzer create(CameraId camera, AnalyticsConfig config, ZoneId zone, AnalyticsEventSink sink) {
        List<Rule> rules = RuleCompiler.compile(config, zone);
        boolean tamper = rules.stream().anyMatch(r -> r instanceof Rule.Tamper);
        AnalyzerConfig settings = AnalyzerConfig.defaults()
                .withTamper(tamper ? Optional.of(TamperConfig.defaults()) : Optional.empty())
                .withMotionObjects(config.detectors().contains(DetectorKind.MOTION));
        List<ObjectDetector> detectors = detectors(config);
        try {
            return new CameraAnalyzer(camera, settings, detectors, rules, sink);
        } catch (RuntimeException e) {
            detectors.forEach(ObjectDetector::close);
            throw e;
        }
    }

    /** The object detectors of {@code config} ({@code motion} is not one: the analyser reports motion itself). */
    static List<ObjectDetector> detectors(AnalyticsConfig config) {
        List<ObjectDetector> out = new ArrayList<>();
        double upscale = config.upscale();
        try {
            for (DetectorKind kind : config.detectors()) {
                switch (kind) {
                    case MOTION -> { }
                    case HOG -> out.add(new HogPeopleDetector(HogConfig.defaults().withUpscale(upscale)));
                    case HAAR_FULLBODY -> out.add(cascade(HaarModel.FULL_BODY, upscale));
                    case HAAR_UPPERBODY -> out.add(cascade(HaarModel.UPPER_BODY, upscale));
                    case PLATES -> out.add(cascade(HaarModel.PLATE, 1.0));
                    case ONNX -> out.add(new OnnxDetector(onnx(config.onnx())));
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(ObjectDetector::close);
            throw e;
        }
    }

    private static CascadeDetector cascade(HaarModel model, double upscale) {
        CascadeConfig d = CascadeConfig.defaults(model);
        return new CascadeDetector(new CascadeConfig(model, upscale, d.scaleFactor(), d.minNeighbors(),
                d.minConfidence()));
    }

    private static OnnxConfig onnx(OnnxModelConfig m) {
        Optional<YoloLayout> layout = Optional.ofNullable(m.layout())
                .map(l -> l.equals("v11") ? YoloLayout.V8 : YoloLayout.valueOf(l.toUpperCase(Locale.ROOT)));
        return new OnnxConfig(Path.of(m.model()), m.labels(), m.inputSize(), m.inputSize(), layout, m.minConfidence(),
                0.45);
    }
}
