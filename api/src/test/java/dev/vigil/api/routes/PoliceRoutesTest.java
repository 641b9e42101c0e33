package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import dev.vigil.core.port.EvidenceExports;
import dev.vigil.core.port.RecordingPlayback;
import dev.vigil.core.port.RecordingSearch;
import dev.vigil.core.search.CameraCoverage;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import dev.vigil.core.search.SearchArea;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The police routes over a real socket with in-memory ports behind them (the ports themselves are
 * tested in storage, and all of it together in app's PoliceApiIT): who may call what, the stated
 * reason, site scopes, range requests, one audit row per viewing, and the 400s naming the field.
 */
class PoliceRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-03-01T14:00:00Z");
    private static final byte[] MOVIE = new byte[200_000];
    private static final Map<String, SiteId> SITES = Map.of("gate-3", SiteId.of("yard"), "dock-1", SiteId.of("depot"));
    private static ApiFixture api;
    private static RecordingQuery lastQuery;
    private static final PoliceFakes.Exports EXPORTS = new PoliceFakes.Exports(MOVIE);

    @BeforeAll
    static void start() {
        for (int i = 0; i < MOVIE.length; i++) {
            MOVIE[i] = (byte) (i * 13 + 5);
        }
        api = new ApiFixture(ApiLimitsConfig.defaults(), camera -> Optional.ofNullable(SITES.get(camera.value())),
                f -> PoliceRoutes.of(new PoliceFakes.Search(q -> lastQuery = q), new PoliceFakes.Playback(MOVIE),
                        EXPORTS, f.audit, camera -> Optional.ofNullable(SITES.get(camera.value()))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static final String SEARCH = "/api/v1/recordings/search?from=2026-03-01T14:00:00Z&to=2026-03-01T14:20:00Z"
            + "&lat=21.0285&lon=105.8542&radius=500";
    private static final String MOVIE_URL = "/api/v1/cameras/gate-3/playback.mp4?from=2026-03-01T14:00:00Z"
            + "&to=2026-03-01T14:20:00Z";

    @Test
    void rolesAndTheStatedReason() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        String police = api.token(Role.POLICE, null);
        String operator = api.token(Role.OPERATOR, null);
        String viewer = api.token(Role.VIEWER, null);
        String integrator = api.token(Role.INTEGRATOR, null);
        String parts = "/api/v1/cameras/gate-3/playback?from=2026-03-01T14:00:00Z&to=2026-03-01T14:20:00Z";
        for (String path : List.of(SEARCH, parts, MOVIE_URL)) {
            assertEquals(200, get(path, admin, null).statusCode(), path);
            assertEquals(200, get(path, police, "case 17").statusCode(), path);
            assertEquals(200, get(path, operator, null).statusCode(), "operators review: " + path);
            HttpResponse<String> noReason = get(path, police, null);
            assertEquals(400, noReason.statusCode(), path);
            assertTrue(noReason.body().contains("X-Vigil-Reason"), noReason.body());
            assertEquals(403, get(path, viewer, null).statusCode(), path);
            assertEquals(403, get(path, integrator, null).statusCode(), path);
            assertEquals(401, get(path, null, null).statusCode(), path);
        }
        String body = "{\"camera\":\"gate-3\",\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"reason\":\"CASE-2026-17\"}";
        assertEquals(202, post("/api/v1/exports", admin, null, body).statusCode());
        assertEquals(202, post("/api/v1/exports", police, "case 17", body).statusCode());
        assertEquals(400, post("/api/v1/exports", police, null, body).statusCode());
        assertEquals(403, post("/api/v1/exports", operator, null, body).statusCode(), "operators do not export");
        assertEquals(403, post("/api/v1/exports", viewer, null, body).statusCode());
        assertEquals(403, post("/api/v1/exports", integrator, null, body).statusCode());
        HttpResponse<String> key = get("/api/v1/exports/signing-key", null, null);
        assertEquals(200, key.statusCode(), "the public key is public");
        assertTrue(key.body().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals("sha256:" + "a".repeat(64), key.headers().firstValue("X-Vigil-Key-Id").orElseThrow());
    }

    @Test
    void searchAnswersWithCoverageAndTheTokensSitesOnly() throws Exception {
        String police = api.token(Role.POLICE, null);
        JsonNode all = JSON.readTree(get(SEARCH, police, "case 17").body());
        assertEquals(2, all.get("cameras").size());
        JsonNode gate = all.get("cameras").get(0);
        assertEquals("gate-3", gate.get("camera").asText());
        assertEquals("Gate 3", gate.get("name").asText());
        assertEquals("yard", gate.get("site").asText());
        assertEquals("security", gate.get("kind").asText());
        assertEquals(120.5, gate.get("distanceMetres").asDouble());
        assertEquals("2026-03-01T14:00:00Z", gate.get("covered").get(0).get("from").asText());
        assertEquals("2026-03-01T14:05:00Z", gate.get("gaps").get(0).get("from").asText());
        assertEquals("/api/v1/cameras/gate-3/playback?from=2026-03-01T14%3A00%3A00Z&to=2026-03-01T14%3A20%3A00Z",
                gate.get("playback").asText());
        assertEquals("circle of 500.0 m around 21.028500,105.854200", all.get("area").asText());
        AuditRecord row = last();
        assertEquals(AuditAction.SEARCH, row.event().action());
        assertEquals("case 17", row.event().reason());
        assertEquals("circle of 500.0 m around 21.028500,105.854200", row.event().target());

        String depotOnly = api.token(Role.POLICE, "depot");
        JsonNode scoped = JSON.readTree(get(SEARCH, depotOnly, "case 17").body());
        assertEquals(1, scoped.get("cameras").size());
        assertEquals("dock-1", scoped.get("cameras").get(0).get("camera").asText());

        String polygon = "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\",\"kind\":\"traffic\","
                + "\"area\":{\"type\":\"polygon\",\"points\":[{\"lat\":21.02,\"lon\":105.85},{\"lat\":21.02,"
                + "\"lon\":105.86},{\"lat\":21.03,\"lon\":105.86},{\"lat\":21.03,\"lon\":105.85}]}}";
        assertEquals(200, post("/api/v1/recordings/search", police, "case 17", polygon).statusCode());
        assertEquals(4, ((SearchArea.Polygon) lastQuery.area()).vertices().size());
        assertEquals(CameraKind.TRAFFIC, lastQuery.kind());
        assertEquals(200, get("/api/v1/recordings/search?from=2026-03-01T14:00:00Z&to=2026-03-01T14:20:00Z"
                + "&box=21.02,105.85,21.03,105.86", police, "x").statusCode());
        assertEquals(SearchArea.Box.of(21.02, 105.85, 21.03, 105.86), lastQuery.area());
    }

    @Test
    void badSearchesAreFourHundredsNamingTheField() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        String base = "/api/v1/recordings/search?from=2026-03-01T14:00:00Z";
        assertField(get(base + "&lat=21&lon=105&radius=500", admin, null), "to");
        assertField(get(base + "&to=2026-03-01T13:00:00Z&lat=21&lon=105&radius=500", admin, null), "to");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=21&lon=105&radius=0", admin, null), "radius");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=91&lon=105&radius=10", admin, null), "lat");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=21&lon=-181&radius=10", admin, null), "lon");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=21&lon=NaN&radius=10", admin, null), "lon");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=abc&lon=105&radius=10", admin, null), "lat");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=21&lon=105", admin, null), "radius");
        assertField(get(base + "&to=2026-03-01T15:00:00Z", admin, null), "area");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&lat=21&lon=105&radius=10&box=1,2,3,4", admin, null), "area");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&box=1,2,3", admin, null), "box");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&box=10,179,11,-179", admin, null), "box");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&polygon=1,2;3,4", admin, null), "polygon");
        assertField(get(base + "&to=2026-03-20T15:00:00Z&box=1,2,3,4", admin, null), "to");
        assertField(get(base + "&to=2026-03-01T15:00:00Z&box=1,2,3,4&kind=bus", admin, null), "kind");
        String post = "/api/v1/recordings/search";
        assertField(post(post, admin, null, "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"area\":{\"type\":\"blob\"}}"), "area.type");
        assertField(post(post, admin, null, "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"area\":{\"type\":\"circle\",\"lat\":21,\"lon\":105}}"), "area.radiusMetres");
        assertField(post(post, admin, null, "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"area\":{\"type\":\"polygon\",\"points\":[{\"lat\":1,\"lon\":2},{\"lat\":1}]}}"), "area.points[1].lon");
        assertField(post(post, admin, null, "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"area\":{\"type\":\"polygon\",\"points\":[{\"lat\":1,\"lon\":2},{\"lat\":99,\"lon\":2}]}}"),
                "area.points[1].lat");
        assertField(post(post, admin, null, "{\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\","
                + "\"area\":{\"type\":\"circle\",\"lat\":21,\"lon\":105,\"radiusMetres\":5,\"colour\":1}}"),
                "area.colour");
    }

    @Test
    void playbackServesRangesAndAuditsEachViewingOnce() throws Exception {
        String police = api.token(Role.POLICE, null);
        int before = api.audit.rows().size();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> part = api.http.send(HttpRequest.newBuilder(api.uri(MOVIE_URL))
                    .header("Authorization", "Bearer " + police).header("X-Vigil-Reason", "case 17")
                    .header("Range", "bytes=" + (1000 * i) + "-" + (1000 * i + 499)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertEquals("bytes " + (1000 * i) + "-" + (1000 * i + 499) + "/200000",
                    part.headers().firstValue("Content-Range").orElseThrow());
            assertArrayEquals(Arrays.copyOfRange(MOVIE, 1000 * i, 1000 * i + 500), part.body());
            assertEquals("2026-03-01T13:59:58Z", part.headers().firstValue("X-Vigil-Start").orElseThrow());
            assertEquals("2026-03-01T14:05:00Z", part.headers().firstValue("X-Vigil-Next-Part").orElseThrow());
            assertEquals("</api/v1/cameras/gate-3/playback.mp4?from=2026-03-01T14%3A05%3A00Z&to=2026-03-01T14%3A20%3A00Z>;"
                    + " rel=\"next\"", part.headers().firstValue("Link").orElseThrow());
            assertEquals("\"etag-1\"", part.headers().firstValue("ETag").orElseThrow());
        }
        List<AuditRecord> rows = api.audit.rows().subList(before, api.audit.rows().size());
        assertEquals(1, rows.size(), "one row for three range requests of one viewing");
        assertEquals(AuditAction.PLAYBACK, rows.get(0).event().action());
        assertEquals(CameraId.of("gate-3"), rows.get(0).event().camera());
        assertEquals("case 17", rows.get(0).event().reason());

        // A <video src> sends neither header: token and reason in the query; another reason is another row.
        HttpResponse<byte[]> whole = api.http.send(HttpRequest.newBuilder(api.uri(MOVIE_URL + "&access_token=" + police
                + "&reason=case%2018")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(MOVIE, whole.body());
        assertEquals("case 18", last().event().reason());
        assertEquals(before + 2, api.audit.rows().size());

        String yardless = api.token(Role.POLICE, "depot");
        assertEquals(403, get(MOVIE_URL, yardless, "case 17").statusCode(), "gate-3 is at yard");
        assertField(get("/api/v1/cameras/gate-3/playback.mp4?from=2026-03-01T14:00:00Z&to=2026-03-01T17:00:00Z",
                police, "x"), "to");
        assertEquals(404, get("/api/v1/cameras/none-9/playback.mp4?from=2026-03-01T14:00:00Z&to=2026-03-01T14:10:00Z",
                police, "x").statusCode());
    }

    @Test
    void exportJobsFromRequestToDownload() throws Exception {
        String police = api.token(Role.POLICE, null);
        HttpResponse<String> created = post("/api/v1/exports", police, "case 17", "{\"camera\":\"gate-3\","
                + "\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\",\"reason\":\"CASE-2026-17\"}");
        assertEquals(202, created.statusCode(), created.body());
        JsonNode job = JSON.readTree(created.body());
        String id = job.get("id").asText();
        assertEquals("/api/v1/exports/" + id, created.headers().firstValue("Location").orElseThrow());
        AuditRecord exportRow = last();
        assertEquals(AuditAction.EXPORT, exportRow.event().action());
        assertEquals("export job " + id, exportRow.event().target());

        JsonNode status = JSON.readTree(get("/api/v1/exports/" + id, police, "case 17").body());
        assertEquals("done", status.get("state").asText());
        assertEquals("CASE-2026-17", status.get("reason").asText());
        assertTrue(status.get("requestedBy").asText().startsWith("test police (token t"), status.toString());
        String url = status.get("files").get(0).get("url").asText();
        assertEquals("/api/v1/exports/" + id + "/files/gate-3_20260301T140000Z.mp4", url);
        int before = api.audit.rows().size();
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> file = api.http.send(HttpRequest.newBuilder(api.uri(url))
                    .header("Authorization", "Bearer " + police).header("X-Vigil-Reason", "case 17").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            assertArrayEquals(MOVIE, file.body());
            assertEquals("attachment; filename=\"gate-3_20260301T140000Z.mp4\"",
                    file.headers().firstValue("Content-Disposition").orElseThrow());
        }
        assertEquals(before + 1, api.audit.rows().size(), "one download row");
        assertEquals(AuditAction.DOWNLOAD, last().event().action());

        String depotOnly = api.token(Role.POLICE, "depot");
        assertEquals(403, get("/api/v1/exports/" + id, depotOnly, "x").statusCode());
        assertEquals(403, post("/api/v1/exports", depotOnly, "x", "{\"camera\":\"gate-3\",\"from\":"
                + "\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\",\"reason\":\"r\"}").statusCode());
        assertEquals(404, get("/api/v1/exports/x" + "q".repeat(20), police, "x").statusCode());
        assertField(get("/api/v1/exports/..%2F..%2Fetc", police, "x"), "id");
        assertEquals(404, get("/api/v1/exports/" + id + "/files/other.mp4", police, "x").statusCode());
        assertField(post("/api/v1/exports", police, "x", "{\"camera\":\"gate-3\",\"from\":\"2026-03-01T14:00:00Z\","
                + "\"to\":\"2026-03-01T14:20:00Z\"}"), "reason");
        assertField(post("/api/v1/exports", police, "x", "{\"camera\":\"gate-3\",\"from\":\"2026-03-01T14:00:00Z\","
                + "\"to\":\"2026-03-01T13:20:00Z\",\"reason\":\"r\"}"), "to");
        assertField(post("/api/v1/exports", police, "x", "{\"camera\":\"../x\",\"from\":\"2026-03-01T14:00:00Z\","
                + "\"to\":\"2026-03-01T14:20:00Z\",\"reason\":\"r\"}"), "camera");
        assertField(post("/api/v1/exports", police, "x", "{\"camera\":\"gate-3\",\"from\":\"2026-03-01T14:00:00Z\","
                + "\"to\":\"2026-03-03T14:20:00Z\",\"reason\":\"r\"}"), "to");
    }

    @Test
    void aDoneExportIsDeletedWithAReasonOnceAndItsFilesAreThenGone() throws Exception {
        String police = api.token(Role.POLICE, null);
        String admin = api.token(Role.ADMIN, null);
        String id = JSON.readTree(post("/api/v1/exports", police, "case 18", "{\"camera\":\"gate-3\","
                + "\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T14:20:00Z\",\"reason\":\"CASE-18\"}").body())
                .get("id").asText();
        String job = "/api/v1/exports/" + id;
        String file = job + "/files/gate-3_20260301T140000Z.mp4";

        assertEquals(403, delete(job, api.token(Role.OPERATOR, null), "x").statusCode(), "operators do not delete");
        assertEquals(403, delete(job, api.token(Role.VIEWER, null), "x").statusCode());
        assertEquals(403, delete(job, api.token(Role.POLICE, "depot"), "x").statusCode(), "another site's camera");
        for (String token : List.of(police, admin)) {
            HttpResponse<String> noReason = delete(job, token, null);
            assertEquals(400, noReason.statusCode(), "everyone states why evidence is destroyed");
            assertTrue(noReason.body().contains("X-Vigil-Reason"), noReason.body());
        }
        assertEquals(404, delete("/api/v1/exports/x" + "q".repeat(20), police, "x").statusCode());
        assertField(delete("/api/v1/exports/..%2F..%2Fetc", police, "x"), "id");
        assertEquals(200, get(file, police, "x").statusCode(), "nothing deleted so far");

        int before = api.audit.rows().size();
        HttpResponse<String> deleted = delete(job, police, "CASE-18 closed, court order 44");
        assertEquals(200, deleted.statusCode(), deleted.body());
        JsonNode body = JSON.readTree(deleted.body());
        assertEquals("deleted", body.get("state").asText());
        assertEquals("2026-03-02T09:00:00Z", body.get("deletedAt").asText());
        assertTrue(body.get("expiredAt").isNull());
        assertTrue(body.get("files").get(0).get("url").isNull(), "the record of the file stays, without a URL");
        assertEquals(before + 1, api.audit.rows().size());
        AuditRecord row = last();
        assertEquals(AuditAction.EXPORT_DELETE, row.event().action());
        assertEquals("CASE-18 closed, court order 44", row.event().reason());
        assertEquals("gate-3", row.event().camera().value());
        assertEquals("export job " + id + " (1 files)", row.event().target());

        HttpResponse<String> gone = get(file, police, "x");
        assertEquals(410, gone.statusCode());
        assertEquals("gone", JSON.readTree(gone.body()).get("code").asText(), gone.body());
        assertEquals("deleted", JSON.readTree(get(job, police, "x").body()).get("state").asText());
        HttpResponse<String> again = delete(job, admin, "again");
        assertEquals(200, again.statusCode(), "idempotent");
        assertEquals("deleted", JSON.readTree(again.body()).get("state").asText());
        assertEquals(before + 1, api.audit.rows().size(), "nothing removed, nothing audited");

        ExportJob done = EXPORTS.find(id).orElseThrow();
        ExportJob running = new ExportJob("x" + "r".repeat(20), done.order(), ExportJob.State.RUNNING, 0.5,
                done.createdAt(), null, List.of(), null, null);
        EXPORTS.put(running);
        HttpResponse<String> busy = delete("/api/v1/exports/" + running.id(), police, "x");
        assertEquals(409, busy.statusCode());
        assertEquals("failed_precondition", JSON.readTree(busy.body()).get("code").asText());
        ExportJob expired = new ExportJob("x" + "s".repeat(20), done.order(), ExportJob.State.DONE, 1,
                done.createdAt(), done.finishedAt(), done.files(), null, null)
                .removed(ExportJob.State.EXPIRED, Instant.parse("2026-04-01T00:00:00Z"));
        EXPORTS.put(expired);
        JsonNode status = JSON.readTree(get("/api/v1/exports/" + expired.id(), police, "x").body());
        assertEquals("expired", status.get("state").asText());
        assertEquals("2026-04-01T00:00:00Z", status.get("expiredAt").asText());
        assertEquals(410, get("/api/v1/exports/" + expired.id() + "/files/gate-3_20260301T140000Z.mp4", police, "x")
                .statusCode());
        assertEquals("expired", JSON.readTree(delete("/api/v1/exports/" + expired.id(), police, "x").body())
                .get("state").asText());
    }

    private static HttpResponse<String> delete(String path, String token, String reason) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).DELETE().header("Authorization", "Bearer " + token);
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("invalid_argument", error.get("code").asText(), response.body());
        assertEquals(field, error.get("details").get("field").asText(), response.body());
    }

    private static AuditRecord last() {
        List<AuditRecord> rows = api.audit.rows();
        return rows.get(rows.size() - 1);
    }

    private static HttpResponse<String> get(String path, String token, String reason) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String reason, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
