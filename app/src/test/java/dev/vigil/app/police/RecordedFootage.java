package dev.vigil.app.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.object.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real footage ({@code ../shared/media/vtest-h264.mp4}: 768x576, 10 fps, 795 pictures, a key
 * frame every 20th) cut into segments the way the recorder writes them ({@link Fmp4SegmentWriter}),
 * stored in an object store and catalogued. Tests using it skip when the footage or Debian's
 * ffmpeg is absent.
 */
final class RecordedFootage {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final long FRAME_90K = 9_000;

    /** One picture: its NAL units and whether it is a key frame. */
    private record Picture(List<byte[]> nalUnits, boolean key) {}

    private final ParameterSets parameterSets;
    private final List<Picture> pictures;

    private RecordedFootage(ParameterSets parameterSets, List<Picture> pictures) {
        this.parameterSets = parameterSets;
        this.pictures = pictures;
    }

    /** Reads the footage (remuxed by ffmpeg into a fragmented MP4 under {@code work}). */
    static RecordedFootage load(Path work) throws Exception {
        String shared = System.getProperty("vigil.shared.dir");
        assumeTrue(shared != null, "system property vigil.shared.dir is not set: no test footage");
        Path source = Path.of(shared, "media", "vtest-h264.mp4");
        assumeTrue(Files.isReadable(source), "test footage " + source + " is absent (see ../shared/media/README.md)");
        assumeTrue(Files.isExecutable(FFMPEG) && Files.isExecutable(FFPROBE),
                "Debian's ffmpeg/ffprobe are not installed at /usr/bin (apt-get install ffmpeg)");
        Path fragmented = work.resolve("vtest-fragmented.mp4");
        Process remux = new ProcessBuilder(FFMPEG.toString(), "-v", "error", "-y", "-i", source.toString(), "-map",
                "0:v:0", "-c", "copy", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4",
                fragmented.toString()).redirectErrorStream(true).redirectOutput(work.resolve("remux.log").toFile())
                .start();
        assertEquals(true, remux.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, remux.exitValue(), Files.readString(work.resolve("remux.log")));
        List<Picture> pictures = new ArrayList<>();
        ParameterSets ps;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(fragmented))) {
            Fmp4Reader reader = Fmp4Reader.open(in);
            ps = reader.track().parameterSets();
            for (Fmp4Reader.Fragment f; (f = reader.nextFragment()) != null; ) {
                for (Fmp4Reader.Sample s : f.samples()) {
                    pictures.add(new Picture(s.nalUnits(), s.sync()));
                }
            }
        }
        assertEquals(795, pictures.size());
        return new RecordedFootage(ps, pictures);
    }

    /**
     * Writes pictures {@code [first, first + count)} as one segment recorded from {@code start} by a
     * camera at {@code location}, stores it in {@code bucket} and catalogs it.
     *
     * @param nextPicture the picture that follows without a gap (the segment then ends where it
     *     starts), or -1 when a gap follows
     */
    void record(ObjectStore store, String bucket, RecordingRepository catalog, String camera, GeoPoint location,
            int first, int count, Instant start, int nextPicture) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(bytes, parameterSets, FragmentPolicy.DEFAULT);
        for (int i = 0; i < count; i++) {
            Picture p = pictures.get(first + i);
            writer.write(new AccessUnit(CameraId.of(camera), parameterSets.codec(), p.nalUnits(), i * FRAME_90K,
                    start.plusMillis(i * 100L), p.key(), parameterSets, false));
        }
        Fmp4SegmentSummary summary = nextPicture > 0 ? writer.finish((nextPicture - first) * FRAME_90K)
                : writer.finish();
        Instant end = start.plusMillis(summary.duration90k() / 90);
        String key = "segments/yard/" + camera + "/" + start.toEpochMilli() + "_" + end.toEpochMilli() + ".mp4";
        byte[] body = bytes.toByteArray();
        store.put(bucket, key, new ByteArrayInputStream(body), body.length, "video/mp4", Map.of());
        catalog.insert(new Recording(CameraId.of(camera), SiteId.of("yard"), CameraKind.SECURITY, start, end,
                body.length, parameterSets.codec(), 768, 576, key, summary.sha256(), location));
    }
}
