package dev.vigil.storage.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Interval;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.object.MemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The export over an in-memory store, with synthetic segments whose pictures carry their frame
 * number, so that which pictures came out, and when, can be checked exactly.
 */
class ExportServiceTest {
    static final ParameterSets H264 = new ParameterSets(Codec.H264, null,
            hex("674d401fd900c0126840000003004000000503c60c92"), hex("68ebccb2"));
    static final ParameterSets H265 = new ParameterSets(Codec.H265,
            hex("40010c01ffff01600000030090000003000003005a928090"),
            hex("42010101600000030090000003000003005aa0060200905964a924cae68080000003008000000504"),
            hex("4401c172b46240"));
    static final String BUCKET = "vigil-segments";
    static final CameraId CAMERA = CameraId.of("gate-3");
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-02T08:30:00Z");
    private static final long FRAME_90K = 9_000; // 10 fps
    private static final int GOP = 10;

    private final MemoryObjectStore store = new MemoryObjectStore();

    /** The store that {@link #segment} writes to. */
    MemoryObjectStore store() {
        return store;
    }
    private final List<ExportAuditEntry> audit = new ArrayList<>();
    private final ExportService service = new ExportService(store, BUCKET, audit::add, Clock.fixed(NOW, ZoneOffset.UTC));
    private final MemorySink sink = new MemorySink();

    /** Parts in memory, named like files. */
    static final class MemorySink implements ExportSink {
        final List<ByteArrayOutputStream> parts = new ArrayList<>();
        final List<Boolean> closed = new ArrayList<>();

        @Override
        public String partName(int part) {
            return part == 1 ? "out.mp4" : "out-" + part + ".mp4";
        }

