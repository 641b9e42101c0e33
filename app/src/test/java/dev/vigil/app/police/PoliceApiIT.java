package dev.vigil.app.police;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.Main;
import dev.vigil.app.VigilNode;
import dev.vigil.app.cli.Console;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.storage.catalog.RecordingRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The police's day end to end against a running node on its embedded services (S3, Kafka, H2
 * catalog), over HTTP: a citizen reports a collision near a point around 10:00; the officer
 * searches 500 m around it, lists the camera's playback parts, plays the first (whole and by
 * range), exports the range as evidence, downloads the files and checks them with
 * {@code ./vigil verify-export} against the key the API publishes, then deletes the export (its
 * objects leave the bucket, downloads answer 410); the admin reads the audit log,
 * whose chain verifies. Operators play back but cannot export; viewers cannot search.
 *
 * <p>Recordings (real footage, 10 fps): camera gate-3 at the reported point, segments 10:00:00 to
 * 10:01:00 (abutting), a 10 s gap, then 10:01:10 to 10:01:29.5; camera far-1, 2 km away.
 */
@Timeout(300)
class PoliceApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final GeoPoint REPORT = GeoPoint.of(21.0285, 105.8542);

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void searchPlayExportVerifyAndAudit() throws Exception {
        RecordedFootage footage = RecordedFootage.load(dir);
        Path data = dir.resolve("data");
        String yaml = """
                node: {id: police-it, dataDir: %s}
                api: {port: 0}
                objectStore: {embedded: {port: 0}}
                kafka: {embedded: {port: 0}, embeddedControllerPort: 0}
                sites:
                  - {id: yard, name: Hoan Kiem yard}
                cameras:
                  - id: gate-3
                    site: yard
                    name: Trang Tien gate
                    kind: security
                    url: rtsp://127.0.0.1:9/never
                    location: {lat: 21.0285, lon: 105.8542}
                    record: {mode: "off"}
                """.formatted(data);
        VigilConfig config = new ConfigLoader(Map.of()).loadYaml(yaml, "police-it.yml");
        try (VigilNode node = VigilNode.start(config, Map.of())) {
            port = node.api().port();
            RecordingRepository recordings = new RecordingRepository(node.catalog().dataSource());
            footage.record(node.objectStore(), "vigil-segments", recordings, "gate-3", REPORT, 0, 300, T0, 300);
            footage.record(node.objectStore(), "vigil-segments", recordings, "gate-3", REPORT, 300, 300,
                    T0.plusSeconds(30), -1);
            footage.record(node.objectStore(), "vigil-segments", recordings, "gate-3", REPORT, 600, 195,
                    T0.plusSeconds(70), -1);
            footage.record(node.objectStore(), "vigil-segments", recordings, "far-1", GeoPoint.of(21.0465, 105.8542),
                    0, 100, T0, -1);
            TokenIssuer issuer = new TokenIssuer(node.api().tokens(), new SecureRandom(), Clock.systemUTC());
            String admin = issuer.issue(Role.ADMIN, SiteScope.ALL, "admin", "test").secret();
            String police = issuer.issue(Role.POLICE, SiteScope.ALL, "insp.tran", "test").secret();
            String operator = issuer.issue(Role.OPERATOR, SiteScope.ALL, "ioc.op", "test").secret();
            String viewer = issuer.issue(Role.VIEWER, SiteScope.ALL, "wall", "test").secret();

            // 1. Search: 500 m around the reported point, 09:55 to 10:05.
            String search = "/api/v1/recordings/search?from=2026-03-01T09:55:00Z&to=2026-03-01T10:05:00Z"
                    + "&lat=21.0285&lon=105.8542&radius=500";
            HttpResponse<String> found = get(search, police, "CASE-2026-117 collision report");
            assertEquals(200, found.statusCode(), found.body());
            JsonNode cameras = JSON.readTree(found.body()).get("cameras");
            assertEquals(1, cameras.size(), "far-1 is 2 km away: " + found.body());
            JsonNode gate = cameras.get(0);
            assertEquals("Trang Tien gate", gate.get("name").asText());
            assertEquals("yard", gate.get("site").asText());
            assertEquals(List.of("2026-03-01T10:00:00Z/2026-03-01T10:01:00Z", "2026-03-01T10:01:10Z/2026-03-01T10:01:29.500Z"),
                    spans(gate.get("covered")));
            assertEquals(List.of("2026-03-01T09:55:00Z/2026-03-01T10:00:00Z", "2026-03-01T10:01:00Z/2026-03-01T10:01:10Z",
                    "2026-03-01T10:01:29.500Z/2026-03-01T10:05:00Z"), spans(gate.get("gaps")));
            assertEquals(403, get(search, viewer, null).statusCode(), "viewers do not search recordings");

            // 2. The playback parts of 10:00:10-10:01:20, then the first part as MP4.
            JsonNode parts = JSON.readTree(get(gate.get("playback").asText().replace("09%3A55%3A00", "10%3A00%3A10")
                    .replace("10%3A05%3A00", "10%3A01%3A20"), police, "CASE-2026-117").body()).get("parts");
            assertEquals(2, parts.size(), parts.toString());
            assertEquals("gap", parts.get(1).get("startsBecause").asText());
            String movieUrl = "/api/v1/cameras/gate-3/playback.mp4?from=2026-03-01T10:00:10Z&to=2026-03-01T10:01:20Z";
            HttpResponse<byte[]> movie = getBytes(movieUrl, operator, null, null);
            assertEquals(200, movie.statusCode(), "operators play back");
            assertEquals("2026-03-01T10:00:10Z", movie.headers().firstValue("X-Vigil-Start").orElseThrow());
            assertEquals("2026-03-01T10:01:00Z", movie.headers().firstValue("X-Vigil-End").orElseThrow());
            assertEquals("2026-03-01T10:01:10Z", movie.headers().firstValue("X-Vigil-Next-Part").orElseThrow());
            HttpResponse<byte[]> first = getBytes(parts.get(0).get("url").asText(), operator, null, null);
            assertArrayEquals(movie.body(), first.body(), "the first part's URL plays the same movie");
            assertTrue(first.headers().firstValue("X-Vigil-Next-Part").isEmpty());
            Path mp4 = Files.write(dir.resolve("played.mp4"), movie.body());
            assertEquals("h264,500", ffprobe("-select_streams", "v:0", "-count_frames", "-show_entries",
                    "stream=codec_name,nb_read_frames", "-of", "csv=p=0:s=,", mp4.toString()).strip());
            HttpResponse<byte[]> range = getBytes(movieUrl, police, "CASE-2026-117", "bytes=100000-150000");
            assertEquals(206, range.statusCode());
            assertArrayEquals(Arrays.copyOfRange(movie.body(), 100_000, 150_001), range.body());

            // 3. Export 10:00:20-10:00:40 as evidence; operators may not.
            String order = "{\"camera\":\"gate-3\",\"from\":\"2026-03-01T10:00:20Z\",\"to\":\"2026-03-01T10:00:40Z\","
                    + "\"reason\":\"CASE-2026-117\"}";
            assertEquals(403, post("/api/v1/exports", operator, null, order).statusCode());
            HttpResponse<String> created = post("/api/v1/exports", police, "CASE-2026-117", order);
            assertEquals(202, created.statusCode(), created.body());
            String jobUrl = created.headers().firstValue("Location").orElseThrow();
            JsonNode job;
            do {
                Thread.sleep(100);
                job = JSON.readTree(get(jobUrl, police, "CASE-2026-117").body());
            } while (job.get("state").asText().equals("queued") || job.get("state").asText().equals("running"));
            assertEquals("done", job.get("state").asText(), job.toString());
            assertEquals(1.0, job.get("progress").asDouble());
            assertEquals(3, job.get("files").size(), job.toString());
            Path evidence = Files.createDirectories(dir.resolve("evidence"));
            for (JsonNode file : job.get("files")) {
                HttpResponse<byte[]> body = getBytes(file.get("url").asText(), police, "CASE-2026-117", null);
                assertEquals(200, body.statusCode());
                assertEquals(file.get("bytes").asLong(), body.body().length);
                Files.write(evidence.resolve(file.get("name").asText()), body.body());
            }
            HttpResponse<String> key = get("/api/v1/exports/signing-key", null, null);
            assertEquals(job.get("signingKeyId").asText(), key.headers().firstValue("X-Vigil-Key-Id").orElseThrow());
            Path published = Files.writeString(dir.resolve("node-key.pem"), key.body());
            Path part = evidence.resolve(job.get("files").get(0).get("name").asText());
            Path manifest = evidence.resolve(job.get("files").get(1).get("name").asText());
            assertEquals(0, cli("verify-export", part.toString(), manifest.toString(), "--key", published.toString()),
                    cliOut);
            assertTrue(cliOut.contains("VERIFIED"), cliOut);
            JsonNode written = JSON.readTree(manifest.toFile());
            assertEquals("CASE-2026-117", written.get("reason").asText());
            assertTrue(written.get("requestedBy").asText().startsWith("insp.tran (token t"), written.toString());
            assertEquals("h264,200", ffprobe("-select_streams", "v:0", "-count_frames", "-show_entries",
                    "stream=codec_name,nb_read_frames", "-of", "csv=p=0:s=,", part.toString()).strip());

            // 4. The case is closed: the officer deletes the export's files (a reason required); the
            //    objects leave the exports bucket, the job reads deleted, downloads answer 410.
            String jobId = job.get("id").asText();
            assertEquals(3, node.objectStore().list("vigil-exports", "exports/" + jobId + "/", 100).size());
            assertEquals(400, delete(jobUrl, police, null).statusCode(), "a reason is required");
            assertEquals(403, delete(jobUrl, operator, "x").statusCode());
            HttpResponse<String> deleted = delete(jobUrl, police, "CASE-2026-117 closed");
            assertEquals(200, deleted.statusCode(), deleted.body());
            JsonNode gone = JSON.readTree(deleted.body());
            assertEquals("deleted", gone.get("state").asText());
            assertTrue(!gone.get("deletedAt").isNull(), gone.toString());
            assertEquals(List.of(), node.objectStore().list("vigil-exports", "exports/" + jobId + "/", 100),
                    "every file left the bucket");
            HttpResponse<String> download = get(job.get("files").get(0).get("url").asText(), police, "CASE-2026-117");
            assertEquals(410, download.statusCode(), download.body());
            assertEquals("gone", JSON.readTree(download.body()).get("code").asText());
            assertEquals("deleted", JSON.readTree(get(jobUrl, admin, "check").body()).get("state").asText());
            HttpResponse<String> again = delete(jobUrl, admin, "again");
            assertEquals(200, again.statusCode(), "deleting again answers the state");
            assertEquals("deleted", JSON.readTree(again.body()).get("state").asText());

            // 5. The audit log: each act once, with who and why; the chain holds.
            JsonNode rows = JSON.readTree(get("/api/v1/audit?limit=1000", admin, null).body()).get("rows");
            // (the operator played two ranges: the whole one and its first part)
            List<String> acts = new ArrayList<>();
            for (JsonNode row : rows) {
                if (!row.get("action").asText().startsWith("token")) {
                    acts.add(row.get("action").asText() + " " + row.get("actorName").asText() + " "
                            + row.path("reason").asText(""));
                }
            }
            assertEquals(List.of("search insp.tran CASE-2026-117 collision report", "search insp.tran CASE-2026-117",
                    "playback ioc.op ", "playback ioc.op ", "playback insp.tran CASE-2026-117",
                    "export insp.tran CASE-2026-117",
                    "download insp.tran CASE-2026-117", "download insp.tran CASE-2026-117",
                    "download insp.tran CASE-2026-117", "export_delete insp.tran CASE-2026-117 closed"), acts);
            JsonNode deleteRow = rows.get(rows.size() - 1);
            assertEquals("gate-3", deleteRow.get("camera").asText(), deleteRow.toString());
            assertEquals("export job " + jobId + " (3 files)", deleteRow.get("target").asText());
            JsonNode verified = JSON.readTree(get("/api/v1/audit/verify", admin, null).body());
            assertTrue(verified.get("intact").asBoolean(), verified.toString());
            assertEquals(rows.size(), verified.get("rowsChecked").asInt(), verified.toString());
        }
    }

    private static List<String> spans(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.get("from").asText() + "/" + s.get("to").asText()));
        return out;
    }

    private HttpResponse<String> get(String path, String token, String reason) throws Exception {
        return http.send(request(path, token, reason, null).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String token, String reason, String range) throws Exception {
        return http.send(request(path, token, reason, range).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> delete(String path, String token, String reason) throws Exception {
        return http.send(request(path, token, reason, null).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String reason, String body) throws Exception {
        return http.send(request(path, token, reason, null).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token, String reason, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return b;
    }

    private String cliOut = "";

    private int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.cli().run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
        cliOut = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private String ffprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RecordedFootage.FFPROBE.toString(), "-v", "error"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "ffprobe", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out));
        return Files.readString(out);
    }
}
