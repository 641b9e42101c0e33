package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The framework over a real socket: routing, errors, auth, JSON bodies, ranges, streams. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BLOB = new byte[200_000];
    private static ApiFixture api;

    /** A test body record validated like the real ones. */
    public record Thing(String name, int size, List<String> tags) {
        public Thing {
            if (size < 0) {
                throw new FieldError("size", "size: must be >= 0, was " + size);
            }
        }
    }

    @BeforeAll
    static void start() {
        for (int i = 0; i < BLOB.length; i++) {
            BLOB[i] = (byte) (i * 31 + 7);
        }
        RouteGroup test = () -> List.of(
                Route.get("/t/cameras/{id}/history", Access.anyRole().sites(new SiteRule.CameraParam("id")),
                        r -> ApiResponse.json(java.util.Map.of("camera", r.cameraParam("id").value()))),
                Route.post("/t/things", Access.roles(Role.INTEGRATOR, Role.ADMIN),
                        r -> ApiResponse.json(201, r.body(Thing.class))),
                Route.get("/t/police", Access.roles(Role.POLICE, Role.ADMIN).reasonFrom(Role.POLICE).allowQueryToken(),
                        r -> {
                            api.audit.append(r.auditEvent(AuditAction.PLAYBACK, null, null, null, "blob"));
                            return ApiResponse.resource(blob());
                        }),
                Route.get("/t/stream", Access.anyRole(), r -> ApiResponse.stream(200, "text/plain", out -> {
                    for (int i = 0; i < 1000; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                })),
                Route.get("/t/fail", Access.anyRole(), r -> {
                    throw new IllegalStateException("secret internals");
                }),
                Route.get("/t/missing", Access.anyRole(), r -> {
                    throw new VigilException(ErrorKind.NOT_FOUND, "no such thing");
                }));
        api = new ApiFixture(ApiLimitsConfig.defaults(),
                camera -> camera.value().startsWith("yard-") ? Optional.of(SiteId.of("yard")) : Optional.empty(),
                List.of(test));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static SizedResource blob() {
        return new SizedResource() {
            @Override
            public long size() {
                return BLOB.length;
            }

            @Override
            public String contentType() {
                return "video/mp4";
            }

            @Override
            public String etag() {
                return "\"blob-1\"";
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(BLOB, (int) offset, (int) length);
            }
        };
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void pathParametersRolesAndSites() throws Exception {
        String viewer = api.token(Role.VIEWER, null);
        HttpResponse<String> ok = api.get("/t/cameras/yard-1/history", viewer);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("yard-1", json(ok).get("camera").asText());
        String scoped = api.token(Role.VIEWER, "gate");
        HttpResponse<String> denied = api.get("/t/cameras/yard-1/history", scoped);
        assertEquals(403, denied.statusCode(), denied.body());
        assertEquals("permission_denied", json(denied).get("code").asText());
        HttpResponse<String> traversal = api.get("/t/cameras/..%2F..%2Fetc%2Fpasswd/history", viewer);
        assertEquals(400, traversal.statusCode(), traversal.body());
        assertEquals("id", json(traversal).get("details").get("field").asText());
        HttpResponse<String> none = api.get("/t/cameras/yard-1/history", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> bad = api.get("/t/cameras/yard-1/history", "vgl_" + "x".repeat(43));
        assertEquals(401, bad.statusCode());
    }

    @Test
    void notFoundAndMethodNotAllowed() throws Exception {
        HttpResponse<String> nf = api.get("/t/nothing", null);
        assertEquals(404, nf.statusCode());
        assertEquals("not_found", json(nf).get("code").asText());
        HttpResponse<String> wrong = api.send("DELETE", "/t/things", null, null, null);
        assertEquals(405, wrong.statusCode());
        assertEquals("POST", wrong.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void jsonBodiesAreStrictAndNameTheField() throws Exception {
        String integrator = api.token(Role.INTEGRATOR, null);
        HttpResponse<String> created = api.send("POST", "/t/things", integrator, "application/json",
                "{\"name\":\"a\",\"size\":3,\"tags\":[\"x\"]}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> unknown = api.send("POST", "/t/things", integrator, "application/json",
                "{\"name\":\"a\",\"size\":3,\"colour\":\"red\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("colour", json(unknown).get("details").get("field").asText(), unknown.body());
        HttpResponse<String> type = api.send("POST", "/t/things", integrator, "application/json",
                "{\"name\":\"a\",\"size\":\"big\"}");
        assertEquals(400, type.statusCode());
        assertEquals("size", json(type).get("details").get("field").asText(), type.body());
        HttpResponse<String> invalid = api.send("POST", "/t/things", integrator, "application/json",
                "{\"name\":\"a\",\"size\":-1}");
        assertEquals(400, invalid.statusCode());
        assertEquals("size", json(invalid).get("details").get("field").asText(), invalid.body());
        HttpResponse<String> nested = api.send("POST", "/t/things", integrator, "application/json",
                "{\"name\":\"a\",\"size\":1,\"tags\":[\"x\",{}]}");
        assertEquals(400, nested.statusCode());
        assertEquals("tags[1]", json(nested).get("details").get("field").asText(), nested.body());
        HttpResponse<String> malformed = api.send("POST", "/t/things", integrator, "application/json", "{\"name\":");
        assertEquals(400, malformed.statusCode());
        assertTrue(json(malformed).get("message").asText().startsWith("malformed JSON"), malformed.body());
        HttpResponse<String> media = api.send("POST", "/t/things", integrator, "text/plain", "{}");
        assertEquals(415, media.statusCode());
        HttpResponse<String> viewer = api.send("POST", "/t/things", api.token(Role.VIEWER, null), "application/json",
                "{}");
        assertEquals(403, viewer.statusCode());
    }

    @Test
    void policeMustStateAReasonAndAreAudited() throws Exception {
        String police = api.token(Role.POLICE, null);
        HttpResponse<String> noReason = api.get("/t/police", police);
        assertEquals(400, noReason.statusCode());
        assertEquals("X-Vigil-Reason", json(noReason).get("details").get("field").asText());
        int before = api.audit.rows().size();
        HttpResponse<byte[]> ok = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + police).header("X-Vigil-Reason", "case 2026-17").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        assertTrue(Arrays.equals(BLOB, ok.body()));
        assertEquals(before + 1, api.audit.rows().size());
        assertEquals("case 2026-17", api.audit.rows().get(before).event().reason());
        assertEquals(Role.POLICE, api.audit.rows().get(before).event().role());
        // a <video src> cannot send headers: token and reason in the query
        HttpResponse<byte[]> query = api.http.send(HttpRequest.newBuilder(api.uri("/t/police?access_token=" + police
                + "&reason=case%202026-17")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, query.statusCode());
        HttpResponse<String> queryElsewhere = api.get("/t/cameras/yard-1/history?access_token=" + police, null);
        assertEquals(401, queryElsewhere.statusCode(), "only routes that allow it take the token from the query");
    }

    @Test
    void rangesOnASizedResource() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        HttpResponse<byte[]> part = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + admin).header("Range", "bytes=100-199").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/200000", part.headers().firstValue("Content-Range").orElse(""));
        assertTrue(Arrays.equals(Arrays.copyOfRange(BLOB, 100, 200), part.body()));
        HttpResponse<byte[]> suffix = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + admin).header("Range", "bytes=-10").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, suffix.statusCode());
        assertTrue(Arrays.equals(Arrays.copyOfRange(BLOB, BLOB.length - 10, BLOB.length), suffix.body()));
        HttpResponse<String> beyond = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + admin).header("Range", "bytes=200000-").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */200000", beyond.headers().firstValue("Content-Range").orElse(""));
        HttpResponse<byte[]> staleIfRange = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + admin).header("Range", "bytes=0-9")
                .header("If-Range", "\"blob-0\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, staleIfRange.statusCode());
        assertEquals(BLOB.length, staleIfRange.body().length);
        HttpResponse<String> head = api.http.send(HttpRequest.newBuilder(api.uri("/t/police"))
                .header("Authorization", "Bearer " + admin).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("200000", head.headers().firstValue("Content-Length").orElse(""));
        assertEquals("bytes", head.headers().firstValue("Accept-Ranges").orElse(""));
    }

    @Test
    void streamsAndFailures() throws Exception {
        String viewer = api.token(Role.VIEWER, null);
        HttpResponse<String> s = api.get("/t/stream", viewer);
        assertEquals(200, s.statusCode());
        assertEquals(1000, s.body().lines().count());
        HttpResponse<String> fail = api.get("/t/fail", viewer);
        assertEquals(500, fail.statusCode());
        assertEquals("internal", json(fail).get("code").asText());
        assertTrue(!fail.body().contains("secret internals") && !fail.body().contains("Exception"), fail.body());
        HttpResponse<String> missing = api.get("/t/missing", viewer);
        assertEquals(404, missing.statusCode());
        assertEquals("no such thing", json(missing).get("message").asText());
        assertTrue(api.get("/t/stream", viewer).statusCode() == 200, "still serving");
    }

    @Test
    void requestsAreCountedByRouteTemplate() throws Exception {
        String viewer = api.token(Role.VIEWER, null);
        api.get("/t/cameras/yard-9/history", viewer);
        var snapshot = api.registry.scrape();
        String text;
        try (var out = new java.io.ByteArrayOutputStream()) {
            io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out, snapshot);
            text = out.toString(StandardCharsets.UTF_8);
        }
        assertTrue(text.contains("vigil_http_request_duration_seconds_count{method=\"GET\",route=\"/t/cameras/{id}/history\",status=\"200\"}"),
                text);
    }
}
