package dev.vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.Main;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.object.MinioObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil export} end to end on segments made from the real footage
 * ({@code ../shared/media/vtest-h264.mp4} and {@code vtest-h265.mp4}: 768x576, 10 fps, 795
 * frames, GOP 20), stored in the embedded S3 server and cataloged in the embedded H2 database, as
 * the recorder leaves them; every file checked with Debian's ffprobe.
 *
 * <p>Timeline (T0 = 10:00:00Z, frame n of the H.264 footage at T0 + n * 100 ms): segment A frames
 * 0-299, B 300-499 (abutting), a 10 s gap, C 600-794 (to 79.5 s), then D, H.265 frames 0-199 from
 * 79.5 s.
 */
@Timeout(300)
class ExportCommandIT {
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final CameraId CAMERA = CameraId.of("gate-3");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final long FRAME_90K = 9_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** One picture of the footage: its NAL units and whether it is a key frame. */
    private record Picture(List<byte[]> nalUnits, boolean key) {}

    private record Footage(ParameterSets parameterSets, List<Picture> pictures) {}

    @Test
    void exportsAcrossSegmentsGapsAndACodecChangeAndRefusesAlteredEvidence() throws Exception {
        Footage h264 = footage(Codec.H264);
        Footage h265 = footage(Codec.H265);
        Path dataDir = dir.resolve("data");
        ObjectStoreConfig s3Config = new ObjectStoreConfig(null, null, null, null, new Listen("127.0.0.1", 0), null,
                null, null);
        Map<String, byte[]> objects = new java.util.HashMap<>();
        Path config;
        Path first = dir.resolve("case-1/out.mp4");
        try (EmbeddedS3 s3 = EmbeddedS3.start(s3Config, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(s3Config, s3.endpoint(), s3.secretKey());
                Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of())) {
            store.ensureBucket(s3Config.segmentsBucket());
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            record(store, recordings, objects, h264, 0, 300, T0, 300);
            record(store, recordings, objects, h264, 300, 200, T0.plusSeconds(30), -1);
            record(store, recordings, objects, h264, 600, 195, T0.plusSeconds(60), -1);
            record(store, recordings, objects, h265, 0, 200, T0.plusMillis(79_500), -1);
            config = Files.writeString(dir.resolve("vigil.yml"), "node:\n  dataDir: " + dataDir + "\n"
                    + "objectStore:\n  embedded: {bind: 127.0.0.1, port: " + s3.port() + "}\n");

            // 1. The node's S3 server is up: a range over A, B, the gap and C.
            Files.createDirectories(first.getParent());
            assertEquals(Cli.OK, export(config, first, "2026-03-01T10:00:25.050Z", "2026-03-01T12:01:05.020+02:00",
                    "--reason", "CASE-2026-0117", "--requested-by", "insp.tran"), err());
            assertFalse(out().contains("started its embedded S3"), out());
            JsonNode manifest = new ObjectMapper().readTree(first.resolveSibling("out.mp4.manifest.json").toFile());
            assertEquals("insp.tran", manifest.get("requestedBy").asText());
            assertEquals("CASE-2026-0117", manifest.get("reason").asText());
            assertEquals(2, manifest.get("parts").size());
            checkPart(first, manifest.get("parts").get(0), "h264", 260, 26.0, "range-start");
            checkPart(first.resolveSibling("out-2.mp4"), manifest.get("parts").get(1), "h264", 51, 5.1, "gap");
            assertEquals("2026-03-01T10:00:24Z", manifest.get("parts").get(0).get("firstPicture").asText());
            assertEquals("2026-03-01T10:01:05Z", manifest.get("parts").get(1).get("lastPicture").asText());
            assertEquals(1, manifest.get("gaps").size());
            assertEquals("2026-03-01T10:00:50Z", manifest.get("gaps").get(0).get("from").asText());
            assertEquals("2026-03-01T10:01:00Z", manifest.get("gaps").get(0).get("to").asText());
            assertEquals(3, manifest.get("sources").size());
            for (JsonNode source : manifest.get("sources")) {
                assertTrue(source.get("verified").asBoolean());
                assertEquals(sha256(objects.get(source.get("key").asText())), source.get("sha256").asText());
            }
        }

        // 1b. The manifest is signed with the node's key; verify-export checks it offline.
        Path manifestFile = first.resolveSibling("out.mp4.manifest.json");
        assertTrue(Files.exists(first.resolveSibling("out.mp4.manifest.json.sig")));
        assertEquals(Cli.OK, run(Map.of(), "verify-export", first.toString(), manifestFile.toString(), "--config",
                config.toString()), err());
        assertTrue(out().contains("VERIFIED") && out().contains("this node's key"), out());
        Path stranger = dir.resolve("stranger");
        dev.vigil.storage.export.ExportSigningKey.loadOrCreate(stranger);
        assertEquals(VerifyExportCommand.BAD_SIGNATURE, run(Map.of(), "verify-export", first.toString(),
                manifestFile.toString(), "--key", stranger.resolve("keys/export-signing.pub").toString()), out());
        assertTrue(err().contains("not signed by the trusted key"), err());
        assertEquals(VerifyExportCommand.UNTRUSTED_KEY, run(Map.of(), "verify-export", first.toString(),
                manifestFile.toString(), "--data-dir", stranger.resolve("nothing-here").toString()), out());
        Path copy = Files.createDirectories(dir.resolve("copies"));
        byte[] flipped = Files.readAllBytes(first);
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(copy.resolve("out.mp4"), flipped);
        assertEquals(VerifyExportCommand.PART_ALTERED, run(Map.of(), "verify-export", copy.resolve("out.mp4").toString(),
                manifestFile.toString(), "--config", config.toString()), out());
        Files.writeString(copy.resolve("m.json"), Files.readString(manifestFile).replace("CASE-2026-0117", "CASE-9"));
        Files.copy(first.resolveSibling("out.mp4.manifest.json.sig"), copy.resolve("m.json.sig"));
        assertEquals(VerifyExportCommand.BAD_SIGNATURE, run(Map.of(), "verify-export", first.toString(),
                copy.resolve("m.json").toString(), "--config", config.toString()), out());
        assertTrue(out().contains("altered after signing"), out());
        assertEquals(Cli.USAGE, run(Map.of(), "verify-export", first.toString()));

        // 2. No node running: the command starts the embedded S3 server itself; H.264 then H.265.
        Path second = dir.resolve("case-2/cut.mp4");
        Files.createDirectories(second.getParent());
        assertEquals(Cli.OK, export(config, second, "2026-03-01T10:01:15Z", "2026-03-01T10:01:25Z"), err());
        assertTrue(out().contains("started its embedded S3 server"), out());
        JsonNode manifest = new ObjectMapper().readTree(second.resolveSibling("cut.mp4.manifest.json").toFile());
        assertEquals(System.getProperty("user.name"), manifest.get("requestedBy").asText());
        assertEquals(2, manifest.get("parts").size());
        checkPart(second, manifest.get("parts").get(0), "h264", 55, 5.5, "range-start");
        checkPart(second.resolveSibling("cut-2.mp4"), manifest.get("parts").get(1), "hevc", 55, 5.5,
                "parameter-sets-changed");
        assertEquals(0, manifest.get("gaps").size());

        // 3. Errors: one line each, distinct exit codes, nothing left behind.
        Path failed = dir.resolve("case-3/out.mp4");
        Files.createDirectories(failed.getParent());
        assertEquals(ExportCommand.NO_RECORDINGS, export(config, failed, "2026-03-01T11:00:00Z",
                "2026-03-01T11:10:00Z"));
        assertTrue(err().startsWith("vigil export: camera gate-3 has no recordings in"), err());
        assertEquals(Cli.USAGE, export(config, failed, "yesterday", "2026-03-01T11:10:00Z"));
        assertEquals(Cli.USAGE, export(config, first, "2026-03-01T10:00:25Z", "2026-03-01T10:00:30Z"),
                "an existing output is never replaced");
        assertTrue(err().contains("exists"), err());
        Path unreachable = Files.writeString(dir.resolve("remote.yml"), "node:\n  dataDir: " + dataDir + "\n"
                + "objectStore:\n  endpoint: http://127.0.0.1:1\n");
        assertEquals(ExportCommand.UNREACHABLE, run(Map.of("VIGIL_S3_SECRET_KEY", "x"), "export", "--camera",
                "gate-3", "--from", "2026-03-01T10:00:25Z", "--to", "2026-03-01T10:00:30Z", "-o", failed.toString(),
                "--config", unreachable.toString()), err());

        // 4. Evidence altered after recording: DATA_LOSS naming the object, no file claims validity.
        String altered = keyOf(T0.plusSeconds(30), T0.plusSeconds(50));
        byte[] tampered = objects.get(altered).clone();
        tampered[tampered.length - 100] ^= 0x01;
        Files.write(dataDir.resolve("s3/buckets/vigil-segments").resolve(altered), tampered);
        assertEquals(ExportCommand.INTEGRITY, export(config, failed, "2026-03-01T10:00:25Z", "2026-03-01T10:00:35Z"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(altered) && err().contains("does not match the catalog"), err());
        try (Stream<Path> left = Files.list(failed.getParent())) {
            assertEquals(List.of(), left.toList(), "no part, manifest or temporary file is left");
        }

        // Every attempt is audited.
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
                Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT outcome, error_kind, count(*) FROM exports"
                        + " GROUP BY outcome, error_kind ORDER BY outcome, error_kind")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
            assertEquals(List.of("failed DATA_LOSS 1", "failed NOT_FOUND 1", "failed UNAVAILABLE 1", "ok null 2"), rows);
        }
    }

    /** ffprobe: codec, frames, duration, strictly increasing timestamps from 0; the manifest's hash and size. */
    private void checkPart(Path file, JsonNode part, String codec, int frames, double seconds, String startsBecause)
            throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(file.getFileName().toString(), part.get("file").asText());
        assertEquals(sha256(bytes), part.get("sha256").asText(), "manifest SHA-256 of " + file);
        assertEquals(bytes.length, part.get("bytes").asLong());
        assertEquals(frames, part.get("pictures").asInt());
        assertEquals(startsBecause, part.get("startsBecause").asText());
        assertEquals(List.of(codec, "768", "576", String.valueOf(frames)), List.of(ffprobe("-select_streams", "v:0",
                "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0:s=,",
                file.toString()).strip().split(",")), file.toString());
        double duration = Double.parseDouble(ffprobe("-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).strip());
        assertEquals(seconds, duration, 0.001, "duration of " + file);
        List<String> packets = ffprobe("-select_streams", "v:0", "-show_entries", "packet=pts_time,dts_time", "-of",
                "csv=p=0", file.toString()).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(frames, packets.size());
        double previous = -1;
        for (String line : packets) {
            String[] f = line.split(",");
            double pts = Double.parseDouble(f[0]);
            assertEquals(pts, Double.parseDouble(f[1]), 1e-9, "pts = dts: " + line);
            assertTrue(pts > previous, "pts " + pts + " after " + previous + " in " + file);
            previous = pts;
        }
        assertEquals(0.0, Double.parseDouble(packets.get(0).split(",")[0]), 1e-9);
        assertEquals((frames - 1) / 10.0, previous, 1e-6, "10 fps, no stretched frame inside a part");
        Result decode = exec(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertEquals("", decode.stderr(), "clean decode of " + file);
    }

    /** Writes frames [first, first + count) as one segment starting at {@code start}, uploads and catalogs it. */
    private static void record(MinioObjectStore store, RecordingRepository recordings, Map<String, byte[]> objects,
            Footage footage, int first, int count, Instant start, int nextFrame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(bytes, footage.parameterSets(), FragmentPolicy.DEFAULT);
        for (int i = 0; i < count; i++) {
            Picture p = footage.pictures().get(first + i);
            writer.write(new AccessUnit(CAMERA, footage.parameterSets().codec(), p.nalUnits(), i * FRAME_90K,
                    start.plusMillis(i * 100L), p.key(), footage.parameterSets(), false));
        }
        Fmp4SegmentSummary summary = nextFrame > 0 ? writer.finish((nextFrame - first) * FRAME_90K) : writer.finish();
        Instant end = start.plusMillis(summary.duration90k() / 90);
        String key = keyOf(start, end);
        byte[] body = bytes.toByteArray();
        objects.put(key, body);
        store.put("vigil-segments", key, new ByteArrayInputStream(body), body.length, "video/mp4", Map.of());
        recordings.insert(new Recording(CAMERA, SiteId.of("depot"), CameraKind.SECURITY, start, end, body.length,
                footage.parameterSets().codec(), 768, 576, key, summary.sha256(), null));
    }

    /** The recorder's key layout: segments/{site}/{camera}/{yyyy}/{MM}/{dd}/{HH}/{start}_{end}.mp4. */
    private static String keyOf(Instant start, Instant end) {
        return "segments/depot/gate-3/2026/03/01/10/" + start.toEpochMilli() + "_" + end.toEpochMilli() + ".mp4";
    }

    /** The footage remuxed by ffmpeg into a fragmented MP4, then read back with {@link Fmp4Reader}. */
    private Footage footage(Codec codec) throws Exception {
        String shared = System.getProperty("vigil.shared.dir");
        assumeTrue(shared != null, "system property vigil.shared.dir is not set: no test footage");
        Path source = Path.of(shared, "media", codec == Codec.H264 ? "vtest-h264.mp4" : "vtest-h265.mp4");
        assumeTrue(Files.isReadable(source), "test footage " + source + " is absent (see ../shared/media/README.md)");
        assumeTrue(Files.isExecutable(FFMPEG) && Files.isExecutable(FFPROBE),
                "Debian's ffmpeg/ffprobe are not installed at /usr/bin (apt-get install ffmpeg)");
        Path fragmented = dir.resolve("vtest-" + codec.wireName() + "-fragmented.mp4");
        Result remux = exec(FFMPEG.toString(), "-v", "error", "-y", "-i", source.toString(), "-map", "0:v:0", "-c",
                "copy", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", fragmented.toString());
        assertEquals(0, remux.exit(), remux.stderr());
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
        assertEquals(795, pictures.size(), "pictures of " + source);
        for (int i = 0; i < pictures.size(); i++) {
            assertEquals(i % 20 == 0, pictures.get(i).key(), "key frames every 20 pictures: " + i);
        }
        return new Footage(ps, pictures);
    }

    private int export(Path config, Path output, String from, String to, String... more) {
        List<String> args = new ArrayList<>(List.of("export", "--camera", "gate-3", "--from", from, "--to", to, "-o",
                output.toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return run(Map.of(), args.toArray(String[]::new));
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return Main.cli().run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String ffprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(FFPROBE.toString(), "-v", "error"));
        command.addAll(List.of(args));
        Result r = exec(command.toArray(String[]::new));
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.stderr());
        return r.stdout();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result exec(String... command) throws Exception {
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past 120 s");
        }
        return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
