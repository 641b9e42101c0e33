package dev.vigil.storage.record;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Clip;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * The catalog as the uploader's {@link RecordingIndex}: a segment becomes a {@code recordings}
 * row, a clip a {@code clips} row. Both inserts are idempotent on the object key.
 */
public final class CatalogIndex implements RecordingIndex {
    private final RecordingRepository recordings;
    private final ClipRepository clips;
    private final Function<CameraId, CameraKind> kinds;
    private final Clock clock;

    /** @param kinds the kind of each configured camera, {@code null} for one no longer configured */
    public CatalogIndex(RecordingRepository recordings, ClipRepository clips, Function<CameraId, CameraKind> kinds,
            Clock clock) {
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.clips = Objects.requireNonNull(clips, "clips");
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void add(SpooledSegment s, String bucket, String objectKey) {
        SegmentMeta m = s.meta();
        CameraKind kind = kinds.apply(m.camera());
        if (m.clip() != null) {
            clips.insert(new Clip(m.camera(), SiteId.of(m.site()), kind, s.start(), s.end(), m.clip().reason(),
                    objectKey, s.sha256(), s.bytes(), clock.instant()));
        } else {
            recordings.insert(new Recording(m.camera(), SiteId.of(m.site()), kind, s.start(), s.end(), s.bytes(),
                    m.codec(), m.width(), m.height(), objectKey, s.sha256(), m.location()));
        }
    }
}