        @Override
        public OutputStream openPart(int part) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int index = parts.size();
            parts.add(bytes);
            closed.add(false);
            return new java.io.FilterOutputStream(bytes) {
                @Override
                public void close() {
                    closed.set(index, true);
                }
            };
        }
    }

    /**
     * Writes a segment of {@code frames} pictures at 10 fps starting at {@code start}, numbered from
     * {@code firstFrame}, a key frame every {@value #GOP}; stores it and returns its catalog row.
     */
    RecordingRow segment(String key, Instant start, int firstFrame, int frames, ParameterSets ps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, ps, FragmentPolicy.DEFAULT);
        for (int i = 0; i < frames; i++) {
            writer.write(picture(ps, firstFrame + i, i * FRAME_90K, i % GOP == 0));
        }
        Fmp4SegmentSummary summary = writer.finish();
        store.objects.put(BUCKET + "/" + key, out.toByteArray());
        return new RecordingRow(store.objects.size(), new Recording(CAMERA, SiteId.of("depot"), CameraKind.SECURITY,
                start, start.plusMillis(frames * 100L), summary.bytesWritten(), ps.codec(), 768, 576, key,
                summary.sha256(), null));
    }

    /** A picture whose slice carries its frame number in bytes 1-2. */
    static AccessUnit picture(ParameterSets ps, int frame, long pts, boolean key) {
        byte[] slice = new byte[40];
        if (ps.codec() == Codec.H264) {
            slice[0] = (byte) (key ? 0x65 : 0x41);
        } else {
            slice[0] = (byte) ((key ? 19 : 1) << 1);
        }
        slice[1] = (byte) (frame >> 8);
        slice[2] = (byte) frame;
        slice[3] = 1;
        return new AccessUnit(CAMERA, ps.codec(), List.of(slice), pts, T0, key, ps, false);
    }

    /** Frame numbers and decode times (90 kHz) of one output part, read back. */
    record Read(Fmp4Reader.Track track, List<Integer> frames, List<Long> decodeTimes, long end) {}

    static Read read(byte[] mp4) {
        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(mp4));
        List<Integer> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long end = 0;
        for (Fmp4Reader.Fragment f; (f = reader.nextFragment()) != null; ) {
            for (Fmp4Reader.Sample s : f.samples()) {
                byte[] slice = s.nalUnits().get(0);
                frames.add(((slice[1] & 0xff) << 8) | (slice[2] & 0xff));
                times.add(s.decodeTime());
                end = s.decodeTime() + s.duration();
                assertEquals(frames.size() == 1 || (frames.get(frames.size() - 1) % GOP == 0 && slice[0] != 0x41
                        && slice[0] != 2), s.sync(), "sync flag of frame " + frames.get(frames.size() - 1));
            }
        }
        return new Read(reader.track(), frames, times, end);
    }

    private ExportRequest request(Instant from, Instant to) {
        return new ExportRequest(CAMERA, from, to, "insp.tran", "CASE-2026-0117");
    }

    private static List<Integer> range(int from, int toInclusive) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i <= toInclusive; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void abuttingSegmentsBecomeOnePartCutAtTheKeyFrameBeforeTheStartAndBeforeTheEnd() throws Exception {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264),
                segment("b.mp4", T0.plusSeconds(10), 100, 100, H264));
        ExportManifest m = service.export(request(T0.plusMillis(3_050), T0.plusMillis(14_020)), rows, sink);

        assertEquals(1, m.parts().size());
        ExportManifest.Part part = m.parts().get(0);
        Read read = read(sink.parts.get(0).toByteArray());
        assertEquals(range(30, 140), read.frames(), "from key frame 30 (3.0 s) to frame 140 (14.0 s, before 14.02 s)");
        for (int i = 0; i < read.decodeTimes().size(); i++) {
            assertEquals(i * FRAME_90K, read.decodeTimes().get(i), "decode time of picture " + i);
        }
        assertEquals(111 * FRAME_90K, read.end(), "the last picture lasts until frame 141, the first after the end");
        assertEquals("out.mp4", part.file());
        assertEquals(111, part.pictures());
        assertEquals(T0.plusSeconds(3), part.firstPicture());
        assertEquals(T0.plusSeconds(14), part.lastPicture());
        assertEquals(T0.plusMillis(14_100), part.end());
        assertEquals(ExportManifest.PartStart.RANGE_START, part.startsBecause());
        assertEquals(sha256(sink.parts.get(0).toByteArray()), part.sha256());
        assertEquals(sink.parts.get(0).size(), part.bytes());
        assertTrue(sink.closed.get(0), "the service closes the parts it opened");
        assertEquals(List.of("a.mp4", "b.mp4"), m.sources().stream().map(ExportManifest.Source::key).toList());
        assertTrue(m.sources().stream().allMatch(ExportManifest.Source::verified));
        assertEquals(List.of(), m.gaps());
        assertEquals(NOW, m.requestedAt());

        assertEquals(1, audit.size());
        ExportAuditEntry entry = audit.get(0);
        assertTrue(entry.succeeded());
        assertEquals(sha256(m.toJson()), entry.manifestSha256());
        assertEquals(1, entry.parts());
        assertEquals(part.bytes(), entry.bytes());
    }

    @Test
    void aGapEndsThePartAndIsListedAndTheRangeBeforeTheFirstRecordingIsAGapToo() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264),
                segment("c.mp4", T0.plusSeconds(15), 150, 100, H264));
        ExportManifest m = service.export(request(T0.minusSeconds(5), T0.plusSeconds(20)), rows, sink);

        assertEquals(2, m.parts().size());
        assertEquals(range(0, 99), read(sink.parts.get(0).toByteArray()).frames(), "no key frame before: first after");
        assertEquals(T0.plusSeconds(10), m.parts().get(0).end(), "the last picture before the gap keeps its duration");
        Read second = read(sink.parts.get(1).toByteArray());
        assertEquals(range(150, 199), second.frames());
        assertEquals(0, second.decodeTimes().get(0), "each part starts at time 0");
        assertEquals(ExportManifest.PartStart.GAP, m.parts().get(1).startsBecause());
        assertEquals("out-2.mp4", m.parts().get(1).file());
        assertEquals(T0.plusSeconds(15), m.parts().get(1).firstPicture());
        assertEquals(List.of(Interval.of(T0.minusSeconds(5), T0), Interval.of(T0.plusSeconds(10), T0.plusSeconds(15))),
                m.gaps());
    }

    @Test
    void aSeamWithinTheToleranceIsBridgedByThePictureBeforeIt() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264),
                segment("b.mp4", T0.plusMillis(10_300), 100, 100, H264));
        ExportManifest m = service.export(request(T0.plusSeconds(9), T0.plusSeconds(11)), rows, sink);

        assertEquals(1, m.parts().size());
        Read read = read(sink.parts.get(0).toByteArray());
        assertEquals(range(90, 106), read.frames(), "frame 106 is at 10.9 s");
        assertEquals(13 * FRAME_90K, read.decodeTimes().get(10), "frame 100 at 10.3 s, 1.3 s after frame 90");
        assertEquals(List.of(), m.gaps(), "300 ms is a seam, not a gap");
    }

    @Test
    void changedParameterSetsStartAnotherPart() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264),
                segment("b.mp4", T0.plusSeconds(10), 100, 100, H265));
        ExportManifest m = service.export(request(T0.plusSeconds(5), T0.plusSeconds(15)), rows, sink);

        assertEquals(2, m.parts().size());
        assertEquals(Codec.H264, read(sink.parts.get(0).toByteArray()).track().codec());
        assertEquals(T0.plusSeconds(10), m.parts().get(0).end());
        Read second = read(sink.parts.get(1).toByteArray());
        assertEquals(Codec.H265, second.track().codec());
        assertEquals(range(100, 149), second.frames());
        assertEquals(ExportManifest.PartStart.PARAMETER_SETS_CHANGED, m.parts().get(1).startsBecause());
        assertEquals(List.of(), m.gaps());
    }

    @Test
    void anAlteredObjectIsDataLossNamingItEvenWhenTheAlterationLiesPastTheRange() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264));
        byte[] body = store.objects.get(BUCKET + "/a.mp4");
        body[body.length - 1] ^= 1; // the last picture, long after the range's end
        VigilException e = assertThrows(VigilException.class,
                () -> service.export(request(T0.plusSeconds(1), T0.plusSeconds(2)), rows, sink));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("vigil-segments/a.mp4 does not match the catalog"), e.getMessage());
        assertTrue(sink.closed.get(0), "the open part's stream is closed for the caller to discard");

        assertEquals(1, audit.size());
        assertFalse(audit.get(0).succeeded());
        assertEquals(ErrorKind.DATA_LOSS, audit.get(0).failure());
        assertNull(audit.get(0).manifestSha256());
    }

    @Test
    void anUnreadableAlteredObjectIsReportedAsAlteredToo() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 30, H264));
        store.objects.put(BUCKET + "/a.mp4", "not video at all".getBytes());
        VigilException e = assertThrows(VigilException.class,
                () -> service.export(request(T0, T0.plusSeconds(2)), rows, sink));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("does not match the catalog"), e.getMessage());
    }

    @Test
    void anObjectMissingFromTheStoreIsDataLoss() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 30, H264));
        store.objects.clear();
        VigilException e = assertThrows(VigilException.class,
                () -> service.export(request(T0, T0.plusSeconds(2)), rows, sink));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("vigil-segments/a.mp4") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    @Test
    void noRecordingsIsNotFoundAndAudited() {
        VigilException e = assertThrows(VigilException.class,
                () -> service.export(request(T0, T0.plusSeconds(2)), List.of(), sink));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals(ErrorKind.NOT_FOUND, audit.get(0).failure());
        assertEquals(0, store.gets.get());
    }

    @Test
    void anExportThatCannotBeAuditedIsNotReleased() {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 30, H264));
        ExportService unaudited = new ExportService(store, BUCKET, entry -> {
            throw new VigilException(ErrorKind.UNAVAILABLE, "catalog down");
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        VigilException e = assertThrows(VigilException.class,
                () -> unaudited.export(request(T0, T0.plusSeconds(2)), rows, sink));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("not released"), e.getMessage());
    }

    @Test
    void recordingsOfAnotherCameraAreRefused() {
        RecordingRow row = segment("a.mp4", T0, 0, 30, H264);
        ExportRequest other = new ExportRequest(CameraId.of("gate-4"), T0, T0.plusSeconds(2), "insp.tran", null);
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> service.export(other, List.of(row), sink)).kind());
    }

    @Test
    void theManifestJsonNamesPartsSourcesAndGaps() throws Exception {
        List<RecordingRow> rows = List.of(segment("a.mp4", T0, 0, 100, H264));
        ExportManifest m = service.export(request(T0.plusSeconds(2), T0.plusSeconds(12)), rows, sink);
        JsonNode json = new ObjectMapper().readTree(m.toJson());
        assertEquals("gate-3", json.get("camera").asText());
        assertEquals("2026-03-01T10:00:02Z", json.get("from").asText());
        assertEquals("2026-03-01T10:00:12Z", json.get("to").asText());
        assertEquals("insp.tran", json.get("requestedBy").asText());
        assertEquals("2026-03-02T08:30:00Z", json.get("requestedAt").asText());
        assertEquals("CASE-2026-0117", json.get("reason").asText());
        JsonNode part = json.get("parts").get(0);
        assertEquals("out.mp4", part.get("file").asText());
        assertEquals(sha256(sink.parts.get(0).toByteArray()), part.get("sha256").asText());
        assertEquals(sink.parts.get(0).size(), part.get("bytes").asLong());
        assertEquals("h264", part.get("codec").asText());
        assertEquals(80, part.get("pictures").asInt());
        assertEquals("2026-03-01T10:00:02Z", part.get("firstPicture").asText());
        assertEquals("2026-03-01T10:00:09.900Z", part.get("lastPicture").asText());
        assertEquals("range-start", part.get("startsBecause").asText());
        JsonNode source = json.get("sources").get(0);
        assertEquals("vigil-segments", source.get("bucket").asText());
        assertEquals("a.mp4", source.get("key").asText());
        assertEquals(rows.get(0).recording().sha256(), source.get("sha256").asText());
        assertTrue(source.get("verified").asBoolean());
        assertEquals("2026-03-01T10:00:10Z", json.get("gaps").get(0).get("from").asText());
        assertEquals("2026-03-01T10:00:12Z", json.get("gaps").get(0).get("to").asText());
        assertArrayEquals(m.toJson(), m.toJson(), "stable bytes: the audit keeps their hash");
    }

    @Test
    void requestsAreChecked() {
        assertThrows(VigilException.class, () -> new ExportRequest(CAMERA, T0, T0, "x", null));
        assertThrows(VigilException.class, () -> new ExportRequest(CAMERA, T0, T0.plusSeconds(1), " ", null));
        assertThrows(VigilException.class, () -> new ExportRequest(CAMERA, T0, T0.plusSeconds(1), "x", "a\nb"));
        assertEquals(Duration.ofSeconds(1), Duration.between(T0, new ExportRequest(CAMERA, T0, T0.plusSeconds(1), "x",
                null).to()));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
