package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.Frame;
import dev.vigil.analytics.rules.RuleTransition;
import dev.vigil.analytics.snapshot.BestFrames;
import dev.vigil.analytics.snapshot.SnapshotRenderer;
import dev.vigil.core.model.AnalyticsEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The snapshots of one frame's event steps: a START carries this frame, drawn; a better frame is
 * kept as the event's best (a copy, freed when replaced or when the event ends); an END carries
 * the kept best frame, drawn, and frees it. The frame's colour picture is asked for once, and only
 * if a step needs it. Confined to the analyzer's thread, for one frame.
 */
final class EventSnapshots implements AutoCloseable {
    private final Frame frame;
    private final BestFrames best;
    private final SnapshotRenderer renderer;
    private final Map<UUID, byte[]> renderedNow = new HashMap<>();
    private Mat bgr;

    EventSnapshots(Frame frame, BestFrames best, SnapshotRenderer renderer) {
        this.frame = frame;
        this.best = best;
        this.renderer = renderer;
    }

    /** The step's event, with its snapshot where it carries one; keeps the best frame as the step says. */
    AnalyticsEvent apply(RuleTransition step) {
        AnalyticsEvent e = step.event();
        if (step.bestImproved()) {
            best.keep(e.id(), picture().clone(), e.boxes(), caption(e));
        }
        return switch (e.phase()) {
            case START -> with(e, renderedNow.computeIfAbsent(e.id(),
                    id -> renderer.render(picture(), e.boxes(), caption(e))));
            case UPDATE -> e;
            case END -> {
                byte[] now = renderedNow.get(e.id());
                if (now != null) {
                    best.take(e.id()).ifPresent(BestFrames.Kept::close);
                    yield with(e, now);
                }
                yield withKeptSnapshot(e, best, renderer);
            }
        };
    }

    /** {@code e} with the snapshot of its kept best frame, which is freed; {@code e} itself if none is kept. */
    static AnalyticsEvent withKeptSnapshot(AnalyticsEvent e, BestFrames best, SnapshotRenderer renderer) {
        Optional<BestFrames.Kept> kept = best.take(e.id());
        if (kept.isEmpty()) {
            return e;
        }
        try (BestFrames.Kept k = kept.get()) {
            return with(e, renderer.render(k.bgr(), k.boxes(), k.caption()));
        }
    }

    private Mat picture() {
        if (bgr == null) {
            bgr = frame.bgr().get();
        }
        return bgr;
    }

    private static String caption(AnalyticsEvent e) {
        String cause = e.attributes().get("cause");
        return cause != null ? cause : e.objectClass() + String.format(Locale.ROOT, " %.2f", e.confidence());
    }

    private static AnalyticsEvent with(AnalyticsEvent e, byte[] jpeg) {
        return new AnalyticsEvent(e.id(), e.camera(), e.rule(), e.type(), e.phase(), e.objectClass(), e.trackId(),
                e.confidence(), e.boxes(), e.zone(), e.start(), e.end(), e.attributes(), jpeg);
    }

    @Override
    public void close() {
        if (bgr != null) {
            bgr.close();
        }
    }
}
